import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const ASYNC_POOL_SIZE = 200;
// Well under the leximin solve of the threshold pool (about 1.4 s on a quiet machine), so the premise holds on a fast one.
const IDLE_IN_TRANSACTION_LIMIT_MS = 500;
const ETHNICITIES = [
  'White: English, Welsh, Scottish, Northern Irish or British',
  'Asian, Asian British or Asian Welsh: Pakistani',
  'Asian, Asian British or Asian Welsh: Indian',
  'Black, Black British, Black Welsh, Caribbean or African: African',
  'Mixed or Multiple ethnic groups: White and Asian',
  'White: Other White',
];

/**
 * Applicants at the screened stage with consented answers, inserted as the database owner: going
 * through the API for hundreds of people would make the test about the API's speed. Locality, age,
 * sex and ethnic group come from independent hashes of the tag and number, so the pool is the same
 * on every run and its answers are not tied to each other.
 */
async function screenedApplicants(db: Client, organisationId: string, intakeId: string, localityIds: string[], count: number, tag: string): Promise<void> {
  await db.query(
    `WITH people_in AS (
       INSERT INTO people (organisation_id, id, name, email, locality_id, date_of_birth)
       SELECT $1, gen_random_uuid(), 'Applicant ' || $3 || ' ' || i, $3 || '.' || i || '@example.org', ($4::uuid[])[1 + abs(hashtext($3 || i || 'locality')) % 3], date '1940-01-01' + abs(hashtext($3 || i || 'born')) % 24000
       FROM generate_series(1, $2::int) AS i
       RETURNING id, split_part(name, ' ', 3)::int AS i),
     consented AS (
       INSERT INTO consents (organisation_id, id, person_id, purpose, wording, method, given_at)
       SELECT $1, gen_random_uuid(), id, 'demographic-monitoring', 'Answers kept to check the programme reaches everyone', 'import', now() FROM people_in
       RETURNING id, person_id),
     profiles AS (
       INSERT INTO demographic_profiles (organisation_id, person_id, consent_id, sex, ethnicity)
       SELECT $1, p.id, c.id, CASE WHEN abs(hashtext($3 || p.i || 'sex')) % 5 < 3 THEN 'Female' ELSE 'Male' END, ($5::text[])[1 + abs(hashtext($3 || p.i || 'ethnicity')) % array_length($5::text[], 1)]
       FROM people_in p JOIN consented c ON c.person_id = p.id)
     INSERT INTO applications (organisation_id, id, intake_id, person_id, stage, source)
     SELECT $1, gen_random_uuid(), $6, id, 'screened', 'coordinator' FROM people_in`,
    [organisationId, count, tag, localityIds, ETHNICITIES, intakeId],
  );
}

/**
 * From now PostgreSQL ends any session of the app role in this database that sits idle inside a
 * transaction for longer than `timeoutMs`: a solve run inside a transaction would lose its connection.
 * Set after the setup (a census import parses its file inside its transaction), and applied to
 * sessions opened from now on, so the api's and the worker's current sessions are ended and replaced.
 */
