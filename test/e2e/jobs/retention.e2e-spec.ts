import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName, Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, isoDaysFromToday, mondayOf, saveRegister } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson, recordDemographics } from '../../factories/people';
import { backdateApplications, createHost, jobBody, placementBody } from '../../factories/progression';
import { createLocality } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { drained } from './support/queues';

const YEARS_AGO = 4;
const RETENTION_MONTHS = 36;

/**
 * The clock sets every "recorded at" moment (registration, enrolment, completion, withdrawal,
 * consent, profile, placement, job) and no endpoint changes one, so the test moves an old
 * person's records back in time as the database owner. Business dates the API accepts (cohort
 * start, withdrawal date, placement and job dates) are given in the past through the API instead.
 */
async function backdate(db: Client, personIds: string[]): Promise<void> {
  const by = `interval '${YEARS_AGO} years'`;
  const statements = [
    `UPDATE people SET created_at = created_at - ${by}, updated_at = updated_at - ${by} WHERE id = ANY($1)`,
    `UPDATE applications SET applied_at = applied_at - ${by}, stage_changed_at = stage_changed_at - ${by} WHERE person_id = ANY($1)`,
    `UPDATE application_transitions t SET occurred_at = occurred_at - ${by} FROM applications a WHERE a.organisation_id = t.organisation_id AND a.id = t.application_id AND a.person_id = ANY($1)`,
    `UPDATE enrolments SET enrolled_at = enrolled_at - ${by}, completed_at = completed_at - ${by} WHERE person_id = ANY($1)`,
    `UPDATE attendance x SET recorded_at = recorded_at - ${by} FROM enrolments e WHERE e.organisation_id = x.organisation_id AND e.id = x.enrolment_id AND e.person_id = ANY($1)`,
    `UPDATE withdrawals x SET recorded_at = recorded_at - ${by} FROM enrolments e WHERE e.organisation_id = x.organisation_id AND e.id = x.enrolment_id AND e.person_id = ANY($1)`,
    `UPDATE placements SET created_at = created_at - ${by}, updated_at = updated_at - ${by}, activated_at = activated_at - ${by} WHERE person_id = ANY($1)`,
    `UPDATE jobs SET created_at = created_at - ${by} WHERE person_id = ANY($1)`,
    `UPDATE sustainment_checks x SET recorded_at = recorded_at - ${by} FROM jobs j WHERE j.organisation_id = x.organisation_id AND j.id = x.job_id AND j.person_id = ANY($1)`,
    `UPDATE consents SET given_at = given_at - ${by} WHERE person_id = ANY($1)`,
    `UPDATE demographic_profiles SET updated_at = updated_at - ${by} WHERE person_id = ANY($1)`,
  ];
  for (const statement of statements) await db.query(statement, [personIds]);
}

