import {
  ageRuleProblems,
  ContactChannel,
  DemographicAnswers,
  equalityAnswerSpellings,
  normalisePersonDetails,
  PersonDetails,
  WRITE_IN_MAX_LENGTH,
  WRITE_INS,
  WriteIn,
  writeInProblem,
} from '@steppingstone/people';
import { APPLICATION_SOURCES, ApplicationSource } from '../entities/application.entity';
import { normalisePartnerCode } from '../partners/referral-partners';
import { EQUALITY_COLUMNS, HeaderMatch, ImportColumn } from './import-columns';
import { RowProblem } from './import-report';
import { CsvApplicantRow } from './read-applicant-csv';

/** One broken rule in a person's details, named by the PersonDetails field it concerns. */
export interface DetailsProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * The API's own rules for a person's details, passed in by the HTTP layer (which owns the DTO), so a
 * CSV row is held to exactly what POST /applications would accept.
 */
export type ValidateDetails = (details: Record<string, unknown>) => DetailsProblem[];

/** A row that passed every check, ready to be written. */
export interface ApplicantCandidate {
  row: number;
  details: PersonDetails;
  source: ApplicationSource;
  referrer: string | null;
  partnerId: string | null;
  /** When the application arrived (ISO date), if the file says. */
  receivedOn: string | null;
  /** Equality answers with the day their consent was given, when the row carries them. */
  equality: { answers: DemographicAnswers; consentGivenOn: string | null } | null;
}

/** What a row is checked against besides itself. */
export interface RowContext {
  localityIds: Map<string, string>;
  /** Partner ids by code. */
  partnerCodes: Map<string, string>;
  validate: ValidateDetails;
  /** ISO date; nothing may be dated after it. */
  today: string;
}

type SingleEqualityColumn = Exclude<(typeof EQUALITY_COLUMNS)[number], WriteIn>;
const SPELLINGS = new Map<SingleEqualityColumn, Map<string, string>>(
  (['sex', 'ageBand', 'ethnicity', 'disability', 'religion', 'genderIdentity', 'sexualOrientation'] as const).map((c) => [c, equalityAnswerSpellings(c)]),
);
const YES = new Set(['yes', 'y', 'true', '1', 'agreed', 'x', 'given']);
const NO = new Set(['no', 'n', 'false', '0', 'not given', 'refused']);

const REFERRER_MAX = 200;

/** Words people put in a Source column, mapped onto the product's sources. */
const SOURCES: Record<string, ApplicationSource> = {
  ...Object.fromEntries(APPLICATION_SOURCES.map((s) => [s, s])),
  selfreferral: 'self',
  selfreferred: 'self',
  referred: 'referral',
  partnerreferral: 'referral',
  coordinatorentry: 'coordinator',
};

const CHANNELS: Record<string, string> = { text: 'sms', textmessage: 'sms', call: 'phone', telephone: 'phone', letter: 'post' };

/** Which column of the file a PersonDetails field came from. */
const FIELD_COLUMNS: Record<string, ImportColumn> = {
  name: 'name',
  preferredName: 'preferredName',
  email: 'email',
  phone: 'phone',
  postcode: 'postcode',
  localityId: 'locality',
  dateOfBirth: 'dateOfBirth',
  contactPreferences: 'contactPreferences',
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Turns one row into an applicant, or into every problem it has (never only the first). */
export function readApplicantRow({ row, cells, overflow }: CsvApplicantRow, header: HeaderMatch, context: RowContext): { candidate?: ApplicantCandidate; problems: RowProblem[] } {
  const { localityIds, validate } = context;
  const problems: RowProblem[] = [];
  const label = (column: ImportColumn) => (column === 'name' && header.positions.name === undefined ? `${header.labels.firstName} / ${header.labels.lastName}` : header.labels[column]);
  const problem = (column: ImportColumn, rule: string, message: string) => problems.push({ row, column: label(column), rule, message });

  const raw: Record<string, unknown> = {
    name: cells.name ?? [cells.firstName, cells.lastName].filter(Boolean).join(' '),
    preferredName: cells.preferredName,
    email: cells.email,
    phone: cells.phone,
    postcode: cells.postcode,
    address: cells.address,
    contactPreferences: cells.contactPreferences ? splitChannels(cells.contactPreferences) : undefined,
  };
  if (cells.dateOfBirth) {
    const iso = isoDate(cells.dateOfBirth);
    if (iso) raw.dateOfBirth = iso;
    else problem('dateOfBirth', 'dateFormat', `${label('dateOfBirth')} must be a date like 21/04/1990 (day/month/year) or 1990-04-21, not "${cells.dateOfBirth}"`);
  }
  if (cells.locality) {
    const id = localityIds.get(cells.locality.toLowerCase());
    if (id) raw.localityId = id;
    else problem('locality', 'localityExists', `${label('locality')} "${cells.locality}" is not one of this organisation's localities`);
  }
  for (const found of validate(raw)) {
    const column = FIELD_COLUMNS[found.field] ?? 'name';
    // The API's messages name its fields ("dateOfBirth must ..."); the coordinator knows the header.
    problem(column, found.rule, found.message.startsWith(found.field) ? `${label(column)}${found.message.slice(found.field.length)}` : found.message);
  }

  const source = cells.source ? SOURCES[squash(cells.source)] : cells.partnerCode ? 'referral' : 'coordinator';
  if (!source) problem('source', 'isIn', `${label('source')} must be one of ${APPLICATION_SOURCES.join(', ')} (or left blank for coordinator), not "${cells.source}"`);
  const referrer = cells.referrer ?? null;
  if (referrer && referrer.length > REFERRER_MAX) problem('referrer', 'maxLength', `${label('referrer')} must be at most ${REFERRER_MAX} characters`);
  const partnerId = cells.partnerCode ? (context.partnerCodes.get(normalisePartnerCode(cells.partnerCode)) ?? null) : null;
  if (cells.partnerCode && !partnerId) problem('partnerCode', 'knownPartnerCode', `${label('partnerCode')} "${cells.partnerCode}" is not the code of one of this organisation's referral partners`);
  const receivedOn = readDay(cells.receivedOn, 'receivedOn', label, problem, context.today);
  const equality = readEquality(cells, label, problem, context.today, typeof raw.dateOfBirth === 'string' ? raw.dateOfBirth : undefined);
  if (overflow) {
    problems.push({
      row,
      column: '(past the last column)',
      rule: 'columnCount',
      message: `This row has ${overflow} more cell(s) than the header has columns; a cell containing a comma must be in quotes`,
    });
  }

  if (problems.length) return { problems };
  const details = normalisePersonDetails(raw as unknown as PersonDetails);
  return { candidate: { row, details, source: source!, referrer, partnerId, receivedOn, equality }, problems };
}

type Problem = (column: ImportColumn, rule: string, message: string) => void;

/** A day in a cell (UK or ISO), not after today; undefined cells give null. */
function readDay(cell: string | undefined, column: ImportColumn, label: (c: ImportColumn) => string, problem: Problem, today: string): string | null {
  if (!cell) return null;
  const iso = isoDate(cell);
  const valid = iso !== null && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) && new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso;
  if (!valid) problem(column, 'dateFormat', `${label(column)} must be a date like 21/04/2026 (day/month/year) or 2026-04-21, not "${cell}"`);
  else if (iso > today) problem(column, 'notInFuture', `${label(column)} must not be in the future`);
  return valid && iso <= today ? iso : null;
}

