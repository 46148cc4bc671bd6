/*
 * The funnel and the equity funnel through HTTP, for an organisation of 100,000 people (the api
 * booted in this process on a fresh database, as in the e2e tests):
 *   funnel-100k           ms, median of 15 requests for GET /funnel (target < 500 ms)
 *   equity-funnel-100k    ms, median of 15 requests for GET /funnel/equity?dimension=ethnicity_broad
 *                         (target < 500 ms)
 * People, profiles, applications, enrolments, placements, jobs and sustainment checks are seeded
 * with set-based SQL as the database owner, in the proportions of the reported programme
 * (110 / 75 / 50 / 27). Small size: 5,000 people, under the same measure names.
 */
import { Client } from 'pg';
import { bearer, signUpOrganisation } from '../../factories/organisations';
import { createLocality, openIntake } from '../../factories/recruitment';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const REQUESTS = 15;
const LOCALITIES = ['Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield'];
const ETHNICITIES = [
  'White: English, Welsh, Scottish, Northern Irish or British',
  'White: English, Welsh, Scottish, Northern Irish or British',
  'White: English, Welsh, Scottish, Northern Irish or British',
  'Asian, Asian British or Asian Welsh: Pakistani',
  'Asian, Asian British or Asian Welsh: Indian',
  'Black, Black British, Black Welsh, Caribbean or African: African',
  'Mixed or Multiple ethnic groups: White and Black Caribbean',
  'White: Other White',
  'Prefer not to say',
];

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const size = options.full ? 100_000 : 5_000;
  const { TestEnvironment } = await import('../../support/test-environment');
  const env: TestEnvironment = await TestEnvironment.start();
  try {
    const admin = await signUpOrganisation(env);
    for (const name of LOCALITIES) await createLocality(env, admin, name);
    const intake = await openIntake(env, admin, { capacity: 10_000 });
    const { body: cohort } = await env.http
      .post('/cohorts')
      .set(bearer(admin))
      .send({ programmeId: intake.programmeId, intakeId: intake.id, name: 'Cohort 1', startsOn: '2025-01-06', capacity: 1000 })
      .expect(201);
    const started = performance.now();
    await seed(env.databaseUrl, admin.organisationId, intake.id, cohort.id, size);
    options.log(`seeded ${size} people in ${Math.round(performance.now() - started)} ms`);

    const time = async (path: string, query: Record<string, string>) => {
      const timings: number[] = [];
      let body: { stages?: Array<{ count: number }>; groups?: unknown[] } = {};
      for (let i = 0; i < REQUESTS + 3; i++) {
        const begun = performance.now();
        const response = await env.http.get(path).query(query).set(bearer(admin));
        const elapsed = performance.now() - begun;
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
        body = response.body;
        if (i >= 3) timings.push(elapsed);
      }
      timings.sort((a, b) => a - b);
      return { median: Math.round(timings[Math.floor(timings.length / 2)] * 10) / 10, max: Math.round(timings[timings.length - 1]), body };
    };

    const measures: BenchMeasure[] = [];
    if (options.wants('funnel-100k')) {
      const funnel = await time('/funnel', {});
      options.log(`funnel ${funnel.body.stages?.map((s) => s.count).join(' / ')}: median ${funnel.median} ms, max ${funnel.max} ms`);
      measures.push({ name: 'funnel-100k', value: funnel.median, unit: 'ms', note: `median of ${REQUESTS}, ${size} people, target < 500 ms` });
    }
    if (options.wants('equity-funnel-100k')) {
      const equity = await time('/funnel/equity', { dimension: 'ethnicity_broad' });
      options.log(`equity funnel, ${equity.body.groups?.length} groups: median ${equity.median} ms, max ${equity.max} ms`);
      measures.push({ name: 'equity-funnel-100k', value: equity.median, unit: 'ms', note: `median of ${REQUESTS}, ${size} people, ethnicity_broad, target < 500 ms` });
    }
    return measures;
  } finally {
    await env.close();
  }
}

