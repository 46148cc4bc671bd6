import { drained, runReconciler } from './support/queues';
import { useRemindersHarness } from './support/reminders-harness';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from './support/reminder-seed';

async function until(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reminders when the mail server refuses for a while', () => {
  const harness = useRemindersHarness();
  const { reminders, sql } = harness;

  it('delivers after retries with backoff, with the failures and attempts in the delivery log', async () => {
    const admin = await signUpDaytimeOrganisation(harness.env);
    const { cohortId } = await cohortMeetingTomorrow(harness.env, admin, 'Cohort refused');
    const people = await enrolPeopleInBulk(harness.env, admin.organisationId, [cohortId], 20, 'refused');
    harness.sink.refusing = true;

    await runReconciler(reminders());
    // Every reminder has been refused at least twice (first try and the first retry after backoff).
    await until(
      async () => (await sql(`SELECT count(*)::int AS n FROM deliveries WHERE organisation_id = $1 AND attempts >= 2 AND status = 'failed'`, [admin.organisationId]))[0].n === 20,
      'every reminder refused twice',
      30_000,
    );
    const [failed] = await sql(`SELECT status, error FROM deliveries WHERE organisation_id = $1 LIMIT 1`, [admin.organisationId]);
    expect(failed).toEqual({ status: 'failed', error: expect.stringContaining('451') });
    expect(harness.sink.messages).toHaveLength(0);

    harness.sink.refusing = false;
    await harness.sink.waitForRecipients(20, 60_000);
    await drained(reminders());

    const { byRecipient } = harness.sink.tally();
    for (const person of people) expect(byRecipient.get(person.email)).toBe(1);
    const rows = await sql(`SELECT status, attempts, error, sent_at FROM deliveries WHERE organisation_id = $1`, [admin.organisationId]);
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(row).toEqual({ status: 'sent', attempts: expect.any(Number), error: null, sent_at: expect.any(Date) });
    expect(Math.min(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(3);
    expect(harness.sink.refusals).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
