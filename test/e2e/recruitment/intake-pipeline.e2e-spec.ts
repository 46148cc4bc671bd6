import { Role } from '@steppingstone/core';
import { APPLICATION_STAGES, NEXT_STAGES } from '@steppingstone/recruitment';
import { createCohort } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createIntake, createLocality, createProgramme, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/**
 * A coordinator's intake from draft to closed: 60 applicants through every stage, each move stored
 * with who and when; every illegal move refused with the allowed ones named.
 */
describe('recruitment: an intake and its pipeline', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let mentor: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Islington Wellbeing Networks' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
  });
  afterAll(() => env.close());

  const move = (who: SignedIn, id: string, to: string, extra: Record<string, unknown> = {}) =>
    env.http
      .post(`/applications/${id}/move`)
      .set(bearer(who))
      .send({ to, ...extra });

  it('runs an intake from draft to closed with 60 applicants through every stage', async () => {
    const north = await createLocality(env, admin, 'North');
    const centre = await createLocality(env, admin, 'Centre');
    const south = await createLocality(env, admin, 'South');
    const programme = await createProgramme(env, coordinator, { name: 'Peer Mentor training', kind: 'training-course', eligibilityNotes: 'Aged 18+, lives in Islington' });
    const intake = await createIntake(env, coordinator, programme.id, {
      name: 'Spring intake',
      capacity: 45,
      localityCapacities: [north, centre, south].map((l) => ({ localityId: l.id, capacity: 15 })),
    });
    expect(intake).toMatchObject({ status: 'draft', capacity: 45, publicUrl: expect.stringMatching(/\/apply\/[A-Za-z0-9_-]+$/) });
    expect(intake).toHaveProperty('localityCapacities', expect.arrayContaining([{ localityId: north.id, capacity: 15 }]));

    const opened = await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
    expect(opened.body.status).toBe('open');

    const localities = [north, centre, south];
    const sources = ['coordinator', 'referral', 'event', 'self'];
    const applicants = [];
    for (let i = 0; i < 60; i++) {
      applicants.push(
        await enterApplicant(
          env,
          coordinator,
          intake.id,
          { name: `Resident ${String(i).padStart(2, '0')}`, localityId: localities[i % 3].id },
          { source: sources[i % 4], ...(sources[i % 4] === 'referral' ? { referrer: 'Islington Mind' } : {}) },
        ),
      );
    }
    expect(applicants.every((a) => a.stage === 'applied')).toBe(true);

    // The journey the product describes, spread across the 60: most are screened, a taster day for
    // some, 45 offered, 40 accept and 38 enrol; the rest are waitlisted, declined or withdraw.
    const ids = applicants.map((a) => a.id);
    const path = (i: number): string[] => {
      if (i < 38) return i % 5 === 0 ? ['screened', 'taster', 'offered', 'accepted', 'enrolled'] : ['screened', 'offered', 'accepted', 'enrolled'];
      if (i < 40) return ['screened', 'offered', 'accepted'];
      if (i < 43) return ['screened', 'offered', 'withdrawn'];
      if (i < 45) return ['screened', 'offered'];
      if (i < 50) return ['screened', 'waitlisted'];
      if (i < 55) return ['declined'];
      if (i < 58) return ['withdrawn'];
      return [];
    };
    for (let i = 0; i < ids.length; i++) {
      for (const stage of path(i)) await move(coordinator, ids[i], stage, { note: `moved to ${stage}` }).expect(200);
    }

    const pipeline = await env.http.get(`/intakes/${intake.id}/pipeline`).set(bearer(coordinator)).expect(200);
    expect(pipeline.body).toEqual({
      intakeId: intake.id,
      capacity: 45,
      total: 60,
      stages: { applied: 2, screened: 0, taster: 0, offered: 2, accepted: 2, enrolled: 38, waitlisted: 5, declined: 5, withdrawn: 6 },
    });

    const history = await env.http.get(`/applications/${ids[0]}`).set(bearer(coordinator)).expect(200);
    expect(history.body.history.map((h: { toStage: string }) => h.toStage)).toEqual(['applied', 'screened', 'taster', 'offered', 'accepted', 'enrolled']);
    expect(history.body.history[1]).toMatchObject({ fromStage: 'applied', toStage: 'screened', actorUserId: coordinator.userId, note: 'moved to screened' });

    // The lists a coordinator works from: by stage, by locality, by source, by text, in a stable order.
    const enrolledNorth = await env.http.get(`/applications?intakeId=${intake.id}&stage=enrolled&localityId=${north.id}&sort=name&direction=asc&pageSize=5`).set(bearer(coordinator)).expect(200);
    expect(enrolledNorth.body.total).toBe(13);
    expect(enrolledNorth.body.items.map((a: { name: string }) => a.name)).toEqual(['Resident 00', 'Resident 03', 'Resident 06', 'Resident 09', 'Resident 12']);
    const referrals = await env.http.get(`/applications?intakeId=${intake.id}&source=referral`).set(bearer(coordinator)).expect(200);
    expect(referrals.body.total).toBe(15);
    expect(referrals.body.items.every((a: { referrer: string }) => a.referrer === 'Islington Mind')).toBe(true);
    const search = await env.http.get(`/applications?q=resident 4`).set(bearer(coordinator)).expect(200);
    expect(search.body.items.map((a: { name: string }) => a.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Resident 4${i}`));
    expect(search.body.items.every((a: Record<string, unknown>) => !('ethnicity' in a) && !('sex' in a))).toBe(true);

    // Paging through everything in a stable order gives each application exactly once.
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const { body } = await env.http.get(`/applications?intakeId=${intake.id}&sort=stage&direction=asc&page=${page}&pageSize=17`).set(bearer(coordinator)).expect(200);
      seen.push(...body.items.map((a: { id: string }) => a.id));
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);

    await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'closed' }).expect(200);
    const closed = await env.http.get(`/intakes/${intake.id}`).set(bearer(coordinator)).expect(200);
    expect(closed.body.status).toBe('closed');
    const reopen = await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'draft' }).expect(409);
    expect(reopen.body).toMatchObject({ code: 'ILLEGAL_INTAKE_STATUS_CHANGE', allowed: ['open', 'archived'] });
  });

  it('refuses every illegal move with 409 and names the allowed ones', async () => {
    const intake = await openIntake(env, coordinator);
    for (const from of APPLICATION_STAGES) {
      const illegal = APPLICATION_STAGES.filter((to) => !NEXT_STAGES[from].includes(to));
      const applicant = await enterApplicant(env, coordinator, intake.id);
      for (const step of routeTo(from)) await move(coordinator, applicant.id, step).expect(200);
      for (const to of illegal) {
        const { body } = await move(coordinator, applicant.id, to).expect(409);
        expect(body).toMatchObject({ statusCode: 409, code: 'ILLEGAL_TRANSITION', from, allowed: [...NEXT_STAGES[from]] });
        expect(body.details[0]).toMatchObject({ field: 'to', rule: 'allowedTransition' });
      }
      const after = await env.http.get(`/applications/${applicant.id}`).set(bearer(coordinator)).expect(200);
      expect(after.body.stage).toBe(from);
    }
  });

  it('refuses a move made on a stale view (two coordinators at once)', async () => {
    const intake = await openIntake(env, coordinator);
    const applicant = await enterApplicant(env, coordinator, intake.id);
    await move(coordinator, applicant.id, 'screened', { version: applicant.version }).expect(200);
    const { body } = await move(admin, applicant.id, 'declined', { version: applicant.version }).expect(409);
    expect(body).toMatchObject({ code: 'STALE_VERSION', current: { stage: 'screened', version: applicant.version + 1 } });
  });

  it('refuses trainers (even of a cohort the intake feeds) and mentors every applicant read and change (403)', async () => {
    const intake = await openIntake(env, coordinator);
    const applicant = await enterApplicant(env, coordinator, intake.id);
    const cohort = await createCohort(env, coordinator, [trainer]);
    const theirs = await enterApplicant(env, coordinator, cohort.intakeId);

    for (const path of ['/applications', `/applications?intakeId=${cohort.intakeId}`, `/applications/${theirs.id}`, `/applications/${applicant.id}`]) {
      const refused = await env.http.get(path).set(bearer(trainer)).expect(403);
      expect(JSON.stringify(refused.body)).not.toContain(theirs.personId);
    }
    await env.http.get(`/people/${theirs.personId}/demographics`).set(bearer(trainer)).expect(403);

    for (const who of [trainer, mentor]) {
      await move(who, theirs.id, 'screened').expect(403);
      await env.http.post('/intakes').set(bearer(who)).send({}).expect(403);
      await env.http.get(`/intakes/${intake.id}/pipeline`).set(bearer(who)).expect(403);
      await env.http.post('/programmes').set(bearer(who)).send({ name: 'x', kind: 'volunteering' }).expect(403);
    }
    await env.http.get('/applications').set(bearer(mentor)).expect(403);
    await env.http.get(`/applications/${applicant.id}`).set(bearer(mentor)).expect(403);
    await env.http.get('/programmes').set(bearer(mentor)).expect(403);
    await env.http.post('/localities').set(bearer(coordinator)).send({ name: 'West' }).expect(403);
  });

  it('answers 404 for another organisation’s programme, intake and application, and changes nothing', async () => {
    const otherAdmin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    const theirIntake = await openIntake(env, otherAdmin);
    const theirApplicant = await enterApplicant(env, otherAdmin, theirIntake.id);

    await env.http.get(`/intakes/${theirIntake.id}`).set(bearer(coordinator)).expect(404);
    await env.http.get(`/programmes/${theirIntake.programmeId}`).set(bearer(coordinator)).expect(404);
    await env.http.patch(`/intakes/${theirIntake.id}`).set(bearer(coordinator)).send({ capacity: 1 }).expect(404);
    await env.http.post(`/intakes/${theirIntake.id}/status`).set(bearer(coordinator)).send({ status: 'closed' }).expect(404);
    await env.http.get(`/applications/${theirApplicant.id}`).set(bearer(coordinator)).expect(404);
    await move(coordinator, theirApplicant.id, 'screened').expect(404);
    const entered = await env.http
      .post('/applications')
      .set(bearer(coordinator))
      .send({ intakeId: theirIntake.id, source: 'coordinator', person: { name: 'Someone' } })
      .expect(404);
    expect(entered.body.details[0]).toMatchObject({ field: 'intakeId' });
    const list = await env.http.get(`/applications?intakeId=${theirIntake.id}`).set(bearer(coordinator)).expect(200);
    expect(list.body.total).toBe(0);

    const theirs = await env.http.get(`/applications/${theirApplicant.id}`).set(bearer(otherAdmin)).expect(200);
    expect(theirs.body).toMatchObject({ stage: 'applied', version: 1 });
    const theirIntakeNow = await env.http.get(`/intakes/${theirIntake.id}`).set(bearer(otherAdmin)).expect(200);
    expect(theirIntakeNow.body).toMatchObject({ status: 'open', capacity: 45 });
  });

  it('answers bad input with 400 naming the field', async () => {
    const programme = await createProgramme(env, coordinator);
    const post = (path: string, body: unknown) =>
      env.http
        .post(path)
        .set(bearer(coordinator))
        .send(body as object)
        .expect(400);
    const fieldsOf = (body: { details: Array<{ field: string }> }) => body.details.map((d) => d.field);

    expect(fieldsOf((await post('/programmes', { name: '', kind: 'knitting' })).body)).toEqual(expect.arrayContaining(['name', 'kind']));
    expect(fieldsOf((await post('/intakes', { programmeId: 'nope', name: 'X', opensOn: '2026-02-30', closesOn: 'soon', capacity: 0 })).body)).toEqual(
      expect.arrayContaining(['programmeId', 'opensOn', 'closesOn', 'capacity']),
    );
    expect(fieldsOf((await post('/intakes', { programmeId: programme.id, name: 'X', opensOn: '2026-03-10', closesOn: '2026-03-01', capacity: 10 })).body)).toEqual(['closesOn']);
    expect(fieldsOf((await post('/intakes', { programmeId: programme.id, name: 'X', opensOn: '2026-03-01', closesOn: '2026-03-10', capacity: 10, unexpected: true })).body)).toEqual(['unexpected']);
    const north = await createLocality(env, admin, 'Northern Fringe');
    expect(
      fieldsOf(
        (await post('/intakes', { programmeId: programme.id, name: 'X', opensOn: '2026-03-01', closesOn: '2026-03-10', capacity: 10, localityCapacities: [{ localityId: north.id, capacity: 11 }] }))
          .body,
      ),
    ).toEqual(['localityCapacities']);

    const intake = await openIntake(env, coordinator);
    const person = (await post('/applications', { intakeId: intake.id, source: 'walk-in', person: { name: '', email: 'not-an-email', postcode: 'XYZ', dateOfBirth: '2099-01-01' } })).body;
    expect(fieldsOf(person)).toEqual(expect.arrayContaining(['source', 'person.name', 'person.email', 'person.postcode', 'person.dateOfBirth']));
    expect(fieldsOf((await post('/applications', { source: 'self' })).body)).toEqual(expect.arrayContaining(['intakeId', 'personId', 'person']));
    const applicant = await enterApplicant(env, coordinator, intake.id);
    expect(fieldsOf((await post(`/applications/${applicant.id}/move`, { to: 'hired' })).body)).toEqual(['to']);
    expect(fieldsOf((await env.http.get('/applications?stage=applied,nowhere&sort=age&pageSize=1000').set(bearer(coordinator)).expect(400)).body)).toEqual(
      expect.arrayContaining(['stage', 'sort', 'pageSize']),
    );
    await env.http.get('/applications/not-a-uuid').set(bearer(coordinator)).expect(400);
  });

  it('refuses to enter the same person twice for one intake', async () => {
    const intake = await openIntake(env, coordinator);
    const applicant = await enterApplicant(env, coordinator, intake.id);
    const { body } = await env.http.post('/applications').set(bearer(coordinator)).send({ intakeId: intake.id, personId: applicant.personId, source: 'coordinator' }).expect(409);
    expect(body).toMatchObject({ code: 'ALREADY_APPLIED', details: [{ field: 'personId' }] });
  });

  it('dates an application entered late from when it arrived, never from the future', async () => {
    const intake = await openIntake(env, coordinator);
    const paper = await enterApplicant(env, coordinator, intake.id, {}, { receivedOn: '2026-02-14' });
    const { body } = await env.http.get(`/applications/${paper.id}`).set(bearer(coordinator)).expect(200);
    expect(new Date(body.appliedAt).toISOString()).toBe('2026-02-14T12:00:00.000Z');
    expect(body.history[0]).toMatchObject({ toStage: 'applied' });
    expect(new Date(body.history[0].occurredAt).toISOString()).toBe('2026-02-14T12:00:00.000Z');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await env.http
      .post('/applications')
      .set(bearer(coordinator))
      .send({ intakeId: intake.id, source: 'coordinator', person: { name: 'Early Bird' }, receivedOn: tomorrow })
      .expect(400);
    expect(future.body.details).toEqual([expect.objectContaining({ field: 'receivedOn', rule: 'notInFuture' })]);
    const malformed = await env.http
      .post('/applications')
      .set(bearer(coordinator))
      .send({ intakeId: intake.id, source: 'coordinator', person: { name: 'Early Bird' }, receivedOn: '14/02/2026' })
      .expect(400);
    expect(malformed.body.details[0]).toMatchObject({ field: 'receivedOn' });
  });
});

/** The moves that bring a new application to a stage. */
function routeTo(stage: string): string[] {
  const routes: Record<string, string[]> = {
    applied: [],
    screened: ['screened'],
    taster: ['screened', 'taster'],
    offered: ['screened', 'offered'],
    accepted: ['screened', 'offered', 'accepted'],
    enrolled: ['screened', 'offered', 'accepted', 'enrolled'],
    waitlisted: ['waitlisted'],
    declined: ['declined'],
    withdrawn: ['withdrawn'],
  };
  return routes[stage];
}
