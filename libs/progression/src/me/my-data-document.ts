import { csvText, CsvCell } from '@steppingstone/core';
import { escapeHtml } from '@steppingstone/notifications';
import { EQUALITY_PURPOSE, EQUALITY_WHO_SEES, PersonDataExport } from '@steppingstone/people';

export type DocumentValue = string | number | boolean | null;
export type DocumentRecord = Record<string, DocumentValue>;

/** One part of what the organisation holds, with why it holds it, in words the person reads. */
export interface DataSection {
  key: string;
  title: string;
  why: string;
  /** Column names as the files write them, with the words the readable document uses for each. */
  columns: Array<[string, string]>;
  records: DocumentRecord[];
}

export interface MyDataDocument {
  exportedAt: string;
  organisation: string;
  person: string;
  sections: DataSection[];
}

/** What the field-work tables hold about the person (read with SQL by the caller, without ids). */
export interface FieldRecords {
  activity: Array<{ occurredOn: string; minutes: number; kind: string; peopleReached: number | null; note: string | null; status: string }>;
  expenses: Array<{ incurredOn: string; category: string; description: string; miles: string | number | null; amountPence: number; status: string }>;
  checks: Array<{ kind: string; dbsLevel: string | null; barredList: boolean; title: string | null; checkedOn: string; expiresOn: string | null; evidenceSeenBy: string }>;
}

const CHANNELS: Record<string, string> = { email: 'email', phone: 'phone calls', sms: 'text messages', post: 'post' };
const PURPOSES: Record<string, string> = { contact: 'To be contacted', 'demographic-monitoring': 'Equality monitoring (your answers to the equality questions)' };
const METHODS: Record<string, string> = { 'online-form': 'online', 'paper-form': 'on a paper form', verbal: 'by telephone or in person', import: 'from a spreadsheet the organisation imported' };
const SOURCES: Record<string, string> = { self: 'you applied yourself', referral: 'someone referred you', coordinator: 'a coordinator entered it for you', event: 'at a recruitment event' };
const ANSWER_LABELS: Array<[string, string]> = [
  ['sex', 'Sex'],
  ['ageBand', 'Age group'],
  ['genderIdentity', 'Gender identity'],
  ['genderIdentityOther', 'Gender identity, in your words'],
  ['sexualOrientation', 'Sexual orientation'],
  ['sexualOrientationOther', 'Sexual orientation, in your words'],
  ['ethnicity', 'Ethnic group'],
  ['ethnicityOther', 'Ethnic group, in your words'],
  ['disability', 'Disability'],
  ['religion', 'Religion'],
  ['religionOther', 'Religion, in your words'],
  ['englishProficiency', 'How well you speak English'],
  ['mainLanguage', 'Main language'],
  ['livedExperience', 'Lived experience'],
];

const day = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
};
const instant = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string | Date).toISOString());
const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * Everything the organisation holds about a person, as a document they can read and files a program
 * can: each record built field by field from what is held, so no internal id (of the person, their
 * records, or the staff who wrote them) is ever copied in by accident.
 */
