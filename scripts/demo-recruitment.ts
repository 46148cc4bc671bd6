import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { daysFromToday, DemoCall, must } from './demo-api';
import { DemoPartnerCode, seedPartners } from './demo-partners';

/**
 * The demo's recruitment and representativeness: Islington's census figures imported through the
 * API, three localities made of its small areas, referral partners, and a Peer Mentor intake with
 * 55 applicants for 45 places (so the pool shows its gaps and a fair selection has something to
 * choose from). The applicants came every way people do: the public form (some through a partner's
 * link or code, some with a phone number only), paper forms and phone calls a coordinator entered;
 * most answered the equality questions, some preferred not to say, some skipped them.
 */

const CENSUS_FILES = ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'disability_by_la.csv', 'religion_by_la.csv', 'lsoa_seed_boroughs.csv'];
const CENSUS_DIR = join(__dirname, '..', 'data', 'census');

const ETHNICITIES = [
  'White: English, Welsh, Scottish, Northern Irish or British',
  'White: English, Welsh, Scottish, Northern Irish or British',
  'White: Other White',
  'Black, Black British, Black Welsh, Caribbean or African: African',
  'White: English, Welsh, Scottish, Northern Irish or British',
  'Mixed or Multiple ethnic groups: White and Black Caribbean',
  'White: Irish',
  'Prefer not to say',
];
const RELIGIONS = ['Christian', 'No religion', 'Muslim', 'Christian', 'Prefer not to say', 'Jewish', 'No religion', 'Hindu'];
const DISABILITIES = [
  'Not disabled under the Equality Act: No long term physical or mental health conditions',
  'Disabled under the Equality Act: Day-to-day activities limited a little',
  'Not disabled under the Equality Act: No long term physical or mental health conditions',
  'Disabled under the Equality Act: Day-to-day activities limited a lot',
  'Not disabled under the Equality Act: Has long term physical or mental health condition but day-to-day activities are not limited',
];
const FIRST = ['Aisha', 'Ben', 'Chidi', 'Dana', 'Eilidh', 'Femi', 'Grace', 'Hamza', 'Ivy', 'Jonah', 'Kezia', 'Liam', 'Maryam', 'Nathan', 'Olu'];
const LAST = ['Adeyemi', 'Brennan', 'Clarke', 'Doherty', 'Evans', 'Fernandes', 'Green', 'Hussein', 'Ibrahim', 'Jones', 'Kowalski'];

export async function seedRecruitment(call: DemoCall, adminToken: string, coordinatorToken: string): Promise<{ intakeId: string; programmeId: string; publicUrl: string }> {
  const lsoaFile = readFileSync(join(CENSUS_DIR, 'lsoa_seed_boroughs.csv'), 'utf8');
  const lsoas = [
    ...new Set(
      lsoaFile
        .split('\n')
        .filter((l) => l.includes(',E09000019,'))
        .map((l) => l.split(',')[0]),
    ),
  ].sort();
  const third = Math.ceil(lsoas.length / 3);
  const localities: Array<{ id: string; name: string }> = [];
  for (const [i, name] of ['North', 'Centre', 'South'].entries()) {
    localities.push(must(await call('POST', '/localities', { name, onsCodes: lsoas.slice(i * third, (i + 1) * third) }, adminToken), 201, `locality ${name}`) as { id: string; name: string });
  }

  const dataset = must(
    await call('POST', '/census/datasets', { name: 'Census 2021', description: 'ONS Census 2021 tables for Islington and its small areas (Open Government Licence v3.0)' }, adminToken),
    201,
    'census dataset',
  );
  for (const file of CENSUS_FILES) {
    must(await call('POST', `/census/datasets/${dataset.id}/tables`, readFileSync(join(CENSUS_DIR, file), 'utf8'), adminToken, 'text/csv'), 201, `census import of ${file}`);
  }

  const programme = must(
    await call(
      'POST',
      '/programmes',
      { name: 'Peer Mentor training', kind: 'training-course', description: '12 weeks to an accredited Level 2 qualification in peer mentoring', eligibilityNotes: 'Aged 18+, lives in Islington' },
      coordinatorToken,
    ),
    201,
    'programme',
  );
  must(await call('PUT', `/programmes/${programme.id}/census-dataset`, { datasetId: dataset.id }, coordinatorToken), 200, 'census dataset choice');
  const intake = must(
    await call(
      'POST',
      '/intakes',
      {
        programmeId: programme.id,
        name: 'Spring intake',
        opensOn: '2026-11-02',
        closesOn: '2026-12-18',
        capacity: 45,
        localityCapacities: localities.map((l) => ({ localityId: l.id, capacity: 15 })),
      },
      coordinatorToken,
    ),
    201,
    'intake',
  );
  const opened = must(await call('POST', `/intakes/${intake.id}/status`, { status: 'open' }, coordinatorToken), 200, 'opening the intake');

  await seedPartners(call, coordinatorToken);
  const event = new URL(must(await call('POST', `/intakes/${intake.id}/event-links`, { hours: 2 }, coordinatorToken), 201, 'event link for the demo applicants').url as string).searchParams.get(
    'event',
  )!;
  const applicationIds: string[] = [];
  for (let i = 0; i < 55; i++)
    applicationIds.push(await springApplicant(call, i, { intakeId: intake.id as string, slug: opened.publicSlug as string, event, localityIds: localities.map((l) => l.id), coordinatorToken }));
  // Screening calls done for all but the last five, moved in one action.
  must(
    await call('POST', '/applications/bulk-moves', { to: 'screened', note: 'Screening call done', applications: applicationIds.slice(0, 50).map((id) => ({ id })) }, coordinatorToken),
    200,
    'screening',
  );
  return { intakeId: intake.id as string, programmeId: programme.id as string, publicUrl: opened.publicUrl as string };
}

