import { simpleParser } from 'mailparser';
import { acceptedApplicants, enrolApplications } from '../../factories/cohorts';
import { bearer, SignedIn } from '../../factories/organisations';
import { drained, runReconciler } from './support/queues';
import { useRemindersHarness } from './support/reminders-harness';
import { cancelSession, cohortMeetingTomorrow, enrolPeopleInBulk, localDate, DAYTIME_ZONE, signUpDaytimeOrganisation } from './support/reminder-seed';

/** Unfolds an iCalendar file into its content lines. */
const icsLines = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter(Boolean);

describe('session-tomorrow reminders', () => {
  const harness = useRemindersHarness({ keepRaw: true });
  const { reminders, sql } = harness;

  it('sends each of 500 enrolled people exactly one reminder with a valid calendar invite, however often the reconciler runs', async () => {
    const admin = await signUpDaytimeOrganisation(harness.env, { organisationName: 'Hackney Peer Network' });
    const cohorts = [];
    for (let i = 1; i <= 5; i++) cohorts.push(await cohortMeetingTomorrow(harness.env, admin, `Peer Mentor training, cohort ${i}`));
    const people = await enrolPeopleInBulk(
      harness.env,
      admin.organisationId,
      cohorts.map((c) => c.cohortId),
      100,
      'hackney',
    );
    expect(people).toHaveLength(500);

    await runReconciler(reminders());
    await runReconciler(reminders());
    await harness.sink.waitForRecipients(500, 120_000);
    await runReconciler(reminders());
    await drained(reminders());

    const { byRecipient } = harness.sink.tally();
    expect(harness.sink.messages).toHaveLength(500);
    for (const person of people) expect(byRecipient.get(person.email)).toBe(1);

    const tomorrow = localDate(1).replace(/-/g, '');
    const uids = new Set<string>();
    for (const message of harness.sink.messages) {
      const mail = await simpleParser(message.raw!);
      expect(mail.subject).toMatch(/^Reminder: your session tomorrow, \w+day \d{1,2} \w+ \d{4} at 18:00$/);
      expect(mail.text).toContain('Hackney Peer Network');
      expect(mail.text).toContain('from 18:00 to 20:00');
      expect(mail.text).toContain('It is at Community Centre, 1 Mare Street.');
      expect(mail.html).toContain('<p>');
      const invite = mail.attachments.find((a) => a.contentType === 'text/calendar');
      expect(invite?.filename).toBe('session.ics');
      const lines = icsLines(invite!.content.toString('utf8'));
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines.at(-1)).toBe('END:VCALENDAR');
      const event = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
      expect(event).toEqual(expect.arrayContaining([`DTSTART;TZID=${DAYTIME_ZONE}:${tomorrow}T180000`, `DTEND;TZID=${DAYTIME_ZONE}:${tomorrow}T200000`, 'LOCATION:Community Centre\\, 1 Mare Street']));
      expect(lines).toContain(`TZID:${DAYTIME_ZONE}`);
      uids.add(event.find((l) => l.startsWith('UID:'))!);
    }
    expect(uids.size).toBe(500);

    const deliveries = await sql(`SELECT status, attempts, template, count(*)::int AS n FROM deliveries WHERE organisation_id = $1 GROUP BY 1, 2, 3`, [admin.organisationId]);
    expect(deliveries).toEqual([{ status: 'sent', attempts: 1, template: 'session-tomorrow', n: 500 }]);
    const job = (await reminders().getJobs(['completed'], 0, 20)).find((j) => j.name === 'session-tomorrow')!;
    expect(Object.keys(job.data).sort()).toEqual(['dueOn', 'organisationId', 'personId', 'sessionId']);
  }, 180_000);

  it('sends nothing to people who do not want email, have withdrawn, or whose session is cancelled', async () => {
    const coordinator: SignedIn = await signUpDaytimeOrganisation(harness.env, { organisationName: 'Islington Peers' });
    const meeting = await cohortMeetingTomorrow(harness.env, coordinator, 'Thursday group');
    const cancelled = await cohortMeetingTomorrow(harness.env, coordinator, 'Friday group');
    const stamp = Date.now();
    const wants = { name: 'Wants Email', email: `wants-${stamp}@example.org` };
    const phoneOnly = { name: 'Phone Only', email: `phone-only-${stamp}@example.org`, phone: '07700 900123', contactPreferences: ['phone'] };
    const withdrawing = { name: 'Will Withdraw', email: `withdrawing-${stamp}@example.org` };
    const inCancelled = { name: 'In Cancelled', email: `in-cancelled-${stamp}@example.org` };
    const [a, b, c] = await acceptedApplicants(harness.env, coordinator, meeting.intakeId, 3, (i) => [wants, phoneOnly, withdrawing][i]);
    const enrolled = await enrolApplications(harness.env, coordinator, meeting.cohortId, [a.id, b.id, c.id]);
    const [d] = await acceptedApplicants(harness.env, coordinator, cancelled.intakeId, 1, () => inCancelled);
    await enrolApplications(harness.env, coordinator, cancelled.cohortId, [d.id]);
    const withdrawn = enrolled.find((e) => e.personId === c.personId)!;
    await harness.env.http
      .post(`/enrolments/${withdrawn.id}/withdrawal`)
      .set(bearer(coordinator))
      .send({ withdrawnOn: localDate(0), reason: 'employment' })
      .expect(200);
    await cancelSession(harness.env, coordinator, cancelled.session.id);

    await runReconciler(reminders());
    await harness.sink.waitForRecipients(501, 30_000);
    await runReconciler(reminders());
    await drained(reminders());

    expect(harness.sink.tally().byRecipient.get(wants.email)).toBe(1);
    for (const nobody of [phoneOnly, withdrawing, inCancelled]) expect(harness.sink.tally().byRecipient.get(nobody.email)).toBeUndefined();
    const rows = await sql(`SELECT recipient FROM deliveries WHERE organisation_id = $1`, [coordinator.organisationId]);
    expect(rows).toEqual([{ recipient: wants.email }]);
  }, 120_000);
});