export function buildMyDataDocument(input: { organisation: string; localityName: string | null; exported: PersonDataExport; field: FieldRecords }): MyDataDocument {
  const { exported, field } = input;
  const person = exported.person;
  const { enrolments, placements, jobs } = exported.journey;
  const sections: DataSection[] = [];
  const add = (key: string, title: string, why: string, columns: Array<[string, string]>, records: DocumentRecord[]) => sections.push({ key, title, why, columns, records });

  add(
    'details',
    'Your contact details',
    'So that we can reach you about your training, placement and work in the ways you have chosen, and know which part of the borough you live in. You can change these yourself on the “My details” page.',
    [
      ['name', 'Name'],
      ['preferredName', 'Name you prefer'],
      ['email', 'Email address'],
      ['phone', 'Phone number'],
      ['address', 'Postal address'],
      ['postcode', 'Postcode'],
      ['locality', 'Part of the borough'],
      ['dateOfBirth', 'Date of birth'],
      ['contactBy', 'How you are happy to be contacted'],
      ['recordCreatedOn', 'Record created on'],
      ['lastChangedOn', 'Last changed on'],
    ],
    [
      {
        name: person.name,
        preferredName: person.preferredName,
        email: person.email,
        phone: person.phone,
        address: person.address,
        postcode: person.postcode,
        locality: input.localityName,
        dateOfBirth: day(person.dateOfBirth),
        contactBy: person.contactPreferences.map((c) => CHANNELS[c] ?? c).join(', ') || null,
        recordCreatedOn: day(person.createdAt),
        lastChangedOn: day(person.updatedAt),
      },
    ],
  );

  add(
    'consents',
    'What you have agreed to',
    'Our record of what you agreed to, when and how, so that we can show we use your information only as you allowed. We keep a consent you withdraw, with the date you withdrew it, as evidence of when it ended; what rested on it is deleted.',
    [
      ['purpose', 'What for'],
      ['wording', 'The words you agreed to'],
      ['given', 'How you gave it'],
      ['givenAt', 'Given on'],
      ['withdrawnAt', 'Withdrawn on'],
    ],
    exported.consents.map((c) => ({
      purpose: PURPOSES[c.purpose] ?? c.purpose,
      wording: c.wording,
      given: METHODS[c.method] ?? c.method,
      givenAt: instant(c.givenAt),
      withdrawnAt: instant(c.withdrawnAt),
    })),
  );

  const profile = exported.demographicProfile as unknown as Record<string, unknown> | null;
  add(
    'equalityAnswers',
    'Your answers to the equality questions',
    `${EQUALITY_PURPOSE} ${EQUALITY_WHO_SEES} We hold these only while your consent to equality monitoring stands.`,
    [
      ['question', 'Question'],
      ['answer', 'Your answer'],
    ],
    profile
      ? ANSWER_LABELS.filter(([field]) => profile[field] !== null && profile[field] !== undefined).map(([field, label]) => ({
          question: label,
          answer: Array.isArray(profile[field]) ? (profile[field] as string[]).join(', ') : String(profile[field]),
        }))
      : [],
  );

  add(
    'applications',
    'Your applications',
    'To consider your application for the programme and to keep a record of how it went, so that we can explain any decision and count how many people each programme reaches.',
    [
      ['programme', 'Programme'],
      ['intake', 'Intake'],
      ['appliedOn', 'Applied on'],
      ['howYouApplied', 'How you applied'],
      ['stage', 'Where it is now'],
      ['stageChangedOn', 'Since'],
    ],
    exported.applications.map((a) => ({
      programme: a.programmeName,
      intake: a.intakeName,
      appliedOn: day(a.appliedAt),
      howYouApplied: SOURCES[a.source] ?? a.source,
      stage: a.stage,
      stageChangedOn: day(a.stageChangedAt),
    })),
  );
  add(
    'applicationHistory',
    'How your applications moved',
    'Each step your application took, so that we can show how and when decisions were made.',
    [
      ['programme', 'Programme'],
      ['intake', 'Intake'],
      ['from', 'From'],
      ['to', 'To'],
      ['on', 'On'],
    ],
    exported.applications.flatMap((a) => a.transitions.map((t) => ({ programme: a.programmeName, intake: a.intakeName, from: t.fromStage, to: t.toStage, on: day(t.occurredAt) }))),
  );

  const course = (e: Record<string, unknown>) => text(e.cohortName);
  add(
    'training',
    'Your training',
    'To run your course, see that you complete it, and count how many people each course helps.',
    [
      ['course', 'Course'],
      ['status', 'Status'],
      ['enrolledOn', 'Enrolled on'],
      ['completedOn', 'Completed on'],
    ],
    enrolments.map((e) => ({ course: course(e), status: text(e.status), enrolledOn: day(e.enrolledAt), completedOn: day(e.completedAt) })),
  );
  add(
    'attendance',
    'Your attendance',
    'To see that you are getting the training you need, and to offer help early if you miss sessions.',
    [
      ['course', 'Course'],
      ['sessionOn', 'Session on'],
      ['status', 'You were'],
    ],
    enrolments.flatMap((e) => list<Record<string, unknown>>(e.attendance).map((a) => ({ course: course(e), sessionOn: day(a.heldOn), status: text(a.status) }))),
  );
  add(
    'assessments',
    'Your assessments',
    'To record that you met what the course asks for, which completing it depends on.',
    [
      ['course', 'Course'],
      ['assessment', 'Assessment'],
      ['result', 'Result'],
      ['recordedOn', 'Recorded on'],
    ],
    enrolments.flatMap((e) => list<Record<string, unknown>>(e.assessments).map((a) => ({ course: course(e), assessment: text(a.assessment), result: text(a.result), recordedOn: day(a.recordedAt) }))),
  );
  add(
    'withdrawals',
    'Breaks in your training',
    'To record when and why you left a course, and when you came back, so that we can improve our courses.',
    [
      ['course', 'Course'],
      ['withdrawnOn', 'Left on'],
      ['reason', 'Reason'],
      ['readmittedOn', 'Came back on'],
    ],
    enrolments.flatMap((e) =>
      list<Record<string, unknown>>(e.withdrawals).map((w) => ({ course: course(e), withdrawnOn: day(w.withdrawnOn), reason: text(w.reason), readmittedOn: day(w.readmittedOn) })),
    ),
  );

  const host = (p: Record<string, unknown>) => text(p.hostName);
  add(
    'placements',
    'Your placements',
    'To arrange your placement with its host, keep you supported and safe while you are on it, and count how many people move on to placements.',
    [
      ['host', 'Host'],
      ['role', 'Role'],
      ['supervisor', 'Supervisor'],
      ['hoursPerWeek', 'Hours a week'],
      ['startsOn', 'Starts on'],
      ['plannedEndOn', 'Planned to end on'],
      ['endedOn', 'Ended on'],
      ['status', 'Status'],
      ['endReason', 'Why it ended'],
    ],
    placements.map((p) => ({
      host: host(p),
      role: text(p.roleTitle),
      supervisor: text(p.supervisorName),
      hoursPerWeek: p.hoursPerWeek === null || p.hoursPerWeek === undefined ? null : Number(p.hoursPerWeek),
      startsOn: day(p.startsOn),
      plannedEndOn: day(p.plannedEndOn),
      endedOn: day(p.endedOn),
      status: text(p.status),
      endReason: text(p.endReason),
    })),
  );
  add(
    'supervision',
    'Your supervision sessions',
    'To keep a record of the support you were given on placement and the actions agreed with you. Your supervisor’s own notes are kept for coordinators and are not part of this download; you can ask for them.',
    [
      ['host', 'Placement'],
      ['heldOn', 'Held on'],
      ['supervisor', 'Supervisor'],
      ['actions', 'Actions agreed'],
      ['wellbeingConcern', 'A wellbeing concern was noted'],
    ],
    placements.flatMap((p) =>
      list<Record<string, unknown>>(p.supervision).map((s) => ({
        host: host(p),
        heldOn: day(s.heldOn),
        supervisor: text(s.supervisorName),
        actions: text(s.actions),
        wellbeingConcern: s.wellbeingConcern === true,
      })),
    ),
  );
  add(
    'reviews',
    'Your placement reviews',
    'To check, at set points, that the placement is working for you and its host.',
    [
      ['host', 'Placement'],
      ['week', 'Week'],
      ['heldOn', 'Held on'],
      ['outcome', 'Outcome'],
    ],
    placements.flatMap((p) => list<Record<string, unknown>>(p.reviews).map((r) => ({ host: host(p), week: Number(r.week), heldOn: day(r.heldOn), outcome: text(r.outcome) }))),
  );

  add(
    'jobs',
    'Your jobs',
    'To count how many people move into paid work after the programme and to offer support around the job, for example before a contract ends.',
    [
      ['employer', 'Employer'],
      ['title', 'Job'],
      ['sector', 'Sector'],
      ['hoursPerWeek', 'Hours a week'],
      ['contractType', 'Contract'],
      ['startsOn', 'Started on'],
      ['contractEndsOn', 'Contract ends on'],
      ['endedOn', 'Ended on'],
      ['endReason', 'Why it ended'],
    ],
    jobs.map((j) => ({
      employer: text(j.employer),
      title: text(j.title),
      sector: text(j.sector),
      hoursPerWeek: j.hoursPerWeek === null || j.hoursPerWeek === undefined ? null : Number(j.hoursPerWeek),
      contractType: text(j.contractType),
      startsOn: day(j.startsOn),
      contractEndsOn: day(j.contractEndsOn),
      endedOn: day(j.endedOn),
      endReason: text(j.endReason),
    })),
  );
  add(
    'jobChecks',
    'Checks that you kept your job',
    'At 13 and 26 weeks we ask whether you are still in work, so that funders can see the programme’s lasting results.',
    [
      ['employer', 'Employer'],
      ['week', 'Week'],
      ['result', 'Result'],
      ['checkedOn', 'Checked on'],
    ],
    jobs.flatMap((j) => list<Record<string, unknown>>(j.sustainmentChecks).map((s) => ({ employer: text(j.employer), week: Number(s.week), result: text(s.result), checkedOn: day(s.checkedOn) }))),
  );

  add(
    'activity',
    'Activity you logged',
    'To count your hours and the people you reached, so that your work is recognised and the programme can report its social value.',
    [
      ['on', 'On'],
      ['minutes', 'Minutes'],
      ['kind', 'Kind'],
      ['peopleReached', 'People reached'],
      ['note', 'Your note'],
      ['status', 'Status'],
    ],
    field.activity.map((a) => ({ on: day(a.occurredOn), minutes: a.minutes, kind: a.kind, peopleReached: a.peopleReached, note: a.note, status: a.status })),
  );
  add(
    'expenses',
    'Expenses you claimed',
    'To pay you back what you spent, and to keep the records of payments that the law requires.',
    [
      ['on', 'Spent on'],
      ['category', 'Kind'],
      ['description', 'Description'],
      ['miles', 'Miles'],
      ['amount', 'Amount (£)'],
      ['status', 'Status'],
    ],
    field.expenses.map((e) => ({
      on: day(e.incurredOn),
      category: e.category,
      description: e.description,
      miles: e.miles === null ? null : Number(e.miles),
      amount: Number((e.amountPence / 100).toFixed(2)),
      status: e.status,
    })),
  );
  add(
    'checks',
    'Safety checks',
    'To make sure that people on placements can work safely with the people they support, as hosts and the law require.',
    [
      ['kind', 'Check'],
      ['level', 'Level'],
      ['barredList', 'Barred list checked'],
      ['title', 'Title'],
      ['checkedOn', 'Checked on'],
      ['expiresOn', 'Expires on'],
      ['evidenceSeenBy', 'Evidence seen by'],
    ],
    field.checks.map((c) => ({
      kind: c.kind,
      level: c.dbsLevel,
      barredList: c.barredList,
      title: c.title,
      checkedOn: day(c.checkedOn),
      expiresOn: day(c.expiresOn),
      evidenceSeenBy: c.evidenceSeenBy,
    })),
  );

  return { exportedAt: exported.exportedAt.toISOString(), organisation: input.organisation, person: person.name, sections };
}

