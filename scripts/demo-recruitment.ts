import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoCall, must } from './demo-api';

/**
 * The demo's recruitment and representativeness: Islington's census figures imported through the
 * API, three localities made of its small areas, and a Peer Mentor intake with 55 applicants for
 * 45 places (so the pool shows its gaps and a fair selection has something to choose from).
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
const FIRST = ['Aisha', 'Ben', 'Chidi', 'Dana', 'Eilidh', 'Femi', 'Grace', 'Hamza', 'Ivy', 'Jonah', 'Kezia', 'Liam', 'Maryam', 'Nathan', 'Olu'];
const LAST = ['Adeyemi', 'Brennan', 'Clarke', 'Doherty', 'Evans', 'Fernandes', 'Green', 'Hussein', 'Ibrahim', 'Jones', 'Kowalski'];

export async function seedRecruitment(call: DemoCall, adminToken: string, coordinatorToken: string): Promise<{ intakeId: string; programmeId: string; publicUrl: string }> {
  const lsoaFile = readFileSync(join(CENSUS_DIR, 'lsoa_seed_boroughs.csv'), 'utf8');
  const lsoas = [...new Set(lsoaFile.split('\n').filter((l) => l.includes(',E09000019,')).map((l) => l.split(',')[0]))].sort();
  const third = Math.ceil(lsoas.length / 3);
  const localities: Array<{ id: string; name: string }> = [];
  for (const [i, name] of ['North', 'Centre', 'South'].entries()) {
    localities.push(must(await call('POST', '/localities', { name, onsCodes: lsoas.slice(i * third, (i + 1) * third) }, adminToken), 201, `locality ${name}`) as { id: string; name: string });
  }

  const dataset = must(await call('POST', '/census/datasets', { name: 'Census 2021', description: 'ONS Census 2021 tables for Islington and its small areas (Open Government Licence v3.0)' }, adminToken), 201, 'census dataset');
  for (const file of CENSUS_FILES) {
    must(await call('POST', `/census/datasets/${dataset.id}/tables`, readFileSync(join(CENSUS_DIR, file), 'utf8'), adminToken, 'text/csv'), 201, `census import of ${file}`);
  }

  const programme = must(
    await call('POST', '/programmes', { name: 'Peer Mentor training', kind: 'training-course', description: '12 weeks to an accredited Level 2 qualification in peer mentoring', eligibilityNotes: 'Aged 18+, lives in Islington' }, coordinatorToken),
    201,
    'programme',
  );
  must(await call('PUT', `/programmes/${programme.id}/census-dataset`, { datasetId: dataset.id }, coordinatorToken), 200, 'census dataset choice');
  const intake = must(
    await call('POST', '/intakes', { programmeId: programme.id, name: 'Spring intake', opensOn: '2026-11-02', closesOn: '2026-12-18', capacity: 45, localityCapacities: localities.map((l) => ({ localityId: l.id, capacity: 15 })) }, coordinatorToken),
    201,
    'intake',
  );
  const opened = must(await call('POST', `/intakes/${intake.id}/status`, { status: 'open' }, coordinatorToken), 200, 'opening the intake');

  for (let i = 0; i < 55; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const birthYear = 1958 + ((i * 13) % 46);
    const application = must(
      await call(
        'POST',
        '/applications',
        {
          intakeId: intake.id,
          source: ['self', 'referral', 'coordinator', 'event'][i % 4],
          ...(i % 4 === 1 ? { referrer: 'Islington Mind' } : {}),
          person: { name, email: `${name.toLowerCase().replace(/ /g, '.')}.${i}@demo.steppingstone.local`, dateOfBirth: `${birthYear}-0${1 + (i % 9)}-1${i % 10}`, localityId: localities[i % 5 === 4 ? 2 : i % 2].id },
        },
        coordinatorToken,
      ),
      201,
      'application',
    );
    must(
      await call(
        'PUT',
        `/people/${application.personId}/demographics`,
        {
          sex: i % 7 === 6 ? 'Prefer not to say' : i % 3 === 0 ? 'Male' : 'Female',
          ethnicity: ETHNICITIES[i % ETHNICITIES.length],
          consent: { wording: 'I agree that these answers may be kept to check the programme reaches everyone in the borough.', method: 'paper-form', givenAt: new Date(Date.now() - 86_400_000).toISOString() },
        },
        coordinatorToken,
      ),
      200,
      'demographic profile',
    );
    if (i < 50) must(await call('POST', `/applications/${application.id}/move`, { to: 'screened', note: 'Screening call done' }, coordinatorToken), 200, 'screening');
  }
  return { intakeId: intake.id as string, programmeId: programme.id as string, publicUrl: opened.publicUrl as string };
}
