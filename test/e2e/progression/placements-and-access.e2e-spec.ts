import { Role } from '@steppingstone/core';
import { createCohort, isoDaysFromToday, linkPersonToUser } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createLocality, enterApplicant } from '../../factories/recruitment';
import { backdateApplications, createHost, createOpportunity, jobBody, placementBody } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';

/**
 * A coordinator places a mentor, keeps supervision and reviews, records the job that follows and
 * its checks at 13 and 26 weeks; the mentor reads their own records and nobody else's.
 */
describe('progression: placements, supervision, jobs and who sees what', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let otherTrainer: SignedIn;
  let mentor: SignedIn;
  let cohort: Awaited<ReturnType<typeof createCohort>>;
  let mentorPerson: string;
  let otherPerson: string;
  let host: { id: string; name: string };

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    [trainer, otherTrainer, mentor] = [await addMember(env, admin, Role.Trainer), await addMember(env, admin, Role.Trainer), await addMember(env, admin, Role.Mentor)];
    cohort = await createCohort(env, coordinator, [trainer]);
    mentorPerson = (await enterApplicant(env, coordinator, cohort.intakeId)).personId;
    otherPerson = (await enterApplicant(env, coordinator, cohort.intakeId)).personId;
    await backdateApplications(env, admin.organisationId, [mentorPerson, otherPerson], isoDaysFromToday(-400));
    await linkPersonToUser(env, mentorPerson, mentor.userId);
    const { body: enrolments } = await env.http
      .post(`/cohorts/${cohort.id}/enrolments`)
      .set(bearer(coordinator))
      .send({ personIds: [mentorPerson] })
      .expect(201);
    await env.http.post(`/enrolments/${enrolments[0].id}/completion`).set(bearer(trainer)).expect(200);
    host = await createHost(env, coordinator, { name: 'Calderdale Recovery Hub' });
  });
  afterAll(() => env.close());

  const place = (body: Record<string, unknown>) => env.http.post('/placements').set(bearer(coordinator)).send(body);

  it('refuses an end before the start, and a second active placement on the same days unless both are part-time-compatible', async () => {
    const bad = await place(placementBody(mentorPerson, host.id, -10, { plannedEndOn: isoDaysFromToday(-11) })).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'plannedEndOn', rule: 'afterStart' });

    const first = await place(placementBody(mentorPerson, host.id, -28, { status: 'active' })).expect(201);
    const clash = await place(placementBody(mentorPerson, host.id, 0, { status: 'active', roleTitle: 'Café volunteer' })).expect(409);
    expect(clash.body.message).toContain('Peer support volunteer at Calderdale Recovery Hub');
    expect(clash.body.message).toContain(first.body.id);

    // Proposed does not hold the days; starting it is checked like creating it active.
    const proposed = await place(placementBody(mentorPerson, host.id, 0, { roleTitle: 'Café volunteer', partTimeCompatible: true })).expect(201);
    await env.http.post(`/placements/${proposed.body.id}/status`).set(bearer(coordinator)).send({ status: 'active' }).expect(409);
    await env.http.patch(`/placements/${first.body.id}`).set(bearer(coordinator)).send({ partTimeCompatible: true }).expect(200);
    const started = await env.http.post(`/placements/${proposed.body.id}/status`).set(bearer(coordinator)).send({ status: 'active' }).expect(200);
    expect(started.body.status).toBe('active');
    const ended = await env.http.post(`/placements/${proposed.body.id}/status`).set(bearer(coordinator)).send({ status: 'ended-early' }).expect(400);
    expect(ended.body.details[0].field).toBe('endReason');
    await env.http.post(`/placements/${proposed.body.id}/status`).set(bearer(coordinator)).send({ status: 'ended-early', endReason: 'Café closed for refurbishment' }).expect(200);
    await env.http.post(`/placements/${proposed.body.id}/status`).set(bearer(coordinator)).send({ status: 'active' }).expect(409);
  });

  it('derives the next supervision (fortnightly by default) and the review points from the records', async () => {
    const {
      body: [placement],
    } = await env.http
      .get('/placements')
      .query({ personId: mentorPerson, status: 'active' })
      .set(bearer(coordinator))
      .expect(200)
      .then((r) => ({ body: r.body.items }));
    expect(placement.startsOn).toBe(isoDaysFromToday(-28));
    expect(placement.supervision).toMatchObject({ intervalDays: 14, lastHeldOn: null, nextDueOn: isoDaysFromToday(-14), overdue: true });
    const overdue = await env.http.get('/placements').query({ supervisionOverdue: 'true' }).set(bearer(coordinator)).expect(200);
    expect(overdue.body.items.map((p: { id: string }) => p.id)).toEqual([placement.id]);

    const after = await env.http
      .post(`/placements/${placement.id}/supervision`)
      .set(bearer(coordinator))
      .send({ heldOn: isoDaysFromToday(-3), notes: 'Finding the early shifts hard', actions: 'Try afternoon shifts', wellbeingConcern: true })
      .expect(201);
    expect(after.body.supervision).toMatchObject({ lastHeldOn: isoDaysFromToday(-3), nextDueOn: isoDaysFromToday(11), overdue: false });
    await env.http
      .post(`/placements/${placement.id}/supervision`)
      .set(bearer(coordinator))
      .send({ heldOn: isoDaysFromToday(1) })
      .expect(400);
    const weekly = await env.http.patch(`/placements/${placement.id}`).set(bearer(coordinator)).send({ supervisionIntervalDays: 7 }).expect(200);
    expect(weekly.body.supervision.nextDueOn).toBe(isoDaysFromToday(4));

    expect(after.body.reviews.map((r: { week: number; dueOn: string; state: string }) => [r.week, r.dueOn, r.state])).toEqual([
      [6, isoDaysFromToday(14), 'upcoming'],
      [12, isoDaysFromToday(56), 'not-reached'],
    ]);
    await env.http
      .post(`/placements/${placement.id}/reviews`)
      .set(bearer(coordinator))
      .send({ week: 5, heldOn: isoDaysFromToday(0), outcome: 'continue' })
      .expect(400);
    const reviewed = await env.http
      .post(`/placements/${placement.id}/reviews`)
      .set(bearer(coordinator))
      .send({ week: 6, heldOn: isoDaysFromToday(0), outcome: 'continue' })
      .expect(200);
    expect(reviewed.body.reviews[0]).toMatchObject({ week: 6, heldOn: isoDaysFromToday(0), outcome: 'continue', state: 'held' });
  });

  it('keeps lone working until a risk assessment is recorded', async () => {
    const loneHost = await createHost(env, coordinator);
    const opportunity = await createOpportunity(env, coordinator, loneHost.id, { roleTitle: 'Outreach worker', requirements: ['lone-working-risk-assessment'] });
    const refused = await place(placementBody(otherPerson, loneHost.id, 0, { opportunityId: opportunity.id, roleTitle: undefined, status: 'active' })).expect(409);
    expect(refused.body.details[0].field).toBe('riskAssessedOn');
    const placed = await place(placementBody(otherPerson, loneHost.id, 0, { opportunityId: opportunity.id, roleTitle: undefined, status: 'active', riskAssessedOn: isoDaysFromToday(-2) })).expect(201);
    expect(placed.body).toMatchObject({ roleTitle: 'Outreach worker', status: 'active' });
  });

  it('records jobs after registration only, and sustainment at 13 and 26 weeks once due', async () => {
    const before = await env.http
      .post(`/people/${mentorPerson}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ startsOn: isoDaysFromToday(-401) }))
      .expect(400);
    expect(before.body.details[0]).toMatchObject({ field: 'startsOn', rule: 'afterRegistration' });
    await env.http
      .post(`/people/${mentorPerson}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ startsOn: isoDaysFromToday(-10), contractEndsOn: isoDaysFromToday(-11), contractType: 'fixed-term' }))
      .expect(400);

    const { body: job } = await env.http
      .post(`/people/${mentorPerson}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ startsOn: isoDaysFromToday(-100) }))
      .expect(201);
    expect(job.sustainment.map((c: { week: number; dueOn: string; state: string }) => [c.week, c.dueOn, c.state])).toEqual([
      [13, isoDaysFromToday(-9), 'due'],
      [26, isoDaysFromToday(82), 'upcoming'],
    ]);
    const early = await env.http.post(`/jobs/${job.id}/sustainment-checks`).set(bearer(coordinator)).send({ week: 26, result: 'sustained' }).expect(409);
    expect(early.body.message).toContain(`falls due on ${isoDaysFromToday(82)}`);
    const thirteen = await env.http.post(`/jobs/${job.id}/sustainment-checks`).set(bearer(coordinator)).send({ week: 13, result: 'sustained' }).expect(200);
    expect(thirteen.body.sustainment[0]).toMatchObject({ week: 13, result: 'sustained', state: 'recorded', checkedOn: isoDaysFromToday(0) });

    const { body: older } = await env.http
      .post(`/people/${otherPerson}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ startsOn: isoDaysFromToday(-190) }))
      .expect(201);
    expect(older.sustainment.map((c: { state: string }) => c.state)).toEqual(['overdue', 'due']);
    await env.http.post(`/jobs/${older.id}/sustainment-checks`).set(bearer(coordinator)).send({ week: 13, result: 'unknown', note: 'No answer' }).expect(200);
    const checked = await env.http.post(`/jobs/${older.id}/sustainment-checks`).set(bearer(coordinator)).send({ week: 26, result: 'not-sustained' }).expect(200);
    expect(checked.body.sustainment.map((c: { result: string }) => c.result)).toEqual(['unknown', 'not-sustained']);
  });

  it('takes weekly hours in quarter hours (37.25, 22.5) and names the rule for anything finer', async () => {
    const jobCount = async () => JSON.stringify((await env.http.get(`/people/${otherPerson}/jobs`).set(bearer(coordinator)).expect(200)).body).split('"hoursPerWeek"').length - 1;
    const before = await jobCount();
    const { body: job } = await env.http
      .post(`/people/${otherPerson}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ hoursPerWeek: 37.25 }))
      .expect(201);
    expect(job.hoursPerWeek).toBe(37.25);
    const opportunity = (await createOpportunity(env, coordinator, host.id, { hoursPerWeek: 22.5 })) as { hoursPerWeek?: number };
    expect(opportunity.hoursPerWeek).toBe(22.5);
    for (const hoursPerWeek of [37.3, 0, 81, '37.5']) {
      const refused = await env.http.post(`/people/${otherPerson}/jobs`).set(bearer(coordinator)).send(jobBody({ hoursPerWeek })).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'hoursPerWeek', rule: 'isWeeklyHours' })]);
    }
    // Only the one accepted job was stored.
    expect(await jobCount()).toBe(before + 1);
  });

  it('shows the mentor their own placements, supervision without the notes, progression, consents and data; anyone else’s is 404', async () => {
    const { body: placements } = await env.http.get('/me/placements').set(bearer(mentor)).expect(200);
    // The one refused for its dates was never created; the one that ended early stays in the history.
    expect(placements.map((p: { status: string }) => p.status).sort()).toEqual(['active', 'ended-early']);
    expect(placements.every((p: { personId: string }) => p.personId === mentorPerson)).toBe(true);
    await env.http.get(`/me/placements/${placements[0].id}`).set(bearer(mentor)).expect(200);
    const { body: others } = await env.http.get('/placements').query({ personId: otherPerson }).set(bearer(coordinator)).expect(200);
    await env.http.get(`/me/placements/${others.items[0].id}`).set(bearer(mentor)).expect(404);
    await env.http.get(`/people/${otherPerson}/progression`).set(bearer(mentor)).expect(404);
    await env.http.get(`/placements/${others.items[0].id}`).set(bearer(mentor)).expect(403);

    const { body: supervision } = await env.http.get('/me/supervision').set(bearer(mentor)).expect(200);
    const records = supervision.flatMap((s: { records: unknown[] }) => s.records);
    expect(records[0]).toMatchObject({ actions: 'Try afternoon shifts', wellbeingConcern: true });
    expect(records[0]).not.toHaveProperty('notes');

    const { body: timeline } = await env.http.get('/me/progression').set(bearer(mentor)).expect(200);
    expect(timeline.milestones.map((m: { milestone: string }) => m.milestone)).toEqual(['applied', 'employed', 'placed', 'sustained', 'enrolled', 'completed', 'placed']);
    expect(timeline.milestones[3]).toMatchObject({ on: isoDaysFromToday(-9), details: { weeks: 13 } });
    expect(timeline.reached).toEqual({ applied: true, enrolled: true, completed: true, placed: true, employed: true, sustained: false });
    const { body: same } = await env.http.get(`/people/${mentorPerson}/progression`).set(bearer(mentor)).expect(200);
    expect(same).toEqual(timeline);

    await env.http.get('/me/consents').set(bearer(mentor)).expect(200);
    const download = await env.http.get('/me/data').set(bearer(mentor)).expect(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(download.text);
    expect(data.sections.jobs.records).toHaveLength(1);
    expect(data.sections.placements.records).toHaveLength(2);
    expect(download.text).not.toContain(mentorPerson);
    expect(download.text).not.toContain('Finding the early shifts hard');
    expect(download.text).not.toContain(otherPerson);

    await env.http.get('/me/progression').set(bearer(otherTrainer)).expect(404);
  });

  it('lets a trainer read the progression of their own cohort’s people only', async () => {
    await env.http.get(`/people/${mentorPerson}/progression`).set(bearer(trainer)).expect(200);
    await env.http.get(`/people/${mentorPerson}/progression`).set(bearer(otherTrainer)).expect(404);
    await env.http.get(`/people/${otherPerson}/progression`).set(bearer(trainer)).expect(404);
    const { body } = await env.http.get(`/people/${otherPerson}/progression`).set(bearer(coordinator)).expect(200);
    expect(body.reached).toMatchObject({ applied: true, enrolled: false, placed: true, employed: true, sustained: false });
  });

  it('finds host organisations by name and by locality, alone and together, a page at a time, and changes only the details sent', async () => {
    const todmorden = await createLocality(env, admin, 'Todmorden');
    const garden = await createHost(env, coordinator, { name: 'Todmorden Garden Project', localityId: todmorden.id, notes: 'Tuesdays only' });
    const library = await createHost(env, coordinator, { name: 'Todmorden Library', localityId: todmorden.id });
    const market = await createHost(env, coordinator, { name: 'Todmorden Market Hall' });
    const hosts = async (query: Record<string, string | number>) => (await env.http.get('/host-organisations').query(query).set(bearer(coordinator)).expect(200)).body;
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);
    expect(ids(await hosts({ q: 'todmorden' }))).toEqual([garden.id, library.id, market.id]);
    expect(ids(await hosts({ localityId: todmorden.id }))).toEqual([garden.id, library.id]);
    expect(ids(await hosts({ q: 'market', localityId: todmorden.id }))).toEqual([]);
    const paged = await hosts({ q: 'todmorden', pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(ids(paged)).toEqual([library.id]);

    const changed = await env.http.patch(`/host-organisations/${garden.id}`).set(bearer(coordinator)).send({ name: 'Todmorden Community Garden', contactName: 'Priya Shah' }).expect(200);
    expect(changed.body).toMatchObject({
      name: 'Todmorden Community Garden',
      contactName: 'Priya Shah',
      contactEmail: 'sam@recoveryhub.example.org',
      localityId: todmorden.id,
      notes: 'Tuesdays only',
    });
  });

  it('answers another organisation’s ids as not found', async () => {
    const outsider = await signUpOrganisation(env);
    await env.http.get(`/people/${mentorPerson}/progression`).set(bearer(outsider)).expect(404);
    await env.http
      .post('/placements')
      .set(bearer(outsider))
      .send(placementBody(mentorPerson, host.id, 0))
      .expect(404);
    await env.http.get(`/host-organisations/${host.id}`).set(bearer(outsider)).expect(404);
  });

  it('documents every endpoint in OpenAPI', async () => {
    const { body } = await env.http.get('/api/docs-json').expect(200);
    for (const path of [
      '/host-organisations',
      '/host-organisations/{id}/opportunities',
      '/placements',
      '/placements/{id}/status',
      '/placements/{id}/supervision',
      '/placements/{id}/reviews',
      '/paid-roles/{id}/post-holders',
      '/people/{id}/jobs',
      '/jobs/{id}/sustainment-checks',
      '/funnel',
      '/funnel/equity',
      '/people/{id}/progression',
      '/me/placements',
      '/me/supervision',
      '/me/progression',
      '/me/consents',
      '/me/data',
    ]) {
      expect(Object.keys(body.paths)).toContain(path);
    }
    expect(body.paths['/funnel/equity'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['dimension', 'registeredFrom', 'localityId']));
  });
});