/** The machine-readable copy: each section under its key, with its purpose and its records. */
export function myDataJson(document: MyDataDocument): Record<string, unknown> {
  return {
    exportedAt: document.exportedAt,
    organisation: document.organisation,
    person: document.person,
    sections: Object.fromEntries(document.sections.map((s) => [s.key, { title: s.title, why: s.why, records: s.records }])),
  };
}

/** One CSV with every section, each starting with a `table,<key>,<title>` row as the programme reports do. */
export function myDataCsv(document: MyDataDocument): string {
  const rows: CsvCell[][] = [
    ['exported', document.exportedAt],
    ['organisation', document.organisation],
    ['person', document.person],
  ];
  for (const section of document.sections) {
    rows.push(
      [],
      ['table', section.key, section.title],
      section.columns.map(([key]) => key),
    );
    for (const record of section.records) rows.push(section.columns.map(([key]) => cell(record[key])));
  }
  return csvText(rows);
}

function cell(value: DocumentValue | undefined): CsvCell {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

function readable(value: DocumentValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** The readable copy: a page per person, each section saying what is held and why, with no script. */
export function myDataHtml(document: MyDataDocument): string {
  const body = document.sections
    .map((section) => {
      const header = `<h2 id="${section.key}">${escapeHtml(section.title)}</h2>\n<p class="why"><strong>Why we hold this:</strong> ${escapeHtml(section.why)}</p>`;
      if (!section.records.length) return `<section>${header}\n<p>We hold nothing of this kind about you.</p></section>`;
      if (section.records.length === 1 && section.key === 'details') {
        const record = section.records[0];
        const rows = section.columns.map(([key, label]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(readable(record[key])).replace(/\n/g, '<br>')}</td></tr>`).join('\n');
        return `<section>${header}\n<table>${rows}</table></section>`;
      }
      const head = `<tr>${section.columns.map(([, label]) => `<th scope="col">${escapeHtml(label)}</th>`).join('')}</tr>`;
      const rows = section.records.map((record) => `<tr>${section.columns.map(([key]) => `<td>${escapeHtml(readable(record[key]))}</td>`).join('')}</tr>`).join('\n');
      return `<section>${header}\n<table><caption>${escapeHtml(section.title)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('\n');
  const contents = document.sections.map((s) => `<li><a href="#${s.key}">${escapeHtml(s.title)}</a> (${s.records.length})</li>`).join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What ${escapeHtml(document.organisation)} holds about ${escapeHtml(document.person)}</title>
<style>
body { font-family: Arial, sans-serif; line-height: 1.5; margin: 1rem auto; max-width: 60rem; padding: 0 1rem; color: #0b0c0c; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; width: 100%; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; }
.why { background: #f3f2f1; padding: 0.5rem; }
</style>
</head>
<body>
<main>
<h1>What ${escapeHtml(document.organisation)} holds about you</h1>
<p>This is a copy of everything ${escapeHtml(document.organisation)} holds about ${escapeHtml(document.person)} in Steppingstone, made on ${escapeHtml(document.exportedAt.slice(0, 10))}. Each section says what we hold and why. If anything is wrong, you can change your contact details yourself, or ask your coordinator to correct the rest. You can withdraw any consent on the “My details” page.</p>
<h2>Contents</h2>
<ul>${contents}</ul>
${body}
</main>
</body>
</html>
`;
}