async function endSessionsIdleInTransactionAfter(db: Client, timeoutMs: number): Promise<void> {
  const [{ database }] = (await db.query(`SELECT current_database() AS database`)).rows;
  await db.query(`ALTER ROLE steppingstone_app IN DATABASE "${database}" SET idle_in_transaction_session_timeout = ${timeoutMs}`);
  const [{ since }] = (await db.query(`SELECT clock_timestamp() AS since`)).rows;
  const older = `FROM pg_stat_activity WHERE datname = current_database() AND usename = 'steppingstone_app' AND backend_start < $1`;
  await db.query(`SELECT pg_terminate_backend(pid) ${older}`, [since]);
  await until('the sessions opened before the setting to end', async () => ((await db.query(`SELECT count(*)::int AS n ${older}`, [since])).rows[0].n === 0 ? true : undefined));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('fair selection: no connection held while solving, and large pools in the worker', () => {
  let env: TestEnvironment;
  let db: Client;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let localities: Array<{ id: string; name: string }>;
  let small: { id: string };
  let large: { id: string };

  beforeAll(async () => {
    env = await TestEnvironment.start({
      worker: true,
      env: {
        SELECTION_ASYNC_POOL_SIZE: String(ASYNC_POOL_SIZE),
        SELECTIONS_RECONCILE_SECONDS: '1',
        // Only the selections reconciler puts back a job Redis lost (the outbox's own sweep would too, within the hour).
        OUTBOX_RECOVER_SECONDS: '86400',
        // One connection for the api and one for the worker.
        DATABASE_POOL_SIZE: '1',
      },
    });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['Farnworth', 'Horwich', 'Breightmet']);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    small = await openIntake(env, coordinator, { capacity: 30 });
    large = await openIntake(env, coordinator, { capacity: 45 });
    await screenedApplicants(
      db,
      admin.organisationId,
      small.id,
      localities.map((l) => l.id),
      ASYNC_POOL_SIZE,
      'small',
    );
    await screenedApplicants(
      db,
      admin.organisationId,
      large.id,
      localities.map((l) => l.id),
      2 * ASYNC_POOL_SIZE,
      'large',
    );
    await endSessionsIdleInTransactionAfter(db, IDLE_IN_TRANSACTION_LIMIT_MS);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  const selections = () => env.worker!.get<Queue>(getQueueToken('selections'));
  const request = (panelSize: number, extra: Record<string, unknown> = {}) => ({
    panelSize,
    dimensions: ['sex', 'age_18plus', 'ethnicity_broad'],
    tolerance: { people: 1 },
    localitySizes: Object.fromEntries(localities.map((l) => [l.id, panelSize / 3])),
    seed: 'bolton-2026',
    ...extra,
  });
  const statusOf = async (id: string) => (await env.http.get(`/selections/${id}`).set(bearer(coordinator)).expect(200)).body;
  const finished = (id: string, seen: string[] = []) =>
    until(`selection ${id} finishing`, async () => {
      const body = await statusOf(id);
      const state = body.stage ? `${body.status}/${body.stage}` : body.status;
      if (seen[seen.length - 1] !== state) seen.push(state);
      return body.status === 'done' || body.status === 'failed' ? body : undefined;
    });
  const expectQuotasMet = (selection: { panel: string[]; panelSize: number; quotaTable: Array<{ min: number; max: number; selected: number }> }) => {
    expect(selection.panel).toHaveLength(selection.panelSize);
    for (const quota of selection.quotaTable) {
      expect(quota.selected).toBeGreaterThanOrEqual(quota.min);
      expect(quota.selected).toBeLessThanOrEqual(quota.max);
    }
  };

  it('answers at once on a pool at the threshold, with a solve longer than the idle-in-transaction limit and no session left idle in a transaction', async () => {
    const selecting = env.http
      .post(`/intakes/${small.id}/selections`)
      .set(bearer(coordinator))
      .send(request(30, { algorithm: 'leximin' }));
    // The api's one connection still answers other requests while the selection is worked out.
    const [selection, ...others] = await Promise.all([selecting, ...[1, 2, 3].map(() => env.http.get(`/intakes/${small.id}`).set(bearer(coordinator)))]);
    expect(others.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(selection.status).toBe(201);
    expect(selection.body).toMatchObject({ status: 'done', poolSize: ASYNC_POOL_SIZE, algorithm: 'leximin', seed: 'bolton-2026' });
    expectQuotasMet(selection.body);
    // Had the solve run inside the transaction, PostgreSQL would have ended that session after half a second and the selection would have failed.
    expect(selection.body.lottery.stats.seconds * 1000).toBeGreaterThan(IDLE_IN_TRANSACTION_LIMIT_MS);
  });

  it('answers 202 above the threshold; the worker reports queued, running and its stage, then done with the outcome', async () => {
    const queued = await env.http
      .post(`/intakes/${large.id}/selections`)
      .set(bearer(coordinator))
      .send(request(45, { algorithm: 'leximin' }))
      .expect(202);
    expect(queued.headers.location).toBe(`/selections/${queued.body.id}`);
    expect(queued.body).toMatchObject({ status: 'queued', poolSize: 2 * ASYNC_POOL_SIZE, panelSize: 45, seed: 'bolton-2026', panel: null, appliedAt: null });
    const seen: string[] = [];
    const done = await finished(queued.body.id, seen);
    expect(done).toMatchObject({ status: 'done', stage: null, attempts: 1, error: null });
    expect(seen).toContain('running/solving');
    expect(seen[seen.length - 1]).toBe('done');
    expectQuotasMet(done);
    expect(done.probabilities).toHaveLength(2 * ASYNC_POOL_SIZE);
    const audit = await env.http.get(`/audit-log?action=selection.run&entityId=${done.id}`).set(bearer(admin)).expect(200);
    expect(audit.body.total).toBe(1);
    const listed = await env.http.get(`/intakes/${large.id}/selections`).set(bearer(coordinator)).expect(200);
    expect(listed.body.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[done.id, 'done']]);

    const applied = await env.http.post(`/selections/${done.id}/apply`).set(bearer(coordinator)).expect(200);
    expect(applied.body.moved).toEqual({ offered: 45, waitlisted: 2 * ASYNC_POOL_SIZE - 45 });
  });

  it('runs a queued selection whose job Redis lost, once the reconciler finds it in PostgreSQL', async () => {
    const fresh = await openIntake(env, coordinator, { capacity: 30 });
    await screenedApplicants(
      db,
      admin.organisationId,
      fresh.id,
      localities.map((l) => l.id),
      ASYNC_POOL_SIZE + 30,
      'lost',
    );
    await selections().pause();
    try {
      const queued = await env.http.post(`/intakes/${fresh.id}/selections`).set(bearer(coordinator)).send(request(30)).expect(202);
      const jobId = `selection-${queued.body.id}`;
      const job = await until('the job relayed to Redis', async () => (await selections().getJob(jobId)) ?? undefined);
      await job.remove();
      expect(await selections().getJob(jobId)).toBeUndefined();

      const early = await env.http.post(`/selections/${queued.body.id}/apply`).set(bearer(coordinator)).expect(409);
      expect(early.body).toMatchObject({ code: 'SELECTION_NOT_FINISHED' });
      const other = await signUpOrganisation(env);
      await env.http.get(`/selections/${queued.body.id}`).set(bearer(other)).expect(404);
      await env.http
        .get(`/selections/${queued.body.id}`)
        .set(bearer(await addMember(env, admin, Role.Trainer)))
        .expect(403);
      expect((await statusOf(queued.body.id)).status).toBe('queued');
    } finally {
      await selections().resume();
    }
    const [{ id }] = (await db.query(`SELECT id FROM selections WHERE intake_id = $1`, [fresh.id])).rows;
    const done = await finished(id);
    expect(done).toMatchObject({ status: 'done', attempts: 1 });
    expectQuotasMet(done);
  });

  it('stores no panel drawn from a pool that changed while it was solved: the selection fails and says so', async () => {
    const fresh = await openIntake(env, coordinator, { capacity: 30 });
    await screenedApplicants(
      db,
      admin.organisationId,
      fresh.id,
      localities.map((l) => l.id),
      ASYNC_POOL_SIZE + 30,
      'changed',
    );
    // The worker has read the pool (its stage says solving) and cannot store until the test lets go of the row, so the change lands mid-solve.
    let selectionId: string | undefined;
    for (let attempt = 1; !selectionId; attempt++) {
      const queued = await env.http
        .post(`/intakes/${fresh.id}/selections`)
        .set(bearer(coordinator))
        .send(request(30, { algorithm: 'leximin', seed: `changed-${attempt}` }))
        .expect(202);
      await until('the solve to start', async () => ((await statusOf(queued.body.id)).stage === 'solving' ? true : undefined));
      await db.query('BEGIN');
      const [{ status }] = (await db.query(`SELECT status FROM selections WHERE id = $1 FOR UPDATE`, [queued.body.id])).rows;
      if (status === 'running') {
        selectionId = queued.body.id;
        break;
      }
      await db.query('ROLLBACK');
      if (attempt === 3) throw new Error('three solves finished before the test could hold their row');
    }
    await db.query(
      `UPDATE demographic_profiles SET sex = CASE sex WHEN 'Female' THEN 'Male' ELSE 'Female' END WHERE person_id = (SELECT person_id FROM applications WHERE intake_id = $1 ORDER BY id LIMIT 1)`,
      [fresh.id],
    );
    await db.query('COMMIT');
    const failed = await finished(selectionId!);
    expect(failed).toMatchObject({ status: 'failed', panel: null, error: { code: 'SELECTION_POOL_CHANGED', details: [expect.objectContaining({ rule: 'poolUnchanged' })] } });
  });

  it('records why a queued selection failed: quotas that cannot all be met, with the nearest that can', async () => {
    const queued = await env.http
      .post(`/intakes/${large.id}/selections`)
      .set(bearer(coordinator))
      // Fewer Black men applied than this asks for: each quota can be met alone, not all together.
      .send(request(45, { quotas: [{ category: 'sex x ethnicity_broad', feature: 'Male x Black', min: 40, max: 45 }] }))
      .expect(202);
    const failed = await finished(queued.body.id);
    expect(failed).toMatchObject({ status: 'failed', panel: null, error: { code: 'SELECTION_INFEASIBLE' } });
    expect(failed.error.nearestFeasibleQuotas.length).toBeGreaterThan(0);
    await env.http.post(`/selections/${failed.id}/apply`).set(bearer(coordinator)).expect(409);
  });

  it('refuses at once, before queuing, what the engine would refuse', async () => {
    const tooMany = await env.http
      .post(`/intakes/${large.id}/selections`)
      .set(bearer(coordinator))
      .send(request(3 * ASYNC_POOL_SIZE))
      .expect(400);
    expect(tooMany.body.details.map((d: { rule: string }) => d.rule)).toContain('panel-size-exceeds-pool');
  });
});