/** Everyone registers; about 68% complete, 45% start a placement, 25% enter work and 18% are still in work at 26 weeks. */
export async function seed(databaseUrl: string, organisationId: string, intakeId: string, cohortId: string, size: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Row-level security is forced even for the owner: scope the transaction like the api does.
    await client.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
    await client.query(`CREATE TEMP TABLE seed ON COMMIT DROP AS SELECT n, gen_random_uuid() AS person_id, gen_random_uuid() AS consent_id FROM generate_series(1, $1) n`, [size]);
    await client.query(
      `INSERT INTO people (organisation_id, id, name, locality_id, date_of_birth)
       SELECT $1, s.person_id, 'Person ' || s.n, (SELECT array_agg(id ORDER BY name) FROM localities WHERE organisation_id = $1)[1 + s.n % 5], date '1960-01-01' + (s.n * 37 % 16000)
         FROM seed s`,
      [organisationId],
    );
    await client.query(
      `INSERT INTO consents (organisation_id, id, person_id, purpose, wording, method, given_at)
       SELECT $1, s.consent_id, s.person_id, 'demographic-monitoring', 'Seeded', 'paper-form', now() FROM seed s WHERE s.n % 20 <> 0`,
      [organisationId],
    );
    await client.query(
      `INSERT INTO demographic_profiles (organisation_id, person_id, consent_id, sex, ethnicity)
       SELECT $1, s.person_id, s.consent_id, (ARRAY['Female', 'Male', 'Prefer not to say'])[1 + s.n % 3], ($2::text[])[1 + s.n * 7 % array_length($2::text[], 1)]
         FROM seed s WHERE s.n % 20 <> 0`,
      [organisationId, ETHNICITIES],
    );
    await client.query(
      `INSERT INTO applications (organisation_id, id, intake_id, person_id, stage, source, applied_at)
       SELECT $1, gen_random_uuid(), $2, s.person_id, 'enrolled', 'coordinator', timestamptz '2024-01-01' + (s.n % 700) * interval '1 day' FROM seed s`,
      [organisationId, intakeId],
    );
    const share = (percent: number) => `(hashtext(s.person_id::text) & 1023) < ${Math.round(percent * 10.24)}`;
    await client.query(
      `INSERT INTO enrolments (organisation_id, id, cohort_id, person_id, status, completed_at)
       SELECT $1, gen_random_uuid(), $2, s.person_id, CASE WHEN ${share(68)} THEN 'completed' ELSE 'withdrawn' END, CASE WHEN ${share(68)} THEN now() END
         FROM seed s WHERE ${share(85)}`,
      [organisationId, cohortId],
    );
    const hostId = (await client.query(`INSERT INTO host_organisations (organisation_id, id, name) VALUES ($1, gen_random_uuid(), 'Seeded host') RETURNING id`, [organisationId])).rows[0].id;
    await client.query(
      `INSERT INTO placements (organisation_id, id, person_id, host_id, role_title, supervisor_name, hours_per_week, starts_on, planned_end_on, status, activated_at)
       SELECT $1, gen_random_uuid(), s.person_id, $2, 'Peer support volunteer', 'Jo Walsh', 8, date '2025-03-03', date '2025-06-01', 'completed', now() FROM seed s WHERE ${share(45)}`,
      [organisationId, hostId],
    );
    await client.query(
      `INSERT INTO jobs (organisation_id, id, person_id, employer, title, hours_per_week, contract_type, starts_on)
       SELECT $1, gen_random_uuid(), s.person_id, 'Seeded employer', 'Support worker', 30, 'permanent', date '2025-07-07' FROM seed s WHERE ${share(25)}`,
      [organisationId],
    );
    await client.query(
      `INSERT INTO sustainment_checks (organisation_id, job_id, week, result, checked_on)
       SELECT $1, j.id, w.week, CASE WHEN (hashtext(j.id::text) & 3) = 0 THEN 'not-sustained' ELSE 'sustained' END, date '2025-07-07' + w.week * 7
         FROM jobs j CROSS JOIN (VALUES (13), (26)) w(week) WHERE j.organisation_id = $1`,
      [organisationId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE people, demographic_profiles, applications, enrolments, placements, jobs, sustainment_checks');
  } finally {
    await client.end();
  }
}

export const benchCase: BenchCase = {
  name: 'progression',
  measures: ['funnel-100k', 'equity-funnel-100k'],
  run,
};
