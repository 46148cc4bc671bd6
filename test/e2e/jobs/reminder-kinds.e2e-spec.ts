import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { localInstant } from '@steppingstone/reminders';
import { importCensus } from '../../factories/census';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, saveRegister } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson, recordDemographics } from '../../factories/people';
import { createHost, jobBody, placementBody } from '../../factories/progression';
import { createIntake, createProgramme, enterApplicant } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { drained, runReconciler } from './support/queues';
import { localDate } from './support/reminder-seed';
import { zoneAt } from './support/time-zones';

/**
 * Every reminder kind besides session-tomorrow, end to end: data entered through the API, the
 * reconciler run through the real queue, the emails caught by a real SMTP server. Dates are taken
 * from today, so each scenario is due (or not) whenever the test runs; each uses an organisation
 * of its own so that its recipients and delivery log are its alone.
 */
describe('reminder kinds', () => {
  let env: TestEnvironment;
  let db: Client;
  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  /**
   * The organisations work in a zone where it is now daytime, so that whenever the test runs the
   * reminders are due at once rather than held for 08:00 (that rule has a test of its own), and
   * every date is a day on that organisation's calendar.
   */
  const zone = zoneAt(9, 20);
  const day = (days: number) => localDate(days, zone);
  async function signUp(overrides: Parameters<typeof signUpOrganisation>[1]): Promise<SignedIn> {
    const admin = await signUpOrganisation(env, overrides);
    await env.http.patch('/organisation').set(bearer(admin)).send({ timeZone: zone }).expect(200);
    return admin;
  }

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  /** What the quarter-hourly scheduler does, now, and until every job it added has run. */
  async function reconcile(): Promise<void> {
    await runReconciler(reminders());
    await drained(reminders());
    // The SMTP catcher parses each message after accepting it; give the last one a moment.
    await new Promise((r) => setTimeout(r, 300));
  }

  /** Reminders (of one template's subject) that reached an address; invitation emails to new members are left out. */
  const mailTo = (address: string, subject: RegExp): ParsedMail[] => env.smtp!.to(address).filter((m) => subject.test(m.subject ?? ''));
  async function waitForMail(address: string, subject: RegExp, count = 1, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (mailTo(address, subject).length < count) {
      if (Date.now() > deadline) throw new Error(`No ${count} email(s) matching ${subject} to ${address} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const deliveries = (organisationId: string, template: string) =>
    sql(`SELECT recipient, status, key, error FROM deliveries WHERE organisation_id = $1 AND template = $2 ORDER BY recipient, key`, [organisationId, template]);

  it('absence follow-up: each trainer of the cohort hears once per at-risk flag, and the event is marked notified', async () => {
    const admin = await signUp({ organisationName: 'Calderdale Peer Network' });
    const [trainerA, trainerB, otherTrainer] = [await addMember(env, admin, Role.Trainer), await addMember(env, admin, Role.Trainer), await addMember(env, admin, Role.Trainer)];
    const cohort = await createCohort(env, admin, [trainerA, trainerB], { name: 'Peer Mentor training, autumn' });
    const [amira, ben] = await acceptedApplicants(env, admin, cohort.intakeId, 2, (i) => ({ name: ['Amira Khan', 'Ben Hall'][i] }));
    await enrolApplications(env, admin, cohort.id, [amira.id, ben.id]);
    const sessions = await generateSchedule(env, admin, cohort.id);

    // Nothing is flagged yet: nothing to send.
    await reconcile();
    expect(mailTo(trainerA.email, /at risk/)).toHaveLength(0);

    for (const session of sessions.slice(0, 2)) {
      const register = await env.http.get(`/sessions/${session.id}/register`).set(bearer(trainerA)).expect(200);
      await saveRegister(env, trainerA, session.id, register.body.version, [
        { personId: amira.personId, status: 'absent' },
        { personId: ben.personId, status: 'present' },
      ]).expect(200);
    }
    const events = await sql(`SELECT id, reason FROM at_risk_events WHERE organisation_id = $1`, [admin.organisationId]);
    expect(events.length).toBeGreaterThanOrEqual(1);

    await reconcile();
    await waitForMail(trainerB.email, /at risk of dropping out/, events.length);
    for (const trainer of [trainerA, trainerB]) {
      const mail = mailTo(trainer.email, /at risk of dropping out/);
      expect(mail).toHaveLength(events.length);
      expect(mail[0].subject).toBe('Follow-up needed: Amira Khan in Peer Mentor training, autumn may be at risk of dropping out');
      expect(mail[0].text).toContain('Dear trainer person,');
      expect(mail[0].text).toContain('Amira Khan in Peer Mentor training, autumn has been flagged at risk of dropping out after the session on');
      expect(mail[0].text).toContain('Calderdale Peer Network');
      expect(mail[0].html).toContain('<p>Dear trainer person,</p>');
    }
    expect(mailTo(otherTrainer.email, /at risk/)).toHaveLength(0);
    expect(mailTo(admin.email, /at risk/)).toHaveLength(0);
    const rows = await deliveries(admin.organisationId, 'absence-follow-up');
    expect(rows).toHaveLength(2 * events.length);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const pending = await sql(`SELECT count(*)::int AS n FROM at_risk_events WHERE organisation_id = $1 AND notified_at IS NULL`, [admin.organisationId]);
    expect(pending).toEqual([{ n: 0 }]);

    await reconcile();
    for (const trainer of [trainerA, trainerB]) expect(mailTo(trainer.email, /at risk/)).toHaveLength(events.length);
  }, 120_000);

  it('supervision due in 2 days: to the supervisor and the mentor, once; a mentor who does not want email is skipped and logged', async () => {
    const admin = await signUp({ organisationName: 'Halifax Peer Mentors' });
    const host = await createHost(env, admin, { name: 'Halifax Recovery Hub' });
    const dev = await createPerson(env, admin, { name: 'Devinder Patel', preferredName: 'Dev' });
    const phoneOnly = await createPerson(env, admin, { name: 'Phone Only', contactPreferences: ['phone'] });
    const later = await createPerson(env, admin, { name: 'Not Yet' });
    const place = (personId: string, startDays: number, supervisorContact: string) =>
      env.http
        .post('/placements')
        .set(bearer(admin))
        .send(
          placementBody(personId, host.id, startDays, {
            startsOn: day(startDays),
            plannedEndOn: day(startDays + 83),
            status: 'active',
            supervisorName: 'Jo Walsh',
            supervisorContact,
            supervisionIntervalDays: 14,
          }),
        )
        .expect(201);
    // Started 12 days ago with fortnightly supervision: the first falls due in 2 days.
    await place(dev.id, -12, 'jo.walsh@recoveryhub.example.org');
    await place(phoneOnly.id, -12, 'sam.reid@recoveryhub.example.org');
    // Started 5 days ago: due in 9 days, not yet.
    await place(later.id, -5, 'kim.lee@recoveryhub.example.org');

    await reconcile();
    await waitForMail('sam.reid@recoveryhub.example.org', /supervision/i);

    const toDev = mailTo(dev.email!, /supervision/i);
    expect(toDev).toHaveLength(1);
    expect(toDev[0].subject).toBe(`Your supervision is due on ${longDate(day(2))}`);
    expect(toDev[0].text).toContain('Dear Dev,');
    expect(toDev[0].text).toContain(`Your next supervision with Jo Walsh in your placement as Peer support volunteer at Halifax Recovery Hub is due on ${longDate(day(2))} (in 2 days).`);
    expect(toDev[0].text).toContain('Halifax Peer Mentors');
    const toJo = mailTo('jo.walsh@recoveryhub.example.org', /supervision/i);
    expect(toJo).toHaveLength(1);
    expect(toJo[0].subject).toBe(`Supervision due with Dev on ${longDate(day(2))}`);
    expect(toJo[0].text).toContain('Dear Jo Walsh,');
    expect(mailTo('sam.reid@recoveryhub.example.org', /supervision/i)).toHaveLength(1);
    expect(env.smtp!.to(phoneOnly.email!)).toHaveLength(0);
    expect(env.smtp!.to('kim.lee@recoveryhub.example.org')).toHaveLength(0);
    expect(env.smtp!.to(later.email!)).toHaveLength(0);

    const rows = await deliveries(admin.organisationId, 'supervision-due');
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => [r.recipient, r.status])).toEqual(
      expect.arrayContaining([
        [dev.email, 'sent'],
        ['jo.walsh@recoveryhub.example.org', 'sent'],
        [phoneOnly.email, 'skipped'],
        ['sam.reid@recoveryhub.example.org', 'sent'],
      ]),
    );
    expect(rows.find((r) => r.status === 'skipped')).toMatchObject({
      error: 'does not want to be contacted by email',
      key: expect.stringMatching(new RegExp(`^supervision-due:[0-9a-f-]{36}:${day(0)}:person:${phoneOnly.id}$`)),
    });

    await reconcile();
    expect(mailTo(dev.email!, /supervision/i)).toHaveLength(1);
    expect(mailTo('jo.walsh@recoveryhub.example.org', /supervision/i)).toHaveLength(1);
    expect(await deliveries(admin.organisationId, 'supervision-due')).toHaveLength(4);
  }, 120_000);

  it('placement review due: to the coordinators and the supervisor, not to trainers; none once the review is recorded', async () => {
    const admin = await signUp({ organisationName: 'Kirklees Peers' });
    const coordinator = await addMember(env, admin, Role.Coordinator);
    const trainer = await addMember(env, admin, Role.Trainer);
    const host = await createHost(env, admin, { name: 'Huddersfield Food Bank' });
    const [due, reviewed] = [await createPerson(env, admin, { name: 'Grace Obi' }), await createPerson(env, admin, { name: 'Reviewed Already' })];
    // The week 6 review falls 42 days after the start: started 39 days ago, it is due in 3 days.
    const placed = async (personId: string, supervisorContact: string) =>
      (
        await env.http
          .post('/placements')
          .set(bearer(admin))
          .send(placementBody(personId, host.id, -39, { startsOn: day(-39), plannedEndOn: day(44), status: 'active', supervisorName: 'Lee Brook', supervisorContact }))
          .expect(201)
      ).body;
    await placed(due.id, 'lee.brook@foodbank.example.org');
    const done = await placed(reviewed.id, '01484 000000');
    await env.http
      .post(`/placements/${done.id}/reviews`)
      .set(bearer(admin))
      .send({ week: 6, heldOn: day(0), outcome: 'continue' })
      .expect(200);

    await reconcile();
    await waitForMail('lee.brook@foodbank.example.org', /placement review/);
    const reviewOn = longDate(day(3));
    for (const address of [admin.email, coordinator.email, 'lee.brook@foodbank.example.org']) {
      const mail = mailTo(address, /placement review/);
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toBe(`Week 6 placement review due for Grace Obi on ${reviewOn}`);
      expect(mail[0].text).toContain(`The week 6 review of Grace Obi's placement as Peer support volunteer at Huddersfield Food Bank is due on ${reviewOn}.`);
      expect(mail[0].text).toContain('Kirklees Peers');
    }
    expect(mailTo(trainer.email, /review/)).toHaveLength(0);
    expect(env.smtp!.messages.filter((m) => /Reviewed Already/.test(m.subject ?? ''))).toHaveLength(0);
    expect(await deliveries(admin.organisationId, 'placement-review-due')).toHaveLength(3);

    await reconcile();
    expect(mailTo(admin.email, /placement review/)).toHaveLength(1);
  }, 120_000);

  it('fixed-term contract ending in 8 weeks: to the coordinators, with CV and interview support, once', async () => {
    const admin = await signUp({ organisationName: 'Wakefield Works' });
    const coordinator = await addMember(env, admin, Role.Coordinator);
    const mentor = await addMember(env, admin, Role.Mentor);
    const [nadia, permanent, notYet] = [
      await createPerson(env, admin, { name: 'Nadia Ahmed' }),
      await createPerson(env, admin, { name: 'Permanent Post' }),
      await createPerson(env, admin, { name: 'Ends Later' }),
    ];
    const record = (personId: string, body: Record<string, unknown>) => env.http.post(`/people/${personId}/jobs`).set(bearer(admin)).send(jobBody(body)).expect(201);
    await record(nadia.id, { title: 'Peer Navigator', employer: 'Wakefield Council', contractType: 'fixed-term', startsOn: day(-300), contractEndsOn: day(56) });
    await record(permanent.id, { startsOn: day(-300) });
    await record(notYet.id, { contractType: 'fixed-term', startsOn: day(-300), contractEndsOn: day(80) });

    await reconcile();
    await waitForMail(coordinator.email, /contract ends/);
    const endsOn = longDate(day(56));
    for (const address of [admin.email, coordinator.email]) {
      const mail = mailTo(address, /contract ends/);
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toBe(`Nadia Ahmed's contract ends on ${endsOn}: time for CV and interview support`);
      expect(mail[0].text).toContain(`Nadia Ahmed's fixed-term contract as Peer Navigator with Wakefield Council ends on ${endsOn}, in 8 weeks.`);
      expect(mail[0].text).toContain('CV and interview technique');
      expect(mail[0].text).toContain('Wakefield Works');
    }
    expect(mailTo(mentor.email, /contract/)).toHaveLength(0);
    expect(await deliveries(admin.organisationId, 'contract-ending')).toHaveLength(2);

    await reconcile();
    expect(mailTo(admin.email, /contract ends/)).toHaveLength(1);
  }, 120_000);

  it('job sustainment checks due at 13 and 26 weeks: to the coordinators, until recorded', async () => {
    const admin = await signUp({ organisationName: 'Bradford Pathways' });
    const [olu, priya, checked] = [
      await createPerson(env, admin, { name: 'Olu Bello' }),
      await createPerson(env, admin, { name: 'Priya Shah' }),
      await createPerson(env, admin, { name: 'Checked Already' }),
    ];
    const record = async (personId: string, startsOn: string) =>
      (
        await env.http
          .post(`/people/${personId}/jobs`)
          .set(bearer(admin))
          .send(jobBody({ startsOn, employer: 'Bradford Royal Infirmary', title: 'Healthcare assistant' }))
          .expect(201)
      ).body;
    await record(olu.id, day(-91));
    await record(priya.id, day(-182));
    const job = await record(checked.id, day(-95));
    await env.http.post(`/jobs/${job.id}/sustainment-checks`).set(bearer(admin)).send({ week: 13, result: 'sustained' }).expect(200);

    await reconcile();
    await waitForMail(admin.email, /job check due/, 2);
    const mail = mailTo(admin.email, /job check due/);
    expect(mail.map((m) => m.subject).sort()).toEqual(['13-week job check due for Olu Bello', '26-week job check due for Priya Shah']);
    const olus = mail.find((m) => m.subject!.includes('Olu'))!;
    expect(olus.text).toContain(`It is 13 weeks since Olu Bello started as Healthcare assistant with Bradford Royal Infirmary on ${longDate(day(-91))}`);
    expect(olus.text).toContain('Bradford Pathways');
    expect(env.smtp!.messages.filter((m) => /Checked Already/.test(m.subject ?? ''))).toHaveLength(0);

    await reconcile();
    expect(mailTo(admin.email, /job check due/)).toHaveLength(2);
  }, 120_000);

  it('holds a reminder that falls due in the small hours until 08:00 in the organisation time zone, then sends it once', async () => {
    const nightZone = zoneAt(1, 6);
    const admin = await signUpOrganisation(env, { organisationName: 'Night Owls Trust' });
    await env.http.patch('/organisation').set(bearer(admin)).send({ timeZone: nightZone }).expect(200);
    const person = await createPerson(env, admin, { name: 'Rosa Lind' });
    await env.http
      .post(`/people/${person.id}/jobs`)
      .set(bearer(admin))
      .send(jobBody({ title: 'Peer Navigator', contractType: 'fixed-term', startsOn: localDate(-300, nightZone), contractEndsOn: localDate(56, nightZone) }))
      .expect(201);

    await reconcile();
    await reconcile();
    const held = (await reminders().getJobs(['delayed'])).filter((j) => j.name === 'contract-ending' && j.data.organisationId === admin.organisationId);
    expect(held).toHaveLength(1);
    const releasedAt = held[0].timestamp + (held[0].opts.delay ?? 0);
    expect(Math.abs(releasedAt - localInstant(localDate(0, nightZone), 8, nightZone).getTime())).toBeLessThan(5_000);
    expect(mailTo(admin.email, /contract ends/)).toHaveLength(0);
    expect(await deliveries(admin.organisationId, 'contract-ending')).toHaveLength(0);

    // 08:00 comes: the held job runs, and the reminder goes once.
    await held[0].promote();
    await waitForMail(admin.email, /contract ends/);
    await reconcile();
    expect(mailTo(admin.email, /contract ends/)).toHaveLength(1);
    expect(await deliveries(admin.organisationId, 'contract-ending')).toEqual([expect.objectContaining({ recipient: admin.email, status: 'sent' })]);
  }, 120_000);

  it('recruitment window closing in 3 days: to the coordinators, naming the groups that are not there yet; nothing without a census dataset', async () => {
    const admin = await signUp({ organisationName: 'Islington Council', boroughCode: 'E09000019' });
    const coordinator = await addMember(env, admin, Role.Coordinator);
    const dataset = await importCensus(env, admin, ['sex_by_la.csv', 'age_18plus_by_la.csv']);
    const open = async (programmeName: string, closesInDays: number, withDataset: boolean) => {
      const programme = await createProgramme(env, coordinator, { name: programmeName });
      if (withDataset) await env.http.put(`/programmes/${programme.id}/census-dataset`).set(bearer(coordinator)).send({ datasetId: dataset.id }).expect(200);
      const intake = await createIntake(env, coordinator, programme.id, { name: `${programmeName}, spring intake`, opensOn: day(-25), closesOn: day(closesInDays), capacity: 45 });
      await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
      return intake;
    };
    const closing = await open('Peer Mentor training', 3, true);
    await open('Befriending', 3, false);
    await open('Volunteer drivers', 10, true);
    // Twelve applicants, all women: men are not there yet.
    for (let i = 0; i < 12; i++) {
      const applicant = await enterApplicant(env, coordinator, closing.id, { dateOfBirth: '1990-05-01' });
      await recordDemographics(env, coordinator, applicant.personId, { sex: 'Female' });
    }

    await reconcile();
    await waitForMail(coordinator.email, /closes/);
    for (const address of [admin.email, coordinator.email]) {
      const mail = mailTo(address, /closes/);
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toBe("Peer Mentor training, spring intake closes in 3 days: groups that aren't there yet");
      expect(mail[0].text).toContain(`Recruitment for Peer Mentor training, spring intake (Peer Mentor training) closes on ${longDate(day(3))}, in 3 days.`);
      expect(mail[0].text).toContain('12 people have applied so far.');
      expect(mail[0].text).toMatch(/^- Sex: Male \(0 applied, [\d.]+ expected\): about \d+ more applicants to fill their share of 45 places$/m);
      expect(mail[0].text).not.toMatch(/^- Sex: Female/m);
      expect(mail[0].html).toContain('<li>Sex: Male');
      expect(mail[0].text).toContain('Islington Council');
    }
    const rows = await deliveries(admin.organisationId, 'recruitment-window-closing');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(env.smtp!.messages.filter((m) => /Befriending|Volunteer drivers/.test(m.subject ?? ''))).toHaveLength(0);
    const audit = await env.http.get('/audit-log?action=representativeness.gaps.analysed').set(bearer(admin)).expect(200);
    expect(audit.body.total).toBe(2);

    await reconcile();
    expect(mailTo(coordinator.email, /closes/)).toHaveLength(1);
  }, 180_000);

  it('recruitment window closing with no group flagged: no email, and the delivery log says why', async () => {
    const admin = await signUp({ organisationName: 'Islington Volunteers', boroughCode: 'E09000019' });
    // Sex is the only dimension this dataset can answer, and the pool matches the borough on it.
    const dataset = await importCensus(env, admin, ['sex_by_la.csv']);
    const programme = await createProgramme(env, admin, { name: 'Community champions' });
    await env.http.put(`/programmes/${programme.id}/census-dataset`).set(bearer(admin)).send({ datasetId: dataset.id }).expect(200);
    const intake = await createIntake(env, admin, programme.id, { name: 'Champions, spring intake', opensOn: day(-25), closesOn: day(2), capacity: 21 });
    await env.http.post(`/intakes/${intake.id}/status`).set(bearer(admin)).send({ status: 'open' }).expect(200);
    // Islington is 52% women and 48% men: 11 and 10 of 21.
    for (let i = 0; i < 21; i++) {
      const applicant = await enterApplicant(env, admin, intake.id, { dateOfBirth: '1990-05-01' });
      await recordDemographics(env, admin, applicant.personId, { sex: i < 11 ? 'Female' : 'Male' });
    }

    await reconcile();
    expect(mailTo(admin.email, /closes/)).toHaveLength(0);
    expect(await deliveries(admin.organisationId, 'recruitment-window-closing')).toEqual([
      {
        recipient: admin.email,
        status: 'skipped',
        error: 'no representativeness gap is flagged for this intake',
        key: expect.stringMatching(new RegExp(`^recruitment-window-closing:${intake.id}:${day(-1)}:user:${admin.userId}$`)),
      },
    ]);

    await reconcile();
    expect(await deliveries(admin.organisationId, 'recruitment-window-closing')).toHaveLength(1);
    const audit = await env.http.get('/audit-log?action=representativeness.gaps.analysed').set(bearer(admin)).expect(200);
    expect(audit.body.total).toBe(1);
  }, 120_000);
});

/** "Friday 27 November 2026", as the emails write a calendar date. */
function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${isoDate}T12:00:00Z`)).replace(',', '');
}
