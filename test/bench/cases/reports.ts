/*
 * A monthly programme report through the api and the worker, both booted in this process on a
 * fresh database (as in the e2e tests):
 *   report-monthly-10k    ms, from POST /reports to the report being done (funnel, equity funnel
 *                         by four dimensions, drop-out, representativeness and outcomes, rendered
 *                         as CSV, HTML and PDF and stored), for an organisation of 10,000 people
 *                         (target < 10 s); median of 3 reports
 * People, profiles, applications, enrolments, placements, jobs and sustainment checks come from the
 * progression case's set-based seed; cohorts with sessions and withdrawals from the cohorts case's.
 * Census figures are imported through the api. Small size: 1,000 people and one report, under
 * the same measure name.
 */
import { Client } from 'pg';
import { importCensus } from '../../factories/census';
import { bearer, signUpOrganisation } from '../../factories/organisations';
import { createLocality, openIntake } from '../../factories/recruitment';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';
import { seedCohorts } from './cohorts';
import { seed } from './progression';

const LOCALITIES = ['Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield'];

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const size = options.full ? 10_000 : 1_000;
  const reports = options.full ? 3 : 1;
  const { TestEnvironment } = await import('../../support/test-environment');
  const env: TestEnvironment = await TestEnvironment.start({ worker: true });
  const owner = new Client({ connectionString: env.databaseUrl });
  try {
    const admin = await signUpOrganisation(env);
    for (const name of LOCALITIES) await createLocality(env, admin, name);
    // Census figures, so the report's representativeness part does its full work.
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'disability_by_la.csv', 'religion_by_la.csv']);
    const intake = await openIntake(env, admin, { capacity: 10_000 });
    const { body: cohort } = await env.http
      .post('/cohorts')
      .set(bearer(admin))
      .send({ programmeId: intake.programmeId, intakeId: intake.id, name: 'Cohort 1', startsOn: '2025-01-06', capacity: 1000 })
      .expect(201);
    const started = performance.now();
    await seed(env.databaseUrl, admin.organisationId, intake.id, cohort.id, size);
    await owner.connect();
    await seedCohorts(owner, admin.organisationId, intake.programmeId, Math.round(size / 300));
    options.log(`seeded ${size} people and their cohorts in ${Math.round(performance.now() - started)} ms`);

    const timings: number[] = [];
    for (let i = 0; i < reports; i++) {
      const begun = performance.now();
      const { body } = await env.http.post('/reports').set(bearer(admin)).send({ from: '2025-03-01', to: '2025-03-31' }).expect(202);
      for (;;) {
        const { body: report } = await env.http.get(`/reports/${body.id}`).set(bearer(admin)).expect(200);
        if (report.status === 'done') break;
        if (report.status === 'failed') throw new Error(`report failed: ${report.error}`);
        if (performance.now() - begun > 120_000) throw new Error(`report still ${report.status} after 120 s`);
        await new Promise((r) => setTimeout(r, 25));
      }
      timings.push(performance.now() - begun);
      if (i === 0) {
        const csv = (await env.http.get(`/reports/${body.id}/download`).query({ format: 'csv' }).set(bearer(admin)).expect(200)).text;
        const registered = /\nRegistered,(\d+),/.exec(csv)?.[1];
        if (!registered || Number(registered) === 0 || !csv.includes('table,representativeness-pool-sex,')) throw new Error('the report is missing its funnel or its representativeness figures');
        options.log(`report: ${registered} registered in March 2025, ${csv.length} bytes of CSV`);
      }
      options.log(`report ${i + 1}: ${Math.round(timings[i])} ms`);
    }
    timings.sort((a, b) => a - b);
    return [
      {
        name: 'report-monthly-10k',
        value: Math.round(timings[Math.floor(timings.length / 2)]),
        unit: 'ms',
        note: `${size} people, median of ${reports}, request to done (queue, figures, CSV/HTML/PDF, stored), target < 10,000`,
      },
    ];
  } finally {
    await owner.end().catch(() => undefined);
    await env.close();
  }
}

export const benchCase: BenchCase = {
  name: 'reports',
  measures: ['report-monthly-10k'],
  run,
};
