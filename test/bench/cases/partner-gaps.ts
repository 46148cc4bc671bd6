/*
 * The gap analysis split by referral partner, through HTTP against the api booted in this process
 * on a fresh database (the e2e TestEnvironment):
 *   gap-analysis-by-partner-100k      ms, median of 15 POST /representativeness/gap-analysis/by-partner
 *                                     over 100,000 applicants from 50 partners (and none) x 6 dimensions
 *                                     (target < 300 ms)
 *   gap-analysis-by-partner-100k-sql  ms, median of the service's counting statement run bare, as the
 *                                     database owner (no row security): what the database alone needs
 * Partners, the census and the localities go in through the API; people, profiles and applications
 * are seeded with set-based SQL. Small size: 10,000 people, the same 50 partners.
 */
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { compileNamed } from '@steppingstone/core';
import { analysisDimension, partnerPoolCountsStatement } from '@steppingstone/representativeness';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { bearer, signUpOrganisation } from '../../factories/organisations';
import { openIntake } from '../../factories/recruitment';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const REQUESTS = 15;
const PARTNERS = 50;
const DIMENSIONS = ['sex', 'age_18plus', 'ethnicity_broad', 'disability_broad', 'religion', 'locality'];
const ANALYSIS = { dimensions: DIMENSIONS, referenceDate: '2026-03-01' };
const KINDS = ['job-centre', 'gp-surgery', 'community-group', 'faith-group', 'housing-officer', 'existing-peer', 'other'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** People with a profile (a few who preferred not to say) and one application each; one in ten came without a partner. */
async function seed(owner: Client, organisationId: string, intakeId: string, localityIds: string[], partnerIds: string[], people: number): Promise<void> {
  await owner.query(
    `WITH ethnic AS (SELECT ARRAY['White: English, Welsh, Scottish, Northern Irish or British','White: Other White','Black, Black British, Black Welsh, Caribbean or African: African',
                                  'Asian, Asian British or Asian Welsh: Bangladeshi','Mixed or Multiple ethnic groups: White and Black Caribbean','Other ethnic group: Arab','Prefer not to say'] AS v),
          religion AS (SELECT ARRAY['No religion','Christian','Muslim','Jewish','Hindu','Prefer not to say'] AS v),
          disability AS (SELECT ARRAY['Disabled under the Equality Act: Day-to-day activities limited a lot','Not disabled under the Equality Act: No long term physical or mental health conditions',
                                      'Not disabled under the Equality Act: No long term physical or mental health conditions','Prefer not to say'] AS v),
          people_rows AS (
            INSERT INTO people (organisation_id, id, name, phone, locality_id, date_of_birth)
            SELECT $1, gen_random_uuid(), 'Resident ' || g, '07700 ' || lpad(g::text, 6, '0'), ($3::uuid[])[1 + g % 3], date '1950-01-01' + (g * 37 % 20000)
              FROM generate_series(1, $4) g
            RETURNING id, name),
          numbered AS (SELECT id, substring(name FROM 10)::int AS g FROM people_rows),
          consents_rows AS (
            INSERT INTO consents (organisation_id, id, person_id, purpose, wording, method, given_at)
            SELECT $1, gen_random_uuid(), id, 'demographic-monitoring', 'Monitoring', 'online-form', now() FROM numbered
            RETURNING id, person_id),
          profiles AS (
            INSERT INTO demographic_profiles (organisation_id, person_id, consent_id, sex, ethnicity, disability, religion)
            SELECT $1, n.id, c.id, (ARRAY['Female','Male','Female','Prefer not to say'])[1 + n.g % 4],
                   (SELECT v FROM ethnic)[1 + (n.g * 7 + n.g / 50) % 7], (SELECT v FROM disability)[1 + n.g % 4], (SELECT v FROM religion)[1 + (n.g / 3) % 6]
              FROM numbered n JOIN consents_rows c ON c.person_id = n.id)
     INSERT INTO applications (organisation_id, id, intake_id, person_id, source, stage, partner_id, channel)
     SELECT $1, gen_random_uuid(), $2, id, 'referral', (ARRAY['applied','screened','offered'])[1 + g % 3],
            CASE WHEN g % 10 = 0 THEN NULL ELSE ($5::uuid[])[1 + (g / 10) % ${PARTNERS}] END, 'online'
       FROM numbered`,
    [organisationId, intakeId, localityIds, people, partnerIds],
  );
  // As autovacuum leaves tables after a bulk load: with the visibility map set, an intake's first
  // applications are read from its index alone.
  await owner.query('VACUUM (ANALYZE) people, applications, demographic_profiles');
}

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const people = options.full ? 100_000 : 10_000;
  const note = `${people.toLocaleString('en-GB')} applicants, ${PARTNERS} partners, ${DIMENSIONS.length} dimensions, median of ${REQUESTS}`;
  const { TestEnvironment } = await import('../../support/test-environment');
  const env: TestEnvironment = await TestEnvironment.start();
  const owner = new Client({ connectionString: env.databaseUrl });
  await owner.connect();
  try {
    env.api.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => env.api.getHttpServer().once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(env.api.getHttpServer().address() as AddressInfo).port}`;
    const admin = await signUpOrganisation(env, { boroughCode: 'E09000019' });

    const localities = await localitiesOfSmallAreas(env, admin, 'E09000019', ['North', 'Centre', 'South']);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'disability_by_la.csv', 'religion_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const intake = await openIntake(env, admin, { capacity: 45 });
    const partnerIds: string[] = [];
    for (let i = 0; i < PARTNERS; i++) {
      const { body } = await env.http
        .post('/referral-partners')
        .set(bearer(admin))
        .send({ name: `Partner ${i + 1}`, kind: KINDS[i % KINDS.length] })
        .expect(201);
      partnerIds.push(body.id);
    }
    options.log(`seeding ${people} applicants from ${PARTNERS} partners`);
    await seed(
      owner,
      admin.organisationId,
      intake.id,
      localities.map((l) => l.id),
      partnerIds,
      people,
    );

    const timings: number[] = [];
    for (let i = 0; i < REQUESTS + 2; i++) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/representativeness/gap-analysis/by-partner`, {
        method: 'POST',
        headers: { ...bearer(admin), 'content-type': 'application/json' },
        body: JSON.stringify({ intakeId: intake.id, ...ANALYSIS }),
      });
      const body = (await response.json()) as { population?: { size: number }; partners?: unknown[] };
      if (response.status !== 200 || body.population?.size !== people || body.partners?.length !== PARTNERS + 1) {
        throw new Error(`Gap analysis by partner answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      }
      if (i >= 2) timings.push(performance.now() - started);
    }

    // The service's own statement (its slices, grouping sets and select list), run bare as the owner.
    const statement = partnerPoolCountsStatement(admin.organisationId, { intakeId: intake.id }, ANALYSIS.referenceDate, [...new Set(DIMENSIONS.map((key) => analysisDimension(key)!.column))]);
    const { text: sql, values } = compileNamed(statement.sql, statement.params);
    await owner.query(`SET work_mem = '32MB'`);
    const floor: number[] = [];
    for (let i = 0; i < REQUESTS + 2; i++) {
      const started = performance.now();
      await owner.query(sql, values);
      if (i >= 2) floor.push(performance.now() - started);
    }
    options.log(`endpoint median ${median(timings).toFixed(0)} ms, bare SQL median ${median(floor).toFixed(0)} ms`);
    return [
      { name: 'gap-analysis-by-partner-100k', value: Math.round(median(timings)), unit: 'ms', note: `${note}; target < 300 ms` },
      { name: 'gap-analysis-by-partner-100k-sql', value: Math.round(median(floor)), unit: 'ms', note: 'the bare SQL aggregate on the same data' },
    ];
  } finally {
    await owner.end();
    await env.close();
  }
}

export const benchCase: BenchCase = {
  name: 'partner-gaps',
  measures: ['gap-analysis-by-partner-100k', 'gap-analysis-by-partner-100k-sql'],
  run,
};
