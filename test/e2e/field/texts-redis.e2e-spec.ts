import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { NotifyStandIn } from '../../../scripts/notify-stand-in';
import { OwnRedis } from '../../support/own-redis';
import { deleteKeys } from '../../support/redis-keys';
import { TestEnvironment } from '../../support/test-environment';
import { drained, reconcileUntil, runReconciler } from '../jobs/support/queues';
import { textsDueTomorrow } from './support/notify-setup';

/** Until `condition` holds, checked every 100 ms. */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function deliveryKeys(db: Client, organisationId: string): Promise<Array<{ key: string; status: string }>> {
  return (await db.query(`SELECT key, status FROM deliveries WHERE organisation_id = $1 ORDER BY key`, [organisationId])).rows;
}

describe('texts when Redis loses the queues mid-batch', () => {
  let notify: NotifyStandIn;
  let env: TestEnvironment;
  let db: Client;
  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));

  beforeAll(async () => {
    notify = await new NotifyStandIn().start();
    env = await TestEnvironment.start({ worker: true, env: { NOTIFY_BASE_URL: notify.url } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
    await notify?.stop();
  });

  it('still sends each person exactly one text, with the reconciler running as its schedule would', async () => {
    const { admin, people } = await textsDueTomorrow(env, notify, 5, 100, 'flushed');

    await runReconciler(reminders());
    await notify.waitForMessages(100, 60_000);
    // Only this test's own keys: other test runs share the Redis server, so never FLUSHDB here.
    await deleteKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', env.redisPrefix);
    const beforeReconcile = notify.messages.length;
    expect(beforeReconcile).toBeLessThan(500);

    // Jobs busy when the keys went can leave hollow hashes behind that the next pass clears.
    await reconcileUntil(reminders(), () => new Set(notify.messages.map((m) => m.reference)).size >= 500, 150_000);
    await runReconciler(reminders());
    await drained(reminders());
    await new Promise((r) => setTimeout(r, 1_000));

    const rows = await deliveryKeys(db, admin.organisationId);
    expect(rows).toHaveLength(people.length);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(notify.tally(rows.map((r) => r.key))).toEqual({ duplicates: 0, missing: 0 });
    expect(notify.messages).toHaveLength(500);
    console.log(`Redis lost the queues after ${beforeReconcile} of 500 texts; the reconciler re-derived the rest`);
  }, 300_000);
});

describe('texts when Redis restarts empty mid-batch under a running worker', () => {
  let redis: OwnRedis;
  let notify: NotifyStandIn;
  let env: TestEnvironment;
  let db: Client;
  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));
  const reconcilerRuns = async () => (await reminders().getJobScheduler('reconcile-reminders'))?.iterationCount ?? 0;

  beforeAll(async () => {
    // A Redis of the test's own: the shared one other tests use is never restarted.
    redis = await OwnRedis.start();
    notify = await new NotifyStandIn().start();
    // The reconciler every second and the schedulers checked every second, so the test takes seconds, not quarter-hours.
    env = await TestEnvironment.start({ worker: true, env: { REDIS_URL: redis.url, NOTIFY_BASE_URL: notify.url, REMINDERS_RECONCILE_SECONDS: '1', SCHEDULES_CHECK_SECONDS: '1' } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
    await notify?.stop();
    await redis?.stop();
  });

  it('sends each person exactly one text when Redis is killed and comes back empty while texts are in flight, with nobody restarting the worker or running the reconciler', async () => {
    // Texts held unanswered from the first one, so the batch is surely mid-flight when Redis goes.
    notify.holding = true;
    const { admin, people } = await textsDueTomorrow(env, notify, 3, 100, 'restart');
    await until('texts in flight at Notify', async () => notify.held.length >= 10, 60_000);
    const worker = env.worker;
    const before = await redis.runId();

    await redis.kill();
    await redis.restart();
    expect(await redis.runId()).not.toBe(before);
    const inFlight = notify.releaseHeld().length;

    await until('every text sent', async () => (await deliveryKeys(db, admin.organisationId)).filter((r) => r.status === 'sent').length === people.length, 240_000);
    // Two more runs of the reconciler after the last send, and nothing left queued, before counting.
    const runs = await reconcilerRuns();
    await until('two more reconciler runs', async () => (await reconcilerRuns()) >= runs + 2, 30_000);
    await drained(reminders());

    expect(env.worker).toBe(worker);
    const rows = await deliveryKeys(db, admin.organisationId);
    expect(rows).toHaveLength(people.length);
    expect(notify.tally(rows.map((r) => r.key))).toEqual({ duplicates: 0, missing: 0 });
    expect(notify.messages).toHaveLength(people.length);
    console.log(`Redis restarted empty with ${inFlight} texts in flight; ${notify.messages.length} of ${people.length} texts reached Notify, each once`);
  }, 300_000);
});
