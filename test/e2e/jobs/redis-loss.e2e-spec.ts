import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { deleteKeys } from '../../support/redis-keys';
import { TestEnvironment } from '../../support/test-environment';
import { MailSink } from './support/mail-sink';
import { drained, runReconciler } from './support/queues';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from './support/reminder-seed';

describe('reminders when Redis loses the queues mid-batch', () => {
  let env: TestEnvironment;
  let sink: MailSink;
  let db: Client;
  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));

  beforeAll(async () => {
    sink = await new MailSink().start();
    env = await TestEnvironment.start({ worker: true, env: { SMTP_PORT: String(sink.port) } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
    await sink?.stop();
  });

  it('still sends each person exactly one reminder once the reconciler has run', async () => {
    const admin = await signUpDaytimeOrganisation(env);
    const cohorts = [];
    for (let i = 1; i <= 5; i++) cohorts.push(await cohortMeetingTomorrow(env, admin, `Cohort ${i}`));
    const people = await enrolPeopleInBulk(env, admin.organisationId, cohorts.map((c) => c.cohortId), 100, 'flushed');

    await runReconciler(reminders());
    await sink.waitForRecipients(100, 60_000);
    // Only this test's own keys: other test runs share the Redis server, so never FLUSHDB here.
    await deleteKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', env.redisPrefix);
    const beforeReconcile = sink.messages.length;
    expect(beforeReconcile).toBeLessThan(500);
    const lostJobs = await reminders().getJobCounts('waiting', 'active', 'delayed', 'completed');
    expect(Object.values(lostJobs).reduce((a, b) => a + b, 0)).toBeLessThan(50);

    await runReconciler(reminders());
    await sink.waitForRecipients(500, 120_000);
    await runReconciler(reminders());
    await drained(reminders());
    await new Promise((r) => setTimeout(r, 1_000));

    const { byRecipient } = sink.tally();
    expect(sink.messages).toHaveLength(500);
    for (const person of people) expect(byRecipient.get(person.email)).toBe(1);
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE organisation_id = $1 GROUP BY 1`, [admin.organisationId]);
    expect(rows).toEqual([{ status: 'sent', n: 500 }]);
    console.log(`Redis lost the queues after ${beforeReconcile} of 500 reminders; the reconciler re-derived the rest`);
  }, 240_000);
});