interface Spring {
  intakeId: string;
  slug: string;
  event: string;
  localityIds: string[];
  coordinatorToken: string;
}

/** The equality answers applicant `i` gave: all of them, or "Prefer not to say" throughout (every seventh). */
function equalityAnswers(i: number): Record<string, string> {
  if (i % 7 === 6) return { sex: 'Prefer not to say', ethnicity: 'Prefer not to say', disability: 'Prefer not to say', religion: 'Prefer not to say' };
  return { sex: i % 3 === 0 ? 'Male' : 'Female', ethnicity: ETHNICITIES[i % ETHNICITIES.length], disability: DISABILITIES[i % DISABILITIES.length], religion: RELIGIONS[i % RELIGIONS.length] };
}

/**
 * Applicant `i` of the spring intake: 0-19 through the public form (the event link stands in for
 * twenty people on their own phones), 20-39 from paper forms and 40-54 from phone calls, both
 * entered by the coordinator. Answers the application's id.
 */
async function springApplicant(call: DemoCall, i: number, spring: Spring): Promise<string> {
  const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
  const dateOfBirth = `${1958 + ((i * 13) % 46)}-0${1 + (i % 9)}-1${i % 10}`;
  const phone = `07700 9${String(10_000 + i).padStart(5, '0')}`;
  const email = `${name.toLowerCase().replace(/ /g, '.')}.${i}@demo.steppingstone.local`;
  const localityId = spring.localityIds[i % 5 === 4 ? 2 : i % 2];
  if (i < 20) {
    // Through the Jobcentre's link, with the mosque's code typed from a leaflet, or on their own; every third has only a phone.
    const partnerCode: DemoPartnerCode | undefined = i % 4 === 0 ? 'HOLLOWAYJC' : i % 4 === 1 ? 'FPMOSQUE' : undefined;
    const receipt = must(
      await call('POST', `/public/intakes/${spring.slug}/applications?event=${encodeURIComponent(spring.event)}`, {
        name,
        phone,
        ...(i % 3 === 0 ? {} : { email }),
        postcode: 'N7 8JL',
        consent: true,
        ...(partnerCode ? { partnerCode } : {}),
      }),
      201,
      'public application',
    );
    // Every fifth skipped the equality questions.
    if (i % 5 !== 4) {
      must(
        await call('POST', `/public/intakes/${spring.slug}/equality-answers`, {
          token: (receipt.equalityStep as { token: string }).token,
          consent: true,
          answers: { ...equalityAnswers(i), dateOfBirth },
        }),
        201,
        'equality answers',
      );
    }
    const found = must(await call('GET', `/applications?q=${receipt.reference as string}`, undefined, spring.coordinatorToken), 200, 'finding the application by its reference');
    const application = (found.items as Array<{ id: string; personId: string }>)[0];
    // The coordinator places them in their locality from the postcode.
    must(await call('PATCH', `/people/${application.personId}`, { localityId }, spring.coordinatorToken), 200, 'locality');
    return application.id;
  }
  const paper = i < 40;
  const receivedOn = daysFromToday(-(i % 9));
  const partnerCode: DemoPartnerCode | undefined = paper ? (['ARCHWAYGP', 'ANDOVER', 'KOFIPEER', 'MARKSHUB'] as const)[i % 4] : i % 3 === 0 ? 'HOLLOWAYJC' : undefined;
  const consent = { method: paper ? 'paper-form' : 'verbal', givenOn: receivedOn };
  // A sixth of the paper forms left the equality page blank; half the callers answered the questions on the phone.
  const equality = (paper ? i % 6 !== 0 : i % 2 === 0) ? { equality: { consent, answers: equalityAnswers(i) } } : {};
  const entered = must(
    await call(
      'POST',
      `/intakes/${spring.intakeId}/applications`,
      {
        channel: paper ? 'paper' : 'phone',
        receivedOn,
        ...(partnerCode ? { partnerCode } : {}),
        person: { name, phone, dateOfBirth, localityId, ...(paper && i % 2 === 0 ? { address: `${10 + i} Hornsey Road\nLondon`, postcode: 'N7 7EE' } : {}) },
        contactConsent: consent,
        ...equality,
      },
      spring.coordinatorToken,
    ),
    201,
    paper ? 'paper application' : 'phone application',
  );
  return entered.id as string;
}