/**
 * The equality answers of a row: census wording (or the questionnaire's label) in any case, write-ins
 * beside the answer that asks for one, and consent to keep them. A cell's special-category value is
 * never repeated in a problem, since reports end up in logs and screens.
 */
function readEquality(cells: CsvApplicantRow['cells'], label: (c: ImportColumn) => string, problem: Problem, today: string, dateOfBirth: string | undefined): ApplicantCandidate['equality'] {
  const answers: DemographicAnswers = {};
  for (const [column, spellings] of SPELLINGS) {
    const cell = cells[column];
    if (!cell) continue;
    const value = spellings.get(cell.trim().replace(/\s+/g, ' ').toLowerCase());
    if (value) answers[column] = value;
    else problem(column, 'isIn', `${label(column)} must be one of the census answers for this question (the wording of GET /public/equality-questions) or "Prefer not to say"`);
  }
  for (const writeIn of Object.keys(WRITE_INS) as WriteIn[]) {
    const cell = cells[writeIn];
    if (!cell) continue;
    if (cell.length > WRITE_IN_MAX_LENGTH) {
      problem(writeIn, 'maxLength', `${label(writeIn)} must be at most ${WRITE_IN_MAX_LENGTH} characters`);
      continue;
    }
    const found = writeInProblem(writeIn, cell, answers[WRITE_INS[writeIn].question]);
    if (found) problem(writeIn, found.rule, `${label(writeIn)} goes only with a ${label(WRITE_INS[writeIn].question as ImportColumn)} answer that asks for one`);
    else answers[writeIn] = cell;
  }
  for (const found of ageRuleProblems(answers, dateOfBirth, new Date(`${today}T12:00:00Z`)))
    problem(found.field as ImportColumn, found.rule, `${label(found.field as ImportColumn)} is asked only of people aged 16 and over, as in the census`);

  const consentCell = cells.equalityConsent?.trim().toLowerCase();
  const consentGivenOn = readDay(cells.equalityConsentDate, 'equalityConsentDate', label, problem, today);
  if (!Object.keys(answers).length) return null;
  if (!consentCell || !YES.has(consentCell)) {
    const why = consentCell && NO.has(consentCell) ? 'says no' : consentCell ? 'is neither yes nor no' : 'is empty';
    problem(
      'equalityConsent',
      'consentRequired',
      `This row has equality answers but ${label('equalityConsent')} ${why}: they are kept only with the person's consent (yes), so remove them or record the consent`,
    );
    return null;
  }
  return { answers, consentGivenOn };
}

/** "email; sms", "Email, Text" or "email/phone": the ways people list channels in one cell. */
function splitChannels(cell: string): string[] {
  const channels = cell
    .split(/[;,/|]+/)
    .map((c) => squash(c))
    .filter(Boolean)
    .map((c) => CHANNELS[c] ?? c);
  return [...new Set(channels)] as ContactChannel[];
}

/** ISO (1990-04-21) or the UK's day/month/year (21/04/1990, 21-4-1990, 21.04.1990); never month first. */
export function isoDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!iso && !uk) return null;
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : [uk![3], uk![2], uk![1]];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
