import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createHost, jobBody, placementBody } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';

/** A person with a whole journey (training, a placement, a job) can still be merged and erased. */
describe('people with a journey: merge and erasure', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
  });
  afterAll(() => env.close());

  async function journey(): Promise<{ personIds: string[] }> {
    const trainer = await addMember(env, admin, Role.Trainer);
    const cohort = await createCohort(env, coordinator, [trainer]);
    const applicants = await acceptedApplicants(env, coordinator, cohort.intakeId, 2);
    await enrolApplications(
      env,
      coordinator,
      cohort.id,
      applicants.map((a) => a.id),
    );
    const personIds = applicants.map((a) => a.personId as string);
    const host = await createHost(env, coordinator);
    await env.http
      .post('/placements')
      .set(bearer(coordinator))
      .send(placementBody(personIds[0], host.id, -20, { status: 'active' }))
      .expect(201);
    await env.http
      .post(`/people/${personIds[0]}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ startsOn: isoDaysFromToday(0) }))
      .expect(201);
    return { personIds };
  }

  it('erases a person with an enrolment, a placement and a job, leaving nothing behind', async () => {
    const { personIds } = await journey();
    await env.http.delete(`/people/${personIds[0]}`).set(bearer(admin)).expect(204);
    await env.http.get(`/people/${personIds[0]}/export`).set(bearer(admin)).expect(404);
    await env.http.get(`/people/${personIds[0]}/placements`).set(bearer(coordinator)).expect(404);
    await env.http.get(`/people/${personIds[1]}`).set(bearer(coordinator)).expect(200);
  });

  it('merges a duplicate with a placement and a job into the kept record, and refuses two enrolments in one cohort', async () => {
    const { personIds } = await journey();
    const clash = await env.http.post(`/people/${personIds[1]}/merge`).set(bearer(coordinator)).send({ duplicateId: personIds[0] }).expect(409);
    expect(clash.body).toMatchObject({ code: 'MERGE_CONFLICT', details: [{ field: 'duplicateId' }] });

    const { body: other } = await env.http.post('/people').set(bearer(coordinator)).send({ name: 'Someone New', allowDuplicate: true }).expect(201);
    await env.http.post(`/people/${other.id}/merge`).set(bearer(coordinator)).send({ duplicateId: personIds[0] }).expect(200);
    const placements = await env.http.get(`/people/${other.id}/placements`).set(bearer(coordinator)).expect(200);
    expect(JSON.stringify(placements.body)).toContain(other.id);
    const jobs = await env.http.get(`/people/${other.id}/jobs`).set(bearer(coordinator)).expect(200);
    expect(JSON.stringify(jobs.body)).toContain('Support worker');
    await env.http.get(`/people/${personIds[0]}`).set(bearer(coordinator)).expect(404);
  });
});
