import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { OwnRedis } from '../../support/own-redis';
import { TestEnvironment } from '../../support/test-environment';
import { MailSink } from './support/mail-sink';
import { drained } from './support/queues';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from './support/reminder-seed';

/** Until `condition` holds, checked every 100 ms. */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job schedules when Redis restarts empty under a running worker', () => {
  let redis: OwnRedis;
  let sink: MailSink;
  let env: TestEnvironment;
  let db: Client;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    sink = await new MailSink().start();
    // The reconciler every second and the schedulers checked every second, so the test takes seconds, not quarter-hours.
    env = await TestEnvironment.start({ worker: true, env: { REDIS_URL: redis.url, SMTP_PORT: String(sink.port), REMINDERS_RECONCILE_SECONDS: '1', SCHEDULES_CHECK_SECONDS: '1' } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
    await sink?.stop();
    await redis?.stop();
  });

  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));
  const reconcilerRuns = async () => (await reminders().getJobScheduler('reconcile-reminders'))?.iterationCount ?? 0;

  it('sends a reminder that falls due after the restart exactly once, with nobody restarting the worker or running the reconciler', async () => {
    const admin = await signUpDaytimeOrganisation(env);
    const { cohortId } = await cohortMeetingTomorrow(env, admin, 'Evening cohort');
    await until('the reminders reconciler running on its schedule', async () => (await reconcilerRuns()) >= 2, 30_000);
    const worker = env.worker;
    const before = await redis.runId();

    await redis.kill();
    await redis.restart();
    expect(await redis.runId()).not.toBe(before);

    // Someone joins the cohort after Redis came back: only the scheduled reconciler can find their reminder.
    const [person] = await enrolPeopleInBulk(env, admin.organisationId, [cohortId], 1, 'after-restart');
    await sink.waitForRecipients(1, 60_000);

    // Two more runs of the reconciler after the send, and nothing left queued, before counting.
    const runs = await reconcilerRuns();
    await until('two more reconciler runs', async () => (await reconcilerRuns()) >= runs + 2, 30_000);
    await drained(reminders());

    expect(env.worker).toBe(worker);
    expect(sink.messages.filter((m) => m.to === person.email.toLowerCase())).toHaveLength(1);
    expect(sink.messages).toHaveLength(1);
    const { rows } = await db.query(`SELECT recipient, status FROM deliveries WHERE organisation_id = $1`, [admin.organisationId]);
    expect(rows).toEqual([{ recipient: person.email, status: 'sent' }]);
  }, 180_000);
});
