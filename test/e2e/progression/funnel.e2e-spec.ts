import { Role } from '@steppingstone/core';
import { createCohort, isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createLocality, enterApplicant } from '../../factories/recruitment';
import { backdateApplications, createHost, createOpportunity, jobBody, placementBody } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';

/**
 * The figures a real programme reported, built through the API: 110 register, 75 complete
 * training, 50 start placements, 27 enter employment (two of them as the programme's own Peer
 * Navigators) and 5 are still in work at 26 weeks. The first 60 live in North and are women; the
 * rest live in South, and 44 of them are men, 4 preferred not to say and 2 gave no answer.
 * Even-numbered people registered in November 2025, odd-numbered in January 2026.
 */
describe('progression: the funnel from registration to sustained work', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let north: { id: string };
  let south: { id: string };
  let cohort: Awaited<ReturnType<typeof createCohort>>;
  const people: string[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    north = await createLocality(env, admin, 'North');
    south = await createLocality(env, admin, 'South');
    cohort = await createCohort(env, coordinator, [trainer], { capacity: 200 });

    for (let i = 0; i < 110; i++) {
      const application = await enterApplicant(env, coordinator, cohort.intakeId, { localityId: i < 60 ? north.id : south.id, ...(i < 10 ? { dateOfBirth: '1990-06-01' } : {}) });
      people.push(application.personId);
      const sex = i < 60 ? 'Female' : i < 104 ? 'Male' : i < 108 ? 'Prefer not to say' : null;
      if (sex) await recordDemographics(env, coordinator, application.personId, { sex });
    }
    await backdateApplications(
      env,
      admin.organisationId,
      people.filter((_, i) => i % 2 === 0),
      '2025-11-10',
    );
    await backdateApplications(
      env,
      admin.organisationId,
      people.filter((_, i) => i % 2 === 1),
      '2026-01-15',
    );

    const { body: enrolments } = await env.http
      .post(`/cohorts/${cohort.id}/enrolments`)
      .set(bearer(coordinator))
      .send({ personIds: people.slice(0, 90) })
      .expect(201);
    const enrolmentOf = new Map<string, string>(enrolments.map((e: { id: string; personId: string }) => [e.personId, e.id]));
    for (const personId of people.slice(0, 75))
      await env.http
        .post(`/enrolments/${enrolmentOf.get(personId)}/completion`)
        .set(bearer(trainer))
        .expect(200);

    const host = await createHost(env, coordinator, { localityId: north.id });
    const opportunity = await createOpportunity(env, coordinator, host.id);
    for (const personId of people.slice(0, 50)) {
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(personId, host.id, -260, { opportunityId: opportunity.id, status: 'active' }))
        .expect(201);
    }

    const { body: navigator } = await env.http.post('/paid-roles').set(bearer(coordinator)).send({ title: 'Peer Navigator', hoursPerWeek: 16, fixedTermMonths: 18, postsPerLocality: 2 }).expect(201);
    for (const personId of people.slice(0, 2)) {
      await env.http
        .post(`/paid-roles/${navigator.id}/post-holders`)
        .set(bearer(coordinator))
        .send({ personId, localityId: north.id, startsOn: isoDaysFromToday(-210) })
        .expect(201);
    }
    const jobs: string[] = [];
    for (const personId of people.slice(2, 27)) {
      const { body } = await env.http
        .post(`/people/${personId}/jobs`)
        .set(bearer(coordinator))
        .send(jobBody({ startsOn: isoDaysFromToday(-210) }))
        .expect(201);
      jobs.push(body.id);
    }
    for (const jobId of jobs.slice(0, 5)) await env.http.post(`/jobs/${jobId}/sustainment-checks`).set(bearer(coordinator)).send({ week: 26, result: 'sustained' }).expect(200);
  });
  afterAll(() => env.close());

  const southLocality = () => south.id;

  const funnel = async (query: Record<string, string> = {}) => {
    const { body } = await env.http.get('/funnel').query(query).set(bearer(coordinator)).expect(200);
    return body.stages as Array<{ stage: string; count: number; fromPrevious: { rate: number; percent: number } | null; fromRegistered: { percent: number } }>;
  };

  it('shows exactly 110 / 75 / 50 / 27 with the conversion between each stage', async () => {
    const stages = await funnel();
    expect(stages.map((s) => [s.stage, s.count])).toEqual([
      ['registered', 110],
      ['completedTraining', 75],
      ['startedPlacement', 50],
      ['enteredEmployment', 27],
      ['sustained26Weeks', 5],
    ]);
    expect(stages.map((s) => s.fromPrevious?.percent ?? null)).toEqual([null, 68.2, 66.7, 54, 18.5]);
    expect(stages[2].fromPrevious?.rate).toBe(0.6667);
    expect(stages[3].fromRegistered.percent).toBe(24.5);
  });

  it('filters by locality, registration period, programme and cohort', async () => {
    expect((await funnel({ localityId: north.id })).map((s) => s.count)).toEqual([60, 60, 50, 27, 5]);
    expect((await funnel({ localityId: south.id })).map((s) => s.count)).toEqual([50, 15, 0, 0, 0]);
    // Odd-numbered people registered in January 2026: 55 of them, 37 completed, 25 placed, 13 employed.
    expect((await funnel({ registeredFrom: '2026-01-01' })).map((s) => s.count)).toEqual([55, 37, 25, 13, 2]);
    expect((await funnel({ registeredFrom: '2025-11-01', registeredTo: '2025-11-30' })).map((s) => s.count)).toEqual([55, 38, 25, 14, 3]);
    expect((await funnel({ registeredFrom: '2025-11-11', registeredTo: '2026-01-14' })).map((s) => s.count)).toEqual([0, 0, 0, 0, 0]);
    expect((await funnel({ programmeId: cohort.programmeId })).map((s) => s.count)).toEqual([110, 75, 50, 27, 5]);
    expect((await funnel({ cohortId: cohort.id, localityId: south.id })).map((s) => s.count)).toEqual([30, 15, 0, 0, 0]);
  });

  it('splits the funnel by sex, flags the group that falls short and keeps the undisclosed apart', async () => {
    const { body } = await env.http.get('/funnel/equity').query({ dimension: 'sex' }).set(bearer(coordinator)).expect(200);
    expect(body.overall.map((s: { count: number }) => s.count)).toEqual([110, 75, 50, 27, 5]);
    const groups = Object.fromEntries(body.groups.map((g: { group: string }) => [g.group, g]));
    expect(body.groups.map((g: { group: string }) => g.group)).toEqual(['Female', 'Male', 'Prefer not to say', 'Not recorded']);
    expect(groups.Female.stages.map((s: { count: number }) => s.count)).toEqual([60, 60, 50, 27, 5]);
    expect(groups.Female.flagged).toBe(false);
    expect(groups.Male.stages.map((s: { count: number }) => s.count)).toEqual([44, 15, 0, 0, 0]);
    expect(groups.Male.stepComparisons[0]).toMatchObject({ from: 'registered', to: 'completedTraining', groupRate: { percent: 34.1 }, overallRate: { percent: 68.2 }, ratio: 0.5, flag: 'shortfall' });
    expect(groups.Male.flagged).toBe(true);
    expect(groups['Prefer not to say']).toMatchObject({ undisclosed: true, flagged: false });
    expect(groups['Prefer not to say'].stepComparisons[0].flag).toBe('too-few-to-judge');
    expect(groups['Not recorded'].stages[0].count).toBe(2);

    const { body: south } = await env.http.get('/funnel/equity').query({ dimension: 'sex', localityId: southLocality() }).set(bearer(coordinator)).expect(200);
    expect(south.groups.map((g: { group: string; stages: Array<{ count: number }> }) => [g.group, g.stages[0].count, g.stages[1].count])).toEqual([
      ['Male', 44, 15],
      ['Prefer not to say', 4, 0],
      ['Not recorded', 2, 0],
    ]);

    const { body: audit } = await env.http.get('/audit-log').query({ action: 'equity-funnel.read' }).set(bearer(admin)).expect(200);
    expect(audit.items[0]).toMatchObject({ action: 'equity-funnel.read', details: { dimension: 'sex' } });
  });

  it('splits by locality by name, filtered by period too', async () => {
    const { body } = await env.http.get('/funnel/equity').query({ dimension: 'locality', registeredFrom: '2026-01-01' }).set(bearer(coordinator)).expect(200);
    const counts = Object.fromEntries(body.groups.map((g: { group: string; stages: Array<{ count: number }> }) => [g.group, g.stages.map((s) => s.count)]));
    expect(counts).toEqual({ North: [30, 30, 25, 13, 2], South: [25, 7, 0, 0, 0] });
  });

  it('splits by age band, taken from the date of birth', async () => {
    const { body } = await env.http.get('/funnel/equity').query({ dimension: 'age_18plus' }).set(bearer(coordinator)).expect(200);
    const registered = Object.fromEntries(body.groups.map((g: { group: string; stages: Array<{ count: number }> }) => [g.group, g.stages[0].count]));
    expect(registered['Not recorded']).toBe(100);
    expect(Object.entries(registered).filter(([group]) => group !== 'Not recorded')).toEqual([[expect.stringMatching(/^35/), 10]]);
  });

  it('refuses an unknown dimension, bad dates and anyone but coordinators and admins', async () => {
    await env.http.get('/funnel/equity').query({ dimension: 'shoe_size' }).set(bearer(coordinator)).expect(400);
    await env.http.get('/funnel').query({ registeredFrom: '2026-02-30' }).set(bearer(coordinator)).expect(400);
    await env.http.get('/funnel').set(bearer(trainer)).expect(403);
  });

  it('gives the Peer Navigator posts two per locality', async () => {
    const { body: roles } = await env.http.get('/paid-roles').set(bearer(coordinator)).expect(200);
    expect(roles[0]).toMatchObject({ title: 'Peer Navigator', postsPerLocality: 2, currentPostHolders: 2 });
    const refused = await env.http
      .post(`/paid-roles/${roles[0].id}/post-holders`)
      .set(bearer(coordinator))
      .send({ personId: people[30], localityId: north.id, startsOn: isoDaysFromToday(-7) })
      .expect(409);
    expect(refused.body.message).toMatch(/All 2 Peer Navigator post\(s\)/);
    const { body: holders } = await env.http.get(`/paid-roles/${roles[0].id}/post-holders`).set(bearer(coordinator)).expect(200);
    expect(holders).toHaveLength(2);
    expect(holders[0]).toMatchObject({ contractType: 'fixed-term', hoursPerWeek: 16, title: 'Peer Navigator' });
    expect(holders[0].contractEndsOn > isoDaysFromToday(18 * 30 - 220)).toBe(true);
  });
});