describe('retention: anonymising people past the organisation’s retention period', () => {
  let env: TestEnvironment;
  let db: Client;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let elsewhere: SignedIn;
  let north: { id: string };
  let south: { id: string };
  const old: string[] = [];
  const recent: string[] = [];
  let touched: string;
  let checkedRecently: string;
  let otherOrganisationPerson: string;
  const maintenance = () => env.worker!.get<Queue>(getQueueToken(QueueName.Maintenance));

  /** Six people through a cohort: all registered and enrolled, three complete, one withdraws, two are placed and both get jobs sustained at 26 weeks. */
  async function journeys(label: string, startDaysAgo: number, into: string[]): Promise<void> {
    const cohort = await createCohort(env, coordinator, [trainer], { name: `${label} cohort`, startsOn: mondayOf(isoDaysFromToday(-startDaysAgo)) });
    const applications = await acceptedApplicants(env, coordinator, cohort.intakeId, 6, (i) => ({
      name: `${label} Person ${i}`,
      email: `${label.toLowerCase()}-${i}@example.org`,
      phone: `07700 90${i}${label.length}00`,
      postcode: 'N1 9GU',
      address: `${i} Upper Street\nLondon`,
      dateOfBirth: `198${i}-03-2${i}`,
      localityId: i % 2 ? north.id : south.id,
    }));
    const people = applications.map((a) => a.personId);
    into.push(...people);
    // Registered before the cohort began, so that their later jobs count as outcomes of the programme.
    await backdateApplications(env, admin.organisationId, people, isoDaysFromToday(-startDaysAgo - 30));
    for (const [i, personId] of people.entries()) {
      await recordDemographics(env, coordinator, personId, { sex: i % 2 ? 'Female' : 'Male', disability: 'Not disabled under the Equality Act: No long term physical or mental health conditions' });
    }
    const enrolments = await enrolApplications(
      env,
      coordinator,
      cohort.id,
      applications.map((a) => a.id),
    );
    const enrolmentOf = (personId: string) => enrolments.find((e) => e.personId === personId)!.id;
    // Completed before the schedule exists, so the completion rules have no registers to ask for.
    for (const personId of people.slice(0, 3))
      await env.http
        .post(`/enrolments/${enrolmentOf(personId)}/completion`)
        .set(bearer(trainer))
        .expect(200);
    const sessions = await generateSchedule(env, coordinator, cohort.id);
    await saveRegister(env, trainer, sessions[0].id, sessions[0].registerVersion, [{ personId: people[5], status: 'absent', note: `${label} Person 5 phoned in: unwell` }]).expect(200);
    await env.http
      .post(`/enrolments/${enrolmentOf(people[5])}/withdrawal`)
      .set(bearer(trainer))
      .send({ withdrawnOn: sessions[3].heldOn, reason: 'caring-responsibilities', note: 'Looking after her mother in hospital' })
      .expect(200);
    const host = await createHost(env, coordinator);
    for (const personId of people.slice(0, 2)) {
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(personId, host.id, -startDaysAgo + 100, { status: 'active' }))
        .expect(201);
    }
    for (const personId of people.slice(0, 2)) {
      const { body: job } = await env.http
        .post(`/people/${personId}/jobs`)
        .set(bearer(coordinator))
        .send(jobBody({ employer: `${label} Housing Trust`, startsOn: isoDaysFromToday(Math.min(-startDaysAgo + 200, -190)) }))
        .expect(201);
      await env.http.post(`/jobs/${job.id}/sustainment-checks`).set(bearer(coordinator)).send({ week: 26, result: 'sustained', note: 'Enjoying the work' }).expect(200);
    }
  }

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { organisationName: 'Islington Peer Mentors' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    north = await createLocality(env, admin, 'North');
    south = await createLocality(env, admin, 'South');

    await journeys('Early', YEARS_AGO * 365 + 30, old);
    await journeys('Current', 250, recent);
    await backdate(db, old);
    // Registered long ago like the others (and neither completed nor withdrew), but their phone number changed this week: still active.
    touched = old.splice(4, 1)[0];
    const { body: current } = await env.http.get(`/people/${touched}`).set(bearer(coordinator)).expect(200);
    await env.http.patch(`/people/${touched}`).set(bearer(coordinator)).send({ phone: '07700 900999', version: current.version }).expect(200);
    // Another, whose job (years old) had its 13-week check recorded only now: activity in a related record counts too.
    checkedRecently = old.splice(1, 1)[0];
    const { body: jobs } = await env.http.get(`/people/${checkedRecently}/jobs`).set(bearer(coordinator)).expect(200);
    const [job] = Array.isArray(jobs) ? jobs : jobs.items;
    await env.http.post(`/jobs/${job.id}/sustainment-checks`).set(bearer(coordinator)).send({ week: 13, result: 'sustained' }).expect(200);

    // An organisation that keeps records (no retention period): its old records stay as they are.
    elsewhere = await signUpOrganisation(env, { organisationName: 'Keeps Everything' });
    otherOrganisationPerson = (await createPerson(env, elsewhere, { name: 'Never Anonymised' })).id;
    await backdate(db, [otherOrganisationPerson]);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('lets admins alone set the retention period, checking it is a whole number of months', async () => {
    for (const retentionMonths of [0, 1201, 2.5, 'thirty-six']) {
      const refused = await env.http.patch('/organisation').set(bearer(admin)).send({ retentionMonths }).expect(400);
      expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'retentionMonths' })]));
    }
    await env.http.patch('/organisation').set(bearer(coordinator)).send({ retentionMonths: RETENTION_MONTHS }).expect(403);
    const { body } = await env.http.patch('/organisation').set(bearer(admin)).send({ retentionMonths: RETENTION_MONTHS }).expect(200);
    expect(body.retentionMonths).toBe(RETENTION_MONTHS);
    expect((await env.http.get('/organisation').set(bearer(elsewhere)).expect(200)).body.retentionMonths).toBeNull();
  });

  it('anonymises exactly the people inactive for longer than the period, leaving every figure as it was, and does nothing the second time', async () => {
    const get = async (path: string, query: Record<string, string> = {}) => (await env.http.get(path).query(query).set(bearer(coordinator)).expect(200)).body;
    const figures = async () => ({
      funnel: await get('/funnel'),
      funnelNorth: await get('/funnel', { localityId: north.id }),
      equityByLocality: await get('/funnel/equity', { dimension: 'locality' }),
      equityBySex: await get('/funnel/equity', { dimension: 'sex' }),
      dropout: await get('/dropout-figures'),
    });
    const records = async (ids: string[]) => Promise.all(ids.map((id) => get(`/people/${id}`)));
    const before = await figures();
    expect(before.funnel.stages.map((s: { count: number }) => s.count)).toEqual([12, 6, 4, 4, 4]);
    expect(before.dropout).toMatchObject({ enrolled: 12, withdrawn: 2 });
    const oldBefore = await records(old);
    const recentBefore = await records([...recent, touched, checkedRecently]);
    const elsewhereBefore = (await env.http.get(`/people/${otherOrganisationPerson}`).set(bearer(elsewhere)).expect(200)).body;

    // As the daily scheduler does it: the fan-out adds one job per organisation.
    await maintenance().add('apply-retention', {}, { jobId: 'retention-test-first-run' });
    await drained(maintenance());

    const anonymised = await records(old);
    for (const [i, person] of anonymised.entries()) {
      expect(person).toMatchObject({
        id: old[i],
        name: 'Anonymised person',
        preferredName: null,
        email: null,
        phone: null,
        postcode: null,
        address: null,
        userId: null,
        localityId: oldBefore[i].localityId,
      });
      expect(person.dateOfBirth).toBe(`${oldBefore[i].dateOfBirth.slice(0, 4)}-07-01`);
      const { body: demographics } = await env.http.get(`/people/${old[i]}/demographics`).set(bearer(coordinator)).expect(200);
      expect(demographics.profile).toBeNull();
      expect(person.anonymisedAt).toEqual(expect.any(String));
    }
    // Writing details back would make the record someone again.
    const edit = await env.http.patch(`/people/${old[0]}`).set(bearer(coordinator)).send({ email: 'back@example.org' }).expect(409);
    expect(edit.body).toMatchObject({ code: 'PERSON_ANONYMISED', details: [{ field: 'id', rule: 'notAnonymised' }] });
    await env.http
      .put(`/people/${old[0]}/demographics`)
      .set(bearer(coordinator))
      .send({ sex: 'Female', consent: { wording: 'Monitoring', method: 'paper-form', givenAt: new Date().toISOString() } })
      .expect(409);
    expect(await records([...recent, touched, checkedRecently])).toEqual(recentBefore);
    for (const id of recent)
      expect((await get(`/people/${id}/demographics`)).profile).toMatchObject({ disability: 'Not disabled under the Equality Act: No long term physical or mental health conditions' });
    expect((await env.http.get(`/people/${otherOrganisationPerson}`).set(bearer(elsewhere)).expect(200)).body).toEqual(elsewhereBefore);

    // The words written about them are gone; the facts the figures count are not.
    const leftover = await db.query(
      `SELECT (SELECT count(*) FROM withdrawals w JOIN enrolments e ON e.id = w.enrolment_id WHERE e.person_id = ANY($1) AND w.note IS NOT NULL)::int AS "withdrawalNotes",
              (SELECT count(*) FROM withdrawals w JOIN enrolments e ON e.id = w.enrolment_id WHERE e.person_id = ANY($1) AND w.reason = 'caring-responsibilities')::int AS "withdrawalReasons",
              (SELECT count(*) FROM attendance x JOIN enrolments e ON e.id = x.enrolment_id WHERE e.person_id = ANY($1) AND x.note IS NOT NULL)::int AS "attendanceNotes",
              (SELECT count(*) FROM sustainment_checks s JOIN jobs j ON j.id = s.job_id WHERE j.person_id = ANY($1) AND s.note IS NOT NULL)::int AS "sustainmentNotes",
              (SELECT count(*) FROM jobs WHERE person_id = ANY($1) AND employer LIKE 'Early%')::int AS "employers",
              (SELECT count(*) FROM application_transitions t JOIN applications a ON a.id = t.application_id WHERE a.person_id = ANY($1))::int AS "transitions",
              (SELECT count(*) FROM demographic_profiles WHERE person_id = ANY($2))::int AS "recentProfiles"`,
      [old, recent],
    );
    expect(leftover.rows[0]).toEqual({ withdrawalNotes: 0, withdrawalReasons: 1, attendanceNotes: 0, sustainmentNotes: 0, employers: 0, transitions: old.length * 5, recentProfiles: 6 });

    const after = await figures();
    expect(after.funnel).toEqual(before.funnel);
    expect(after.funnelNorth).toEqual(before.funnelNorth);
    expect(after.equityByLocality).toEqual(before.equityByLocality);
    expect(after.dropout).toEqual(before.dropout);
    // Split by sex, the overall funnel is unchanged; the anonymised, whose answers were special-category data, now count as "Not recorded".
    expect(after.equityBySex.overall).toEqual(before.equityBySex.overall);
    const registeredIn = (report: { groups: Array<{ group: string; stages: Array<{ count: number }> }> }, group: string) => report.groups.find((g) => g.group === group)?.stages[0].count ?? 0;
    expect(registeredIn(before.equityBySex, 'Not recorded')).toBe(0);
    expect(registeredIn(after.equityBySex, 'Not recorded')).toBe(old.length);

    const entries = async () => (await env.http.get('/audit-log').query({ action: 'person.anonymised', pageSize: 100 }).set(bearer(admin)).expect(200)).body.items as Array<Record<string, unknown>>;
    const logged = await entries();
    expect(logged.map((e) => e.entityId).sort()).toEqual([...old].sort());
    for (const entry of logged) expect(entry).toMatchObject({ actorUserId: null, entityType: 'person', details: { reason: 'retention', retentionMonths: RETENTION_MONTHS } });
    expect(JSON.stringify(logged)).not.toMatch(/Early|@example\.org|07700|N1 9GU/);

    // A second run (a retry, or the next day) finds nobody left to anonymise and changes nothing.
    await maintenance().add('apply-retention-organisation', { organisationId: admin.organisationId }, { jobId: 'retention-test-second-run' });
    await drained(maintenance());
    const second = await maintenance().getJob('retention-test-second-run');
    expect(second?.returnvalue).toEqual({ retentionMonths: RETENTION_MONTHS, anonymised: 0, expiredExports: 0, requeuedRequests: 0 });
    expect(await records(old)).toEqual(anonymised);
    expect(await entries()).toHaveLength(old.length);
    expect(await figures()).toEqual(after);
  });
});
