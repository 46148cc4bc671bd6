import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, EnrolmentView, generateSchedule, isoDaysFromToday, linkPersonToUser, mondayOf, saveRegister, SessionView } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

/**
 * The edges of the register and of access: two trainers saving at once, input that makes no sense,
 * a trainer looking at a cohort they do not teach, another organisation's ids, and a participant
 * who sees only their own sessions.
 */
describe('cohorts: registers, bad input and access', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let coTrainer: SignedIn;
  let otherTrainer: SignedIn;
  let mentor: SignedIn;
  let cohort: Awaited<ReturnType<typeof createCohort>>;
  let applicants: Array<{ id: string; personId: string }>;
  let enrolments: EnrolmentView[];
  let sessions: SessionView[];
  let otherCohort: Awaited<ReturnType<typeof createCohort>>;
  let otherSessions: SessionView[];

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    [trainer, coTrainer, otherTrainer, mentor] = [
      await addMember(env, admin, Role.Trainer),
      await addMember(env, admin, Role.Trainer),
      await addMember(env, admin, Role.Trainer),
      await addMember(env, admin, Role.Mentor),
    ];
    cohort = await createCohort(env, coordinator, [trainer, coTrainer]);
    applicants = await acceptedApplicants(env, coordinator, cohort.intakeId, 4);
    enrolments = await enrolApplications(
      env,
      coordinator,
      cohort.id,
      applicants.map((a) => a.id),
    );
    sessions = await generateSchedule(env, coordinator, cohort.id);
    otherCohort = await createCohort(env, coordinator, [otherTrainer], { startsOn: mondayOf(isoDaysFromToday(7)) });
    otherSessions = await generateSchedule(env, coordinator, otherCohort.id, { sessions: 4 });
  });
  afterAll(() => env.close());

  const everyone = (status: string) => applicants.map((a) => ({ personId: a.personId, status }));

  it('refuses the second of two saves made from the same version, with the current register', async () => {
    const session = sessions[0].id;
    const [first, second] = await Promise.all([saveRegister(env, trainer, session, 0, everyone('present')), saveRegister(env, coTrainer, session, 0, everyone('absent'))]);
    const [won, lost] = first.status === 200 ? [first, second] : [second, first];
    expect(won.status).toBe(200);
    expect(Date.now() - new Date(won.body.savedAt).getTime()).toBeLessThan(60_000);
    expect(lost.status).toBe(409);
    expect(lost.body).toMatchObject({ code: 'STALE_REGISTER', details: [expect.objectContaining({ field: 'version' })], current: { version: 1 } });
    expect(lost.body.current.entries.map((e: { status: string }) => e.status)).toEqual(won.body.entries.map((e: { status: string }) => e.status));

    // Reloading and saving again works; a retry of that same save is answered without a new version.
    const next = everyone('late');
    await saveRegister(env, coTrainer, session, 1, next).expect(200);
    const retry = await saveRegister(env, coTrainer, session, 1, next).expect(200);
    expect(retry.body.version).toBe(2);
    await saveRegister(env, trainer, session, 1, everyone('present')).expect(409);
  });

  it('refuses registers that make no sense, naming the field', async () => {
    const unknown = await saveRegister(env, trainer, sessions[1].id, 0, [{ personId: applicants[0].personId, status: 'asleep' }]).expect(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'entries.0.status' })]);

    // A session of a cohort these people are not in.
    const outside = await saveRegister(env, coordinator, otherSessions[0].id, 0, [{ personId: applicants[0].personId, status: 'excused' }]).expect(400);
    expect(outside.body).toMatchObject({ code: 'NOT_ENROLLED', details: [expect.objectContaining({ field: 'entries.0.personId' })] });

    const twice = await saveRegister(env, trainer, sessions[1].id, 0, [everyone('present')[0], everyone('absent')[0]]).expect(400);
    expect(twice.body.details[0].field).toBe('entries.1.personId');

    const cancelled = await env.http.patch(`/sessions/${sessions[2].id}`).set(bearer(trainer)).send({ status: 'cancelled', note: 'Venue flooded' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', week: null });
    const onCancelled = await saveRegister(env, trainer, sessions[2].id, 0, everyone('present')).expect(409);
    expect(onCancelled.body).toMatchObject({ code: 'SESSION_CANCELLED', details: [expect.objectContaining({ field: 'sessionId' })] });
    await env.http.patch(`/sessions/${sessions[2].id}`).set(bearer(trainer)).send({ status: 'scheduled' }).expect(200);
  });

  it('refuses present, late or absent before a session has started, and future attendance for a cancelled one', async () => {
    const [person] = await acceptedApplicants(env, coordinator, otherCohort.intakeId, 1);
    await enrolApplications(env, coordinator, otherCohort.id, [person.id]);
    const early = await saveRegister(env, otherTrainer, otherSessions[0].id, 0, [{ personId: person.personId, status: 'present' }]).expect(409);
    expect(early.body).toMatchObject({ code: 'SESSION_NOT_HELD', details: [expect.objectContaining({ field: 'entries.0.status' })] });
    // One plain sentence for the trainer, not one raw line per entry.
    expect(early.body.message).toBe('The session has not started yet, so one mark can\'t be saved: before it starts only "excused" can be recorded');
    await saveRegister(env, otherTrainer, otherSessions[0].id, 0, [{ personId: person.personId, status: 'excused', note: 'On holiday' }]).expect(200);

    await env.http.patch(`/sessions/${otherSessions[1].id}`).set(bearer(otherTrainer)).send({ status: 'cancelled' }).expect(200);
    const cancelled = await saveRegister(env, otherTrainer, otherSessions[1].id, 0, [{ personId: person.personId, status: 'excused' }]).expect(409);
    expect(cancelled.body.code).toBe('SESSION_CANCELLED');
    // Cancelling a session that already has a register would lose it.
    const withRegister = await env.http.patch(`/sessions/${otherSessions[0].id}`).set(bearer(otherTrainer)).send({ status: 'cancelled' }).expect(409);
    expect(withRegister.body.details[0].field).toBe('status');
  });

  it('refuses a schedule with an exception off the weekly pattern, a second schedule, and a schedule from the cohort’s trainer (403)', async () => {
    const fresh = await createCohort(env, coordinator, [trainer], { startsOn: '2027-01-04' });
    const bad = await env.http
      .post(`/cohorts/${fresh.id}/schedule`)
      .set(bearer(coordinator))
      .send({ weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120, exceptions: [{ date: '2027-01-07', action: 'skip' }] })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'exceptions.0.date', rule: 'onSchedule' })]);
    const made = await generateSchedule(env, coordinator, fresh.id, {
      exceptions: [
        { date: '2027-01-06', action: 'skip' },
        { date: '2027-01-13', action: 'move', toDate: '2027-01-14', toTime: '10:30' },
      ],
    });
    expect(made[0]).toMatchObject({ heldOn: '2027-01-14', startTime: '10:30', week: 1 });
    expect(made).toHaveLength(12);
    expect(made[11].heldOn).toBe('2027-03-31');
    await env.http.post(`/cohorts/${fresh.id}/schedule`).set(bearer(coordinator)).send({ weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120 }).expect(409);
    // Laying out the course is the coordinator's; its trainer may move a session but not generate one.
    await env.http.post(`/cohorts/${fresh.id}/schedule`).set(bearer(trainer)).send({ weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120 }).expect(403);
    const moved = await env.http.patch(`/sessions/${made[1].id}`).set(bearer(trainer)).send({ date: '2027-01-21', startTime: '19:00' }).expect(200);
    expect(moved.body).toMatchObject({ heldOn: '2027-01-21', startTime: '19:00', startsAt: '2027-01-21T19:00:00.000Z' });
  });

  it('lets a trainer reach only the cohorts they teach, as if the others did not exist', async () => {
    const mine = (await env.http.get('/cohorts').set(bearer(otherTrainer)).expect(200)).body;
    expect(mine.map((c: { id: string }) => c.id)).toEqual([otherCohort.id]);
    await env.http.get(`/cohorts/${cohort.id}`).set(bearer(otherTrainer)).expect(404);
    await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(otherTrainer)).expect(404);
    await env.http.get(`/sessions/${sessions[0].id}/register`).set(bearer(otherTrainer)).expect(404);
    await saveRegister(env, otherTrainer, sessions[3].id, 0, everyone('present')).expect(404);
    await env.http
      .post(`/enrolments/${enrolments[0].id}/withdrawal`)
      .set(bearer(otherTrainer))
      .send({ withdrawnOn: isoDaysFromToday(0), reason: 'other' })
      .expect(404);
    await env.http.get(`/cohorts/${cohort.id}/dropout`).set(bearer(otherTrainer)).expect(404);
    const theirs = (await env.http.get('/dropout-figures').set(bearer(otherTrainer)).expect(200)).body;
    expect(theirs.cohorts).toBe(1);
    // Trainers do not create cohorts or enrol people; coordinators see every cohort.
    await env.http.post('/cohorts').set(bearer(trainer)).send({ programmeId: cohort.programmeId, name: 'Mine', startsOn: '2027-01-04', capacity: 10 }).expect(403);
    expect((await env.http.get('/cohorts').set(bearer(coordinator)).expect(200)).body.length).toBeGreaterThanOrEqual(2);
    await env.http.get(`/cohorts/${cohort.id}`).set(bearer(mentor)).expect(403);
  });

  it('answers another organisation’s ids as not found', async () => {
    const stranger = await signUpOrganisation(env);
    await env.http.get(`/cohorts/${cohort.id}`).set(bearer(stranger)).expect(404);
    await env.http.get(`/sessions/${sessions[0].id}/register`).set(bearer(stranger)).expect(404);
    await env.http.get(`/enrolments/${enrolments[0].id}`).set(bearer(stranger)).expect(404);
    await env.http.get(`/cohorts/${cohort.id}/dropout`).set(bearer(stranger)).expect(404);
    const theirs = await createCohort(env, stranger, []);
    const enrolForeign = await env.http
      .post(`/cohorts/${theirs.id}/enrolments`)
      .set(bearer(stranger))
      .send({ personIds: [applicants[0].personId] })
      .expect(404);
    expect(enrolForeign.body.details[0].field).toBe('personIds.0');
    const foreignTrainer = await env.http
      .patch(`/cohorts/${theirs.id}`)
      .set(bearer(stranger))
      .send({ trainerUserIds: [trainer.userId] })
      .expect(400);
    expect(foreignTrainer.body.details[0].field).toBe('trainerUserIds.0');
  });

  it('shows a participant their own sessions and attendance, and nothing of anyone else', async () => {
    await linkPersonToUser(env, applicants[1].personId, mentor.userId);
    const mineNow = (await env.http.get('/me/sessions').set(bearer(mentor)).expect(200)).body;
    expect(mineNow).toHaveLength(12);
    expect(mineNow[0]).toMatchObject({ cohortId: cohort.id, sessionId: sessions[0].id, attendance: 'late', startTime: '18:00' });
    expect(mineNow[0]).not.toHaveProperty('note');
    expect((await env.http.get('/me/sessions?upcoming=true').set(bearer(mentor)).expect(200)).body).toEqual([]);
    expect((await env.http.get('/me/sessions').set(bearer(trainer)).expect(200)).body).toEqual([]);
  });
});
