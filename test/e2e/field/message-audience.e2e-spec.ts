import { Role } from '@steppingstone/core';
import { createCohort, enrolApplications, acceptedApplicants } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { notifyApiKey } from '../../../scripts/notify-stand-in';
import { TestEnvironment } from '../../support/test-environment';

/** GET /message-audience: who a coordinator's message would reach, counted by the rule the sending follows. */
describe('message audience: a message’s people by email, text and no way to reach them, before it is sent', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
  });
  afterAll(() => env?.close());

  it('counts an intake stage’s applicants by channel as worked out by hand, texts only once the organisation has a Notify key, and matches the message sent', async () => {
    const intake = await openIntake(env, coordinator);
    const applicant = (person: Record<string, unknown>) => enterApplicant(env, coordinator, intake.id, person);
    // By hand: Ada wants email (email); Ben wants texts and has a number (text once Notify is set up);
    // Cy has an address but wants calls only (nothing); Di wants both and has both (email first);
    // Ed wants texts but has no number (nothing). One applicant moved on to screened is not in the group.
    await applicant({ name: 'Ada Email', contactPreferences: ['email'] });
    await applicant({ name: 'Ben Text', email: null, phone: '07700 900101', contactPreferences: ['sms'] });
    await applicant({ name: 'Cy Calls', phone: '07700 900102', contactPreferences: ['phone'] });
    await applicant({ name: 'Di Both', phone: '07700 900103', contactPreferences: ['email', 'sms'] });
    await applicant({ name: 'Ed NoNumber', email: 'ed@example.org', contactPreferences: ['sms'] });
    const moved = await applicant({ name: 'Flo Screened', contactPreferences: ['email'] });
    await env.http.post(`/applications/${moved.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);

    const query = { audience: 'intake-stage', intakeId: intake.id, stage: 'applied' };
    expect((await env.http.get('/message-audience').query(query).set(bearer(coordinator)).expect(200)).body).toEqual({ people: 5, email: 2, text: 0, none: 3 });
    await env.http.put('/notify-settings').set(bearer(admin)).send({ apiKey: notifyApiKey() }).expect(200);
    expect((await env.http.get('/message-audience').query(query).set(bearer(coordinator)).expect(200)).body).toEqual({ people: 5, email: 2, text: 1, none: 2 });
    expect(
      (
        await env.http
          .get('/message-audience')
          .query({ ...query, stage: 'screened' })
          .set(bearer(coordinator))
          .expect(200)
      ).body,
    ).toEqual({ people: 1, email: 1, text: 0, none: 0 });
    expect(
      (
        await env.http
          .get('/message-audience')
          .query({ ...query, stage: 'offered' })
          .set(bearer(coordinator))
          .expect(200)
      ).body,
    ).toEqual({ people: 0, email: 0, text: 0, none: 0 });

    // The message sent to the same group fixes the same five people.
    const sent = (
      await env.http
        .post('/messages')
        .set(bearer(coordinator))
        .send({ ...query, subject: 'Taster day', body: 'The taster day is on Saturday.' })
        .expect(201)
    ).body;
    expect(sent.recipients).toBe(5);
  });

  it('counts a cohort’s enrolled members', async () => {
    const trainer = await addMember(env, admin, Role.Trainer);
    const cohort = await createCohort(env, coordinator, [trainer]);
    const accepted = await acceptedApplicants(env, coordinator, cohort.intakeId, 3, (i) => (i === 2 ? { email: null, phone: '07700 900201', contactPreferences: ['sms'] } : {}));
    await enrolApplications(
      env,
      coordinator,
      cohort.id,
      accepted.map((a) => a.id),
    );
    // Two with email addresses they want used; one who wants texts (the organisation has a Notify key from the first test).
    expect((await env.http.get('/message-audience').query({ audience: 'cohort', cohortId: cohort.id }).set(bearer(coordinator)).expect(200)).body).toEqual({ people: 3, email: 2, text: 1, none: 0 });
  });

  it('names the missing or unknown group, answers 404 for another organisation’s cohort, and is for coordinators and admins only', async () => {
    const missing = await env.http.get('/message-audience').query({ audience: 'cohort' }).set(bearer(coordinator)).expect(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'cohortId', rule: 'required' })]);
    const noStage = await env.http.get('/message-audience').query({ audience: 'intake-stage', intakeId: '00000000-0000-4000-8000-000000000000' }).set(bearer(coordinator)).expect(400);
    expect(noStage.body.details).toEqual([expect.objectContaining({ field: 'stage' })]);
    const badStage = await env.http
      .get('/message-audience')
      .query({ audience: 'intake-stage', intakeId: '00000000-0000-4000-8000-000000000000', stage: 'nowhere' })
      .set(bearer(coordinator))
      .expect(400);
    expect(badStage.body.details).toEqual([expect.objectContaining({ field: 'stage', rule: 'isIn' })]);
    await env.http.get('/message-audience').query({ audience: 'everyone' }).set(bearer(coordinator)).expect(400);

    const otherAdmin = await signUpOrganisation(env);
    const otherTrainer = await addMember(env, otherAdmin, Role.Trainer);
    const theirs = await createCohort(env, otherAdmin, [otherTrainer]);
    const refused = await env.http.get('/message-audience').query({ audience: 'cohort', cohortId: theirs.id }).set(bearer(coordinator)).expect(404);
    expect(refused.body.code).toBe('GROUP_NOT_FOUND');

    const mentor = await addMember(env, admin, Role.Mentor);
    await env.http.get('/message-audience').query({ audience: 'cohort', cohortId: theirs.id }).set(bearer(mentor)).expect(403);
    await env.http.get('/message-audience').query({ audience: 'cohort', cohortId: theirs.id }).set(bearer(admin)).expect(404);
  });
});
