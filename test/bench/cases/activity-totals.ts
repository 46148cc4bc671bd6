/*
 * Monthly activity totals through HTTP for a large peer navigator service (the api booted in this
 * process on a fresh database, as in the e2e tests):
 *   activity-totals-1m   ms, median of 15 requests for GET /activity-totals?by=month,person,locality
 *                        over the last twelve months, with 1,000,000 activity entries logged over
 *                        two years by 400 navigators in 20 localities (target < 300 ms)
 * The entries are seeded with set-based SQL as the database owner (nine in ten approved); the
 * answer is checked against a plain SQL sum before timing. Small size: 50,000 entries, under the
 * same measure name.
 */
import { Client } from 'pg';
import { bearer, signUpOrganisation } from '../../factories/organisations';
import { createLocality } from '../../factories/recruitment';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const REQUESTS = 15;
const NAVIGATORS = 400;
const LOCALITIES = 20;
const CHUNK = 250_000;

async function seed(databaseUrl: string, organisationId: string, loggedBy: string, localityIds: string[], entries: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `INSERT INTO people (organisation_id, id, name, email, contact_preferences)
       SELECT $1, gen_random_uuid(), 'Navigator ' || i, 'navigator-' || i || '@example.org', '{email}' FROM generate_series(1, $2::int) i RETURNING id`,
      [organisationId, NAVIGATORS],
    );
    const people = rows.map((r) => r.id as string);
    // Each navigator works mostly in one locality and sometimes in the next; entries spread over the last 730 days.
    for (let start = 0; start < entries; start += CHUNK) {
      await db.query(
        `INSERT INTO activity_entries (organisation_id, id, person_id, occurred_on, minutes, kind, people_reached, locality_id, status, logged_by, reviewed_by, reviewed_at)
         SELECT $1, gen_random_uuid(), ($2::uuid[])[1 + i % $6], current_date - (i::bigint * 7919 % 730)::int, 15 * (1 + i % 12),
                (ARRAY['peer-contact', 'outreach-event', 'accompanied-visit', 'training', 'admin'])[1 + i % 5],
                CASE i % 5 WHEN 0 THEN 1 WHEN 1 THEN 5 + i % 60 WHEN 2 THEN 1 ELSE NULL END,
                ($3::uuid[])[1 + ((i % $6) + CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END) % $7],
                CASE WHEN i % 10 = 0 THEN 'submitted' ELSE 'approved' END, $4, $4, now()
           FROM generate_series($5::int, least($5::int + ${CHUNK} - 1, $8::int)) i`,
        [organisationId, people, localityIds, loggedBy, start + 1, NAVIGATORS, LOCALITIES, entries],
      );
    }
    await db.query('ANALYZE activity_entries');
  } finally {
    await db.end();
  }
}

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const entries = options.full ? 1_000_000 : 50_000;
  const { TestEnvironment } = await import('../../support/test-environment');
  const env: TestEnvironment = await TestEnvironment.start();
  try {
    const admin = await signUpOrganisation(env, { organisationName: 'Bench Peer Navigators' });
    const localityIds: string[] = [];
    for (let i = 1; i <= LOCALITIES; i++) localityIds.push((await createLocality(env, admin, `Locality ${i}`)).id);
    const started = performance.now();
    await seed(env.databaseUrl, admin.organisationId, admin.userId, localityIds, entries);
    options.log(`seeded ${entries} activity entries in ${Math.round(performance.now() - started)} ms`);

    const today = new Date();
    const from = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    const query = { by: 'month,person,locality', from };
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const [expected] = (
      await db.query(
        `SELECT count(*)::int AS entries, sum(minutes)::bigint AS minutes, coalesce(sum(people_reached), 0)::bigint AS reached FROM activity_entries WHERE organisation_id = $1 AND status = 'approved' AND occurred_on >= $2`,
        [admin.organisationId, from],
      )
    ).rows;
    await db.end();

    const timings: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS + 3; i++) {
      const begun = performance.now();
      const response = await env.http.get('/activity-totals').query(query).set(bearer(admin));
      const elapsed = performance.now() - begun;
      if (response.status !== 200) throw new Error(`/activity-totals answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
      const { total } = response.body;
      if (total.entries !== expected.entries || total.minutes !== Number(expected.minutes) || total.peopleReached !== Number(expected.reached)) {
        throw new Error(`/activity-totals disagrees with SQL: ${JSON.stringify(total)} against ${JSON.stringify(expected)}`);
      }
      rows = response.body.rows.length;
      if (i >= 3) timings.push(elapsed);
    }
    timings.sort((a, b) => a - b);
    const median = Math.round(timings[Math.floor(timings.length / 2)] * 10) / 10;
    options.log(`${rows} rows (month × person × locality) from ${expected.entries} approved entries since ${from}; median ${median} ms, max ${Math.round(timings[timings.length - 1])} ms`);
    return [{ name: 'activity-totals-1m', value: median, unit: 'ms', note: `median of ${REQUESTS}, ${entries} entries, ${rows} rows (target < 300)` }];
  } finally {
    await env.close();
  }
}

export const benchCase: BenchCase = { name: 'activity-totals', measures: ['activity-totals-1m'], run };
