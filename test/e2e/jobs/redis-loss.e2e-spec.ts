import { deleteKeys } from '../../support/redis-keys';
import { drained, reconcileUntil, runReconciler } from './support/queues';
import { useRemindersHarness } from './support/reminders-harness';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from './support/reminder-seed';

describe('reminders when Redis loses the queues mid-batch', () => {
  const harness = useRemindersHarness();
  const { reminders } = harness;

  it('still sends each person exactly one reminder, with the reconciler running as its schedule would', async () => {
    const admin = await signUpDaytimeOrganisation(harness.env);
    const cohorts = [];
    for (let i = 1; i <= 5; i++) cohorts.push(await cohortMeetingTomorrow(harness.env, admin, `Cohort ${i}`));
    const people = await enrolPeopleInBulk(
      harness.env,
      admin.organisationId,
      cohorts.map((c) => c.cohortId),
      100,
      'flushed',
    );

    await runReconciler(reminders());
    await harness.sink.waitForRecipients(100, 60_000);
    // Only this test's own keys: other test runs share the Redis server, so never FLUSHDB here.
    await deleteKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', harness.env.redisPrefix);
    const beforeReconcile = harness.sink.messages.length;
    expect(beforeReconcile).toBeLessThan(500);
    const lostJobs = await reminders().getJobCounts('waiting', 'active', 'delayed', 'completed');
    expect(Object.values(lostJobs).reduce((a, b) => a + b, 0)).toBeLessThan(50);

    // Jobs busy when the keys went can leave hollow hashes behind that the next pass clears.
    await reconcileUntil(reminders(), () => harness.sink.tally().byRecipient.size >= 500, 150_000);
    await runReconciler(reminders());
    await drained(reminders());
    await new Promise((r) => setTimeout(r, 1_000));

    const { byRecipient } = harness.sink.tally();
    expect(harness.sink.messages).toHaveLength(500);
    for (const person of people) expect(byRecipient.get(person.email)).toBe(1);
    const { rows } = await harness.db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE organisation_id = $1 GROUP BY 1`, [admin.organisationId]);
    expect(rows).toEqual([{ status: 'sent', n: 500 }]);
    console.log(`Redis lost the queues after ${beforeReconcile} of 500 reminders; the reconciler re-derived the rest`);
  }, 300_000);
});
