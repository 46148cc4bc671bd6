import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName, Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { isoDaysFromToday } from '../../factories/cohorts';
import { jobBody } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';
import { drained } from './support/queues';

type RequestView = { id: string; kind: string; personId: string; status: string; requestedBy: string; attempts: number; error: string | null; downloadPath: string | null };

/** Erasure and subject-access requests accepted by the api and carried out by the worker. */
describe('erasure and export requests as jobs', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let mentor: SignedIn;
  let elsewhere: SignedIn;
  let intakeId: string;

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true });
    admin = await signUpOrganisation(env, { organisationName: 'Calderdale Recovery Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
    elsewhere = await signUpOrganisation(env, { organisationName: 'Another Organisation' });
    intakeId = (await openIntake(env, coordinator)).id;
  });
  afterAll(() => env.close());

  /** An applicant with a demographic profile, as a coordinator enters them. */
  async function applicant(name: string): Promise<string> {
    const application = await enterApplicant(env, coordinator, intakeId, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org` });
    await recordDemographics(env, coordinator, application.personId, { sex: 'Female', ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean' });
    return application.personId;
  }

  async function finished(id: string, who = admin): Promise<RequestView> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await env.http.get(`/data-rights-requests/${id}`).set(bearer(who)).expect(200);
      if (body.status === 'done' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`Request ${id} still ${body.status} after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const audit = async (action: string | undefined, entityId: string) =>
    (
      await env.http
        .get('/audit-log')
        .query({ ...(action ? { action } : {}), entityId })
        .set(bearer(admin))
        .expect(200)
    ).body.items as Array<Record<string, unknown>>;

  it('produces an export in the background, downloadable as JSON once done, and audit-logged without personal data', async () => {
    const personId = await applicant('Maya Okonkwo');
    await env.http
      .post(`/people/${personId}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ employer: 'Halifax Housing', startsOn: isoDaysFromToday(0) }))
      .expect(201);
    const accepted = await env.http.post(`/people/${personId}/export-requests`).set(bearer(admin)).expect(202);
    expect(accepted.body).toMatchObject({ kind: 'export', personId, status: 'pending', requestedBy: admin.userId, downloadPath: null });

    const done = await finished(accepted.body.id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, error: null, downloadPath: `/data-rights-requests/${accepted.body.id}/download` });

    const download = await env.http
      .get(done.downloadPath!)
      .set(bearer(admin))
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => callback(null, text));
      })
      .expect(200);
    expect(download.headers['content-type']).toMatch(/application\/json/);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="subject-access-${accepted.body.id}.json"`);
    const document = JSON.parse(download.body as string);
    expect(document.person).toMatchObject({ id: personId, name: 'Maya Okonkwo', email: 'maya.okonkwo@example.org' });
    expect(document.demographicProfile).toMatchObject({ sex: 'Female', ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean' });
    expect(document.consents).toHaveLength(1);
    expect(document.applications).toEqual([expect.objectContaining({ intakeId, stage: 'applied', transitions: [expect.objectContaining({ toStage: 'applied' })] })]);
    expect(document.journey).toEqual({ enrolments: [], placements: [], jobs: [expect.objectContaining({ employer: 'Halifax Housing', title: 'Support worker', sustainmentChecks: [] })] });

    const [requested] = await audit('data-rights.export-requested', personId);
    expect(requested).toMatchObject({ actorUserId: admin.userId, details: { requestId: accepted.body.id } });
    const exported = await audit('person.exported', personId);
    expect(exported).toEqual([
      expect.objectContaining({ actorUserId: admin.userId, details: { applications: 1, consents: 1, demographicProfile: true, enrolments: 0, placements: 0, jobs: 1, requestId: accepted.body.id } }),
    ]);
    const [downloaded] = await audit('data-rights.export-downloaded', personId);
    expect(downloaded).toMatchObject({ actorUserId: admin.userId, details: { requestId: accepted.body.id } });
    const everything = await audit(undefined, personId);
    expect(everything.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(everything)).not.toMatch(/Maya|Okonkwo|@example\.org|Caribbean/);
  });

  it('erases in the background, once, however often the job runs', async () => {
    const personId = await applicant('Tomasz Nowak');
    const keep = await applicant('Keep Me');
    const { body: earlierExport } = await env.http.post(`/people/${personId}/export-requests`).set(bearer(admin)).expect(202);
    expect(await finished(earlierExport.id)).toMatchObject({ status: 'done', downloadPath: expect.any(String) });
    const accepted = await env.http.post(`/people/${personId}/erasure-requests`).set(bearer(admin)).expect(202);
    expect(accepted.body).toMatchObject({ kind: 'erase', personId, status: 'pending' });
    const done = await finished(accepted.body.id);
    expect(done).toMatchObject({ status: 'done', downloadPath: null, error: null });

    await env.http.get(`/people/${personId}`).set(bearer(admin)).expect(404);
    await env.http.get(`/people/${keep}`).set(bearer(admin)).expect(200);
    const erased = await audit('person.erased', personId);
    expect(erased).toEqual([
      expect.objectContaining({ actorUserId: admin.userId, details: { applications: 1, enrolments: 0, placements: 0, jobs: 0, consents: 1, demographicProfile: true, requestId: accepted.body.id } }),
    ]);
    expect(JSON.stringify(erased)).not.toMatch(/Tomasz|Nowak|@example\.org/);

    // The same job again (a retry, a relay twice): the request is done, nothing more is erased or logged.
    const maintenance = env.worker!.get<Queue>(getQueueToken(QueueName.Maintenance));
    await maintenance.add('data-rights-request', { organisationId: admin.organisationId, requestId: accepted.body.id }, { jobId: `data-rights-request-${accepted.body.id}-again` });
    await drained(maintenance);
    expect(await finished(accepted.body.id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await audit('person.erased', personId)).toHaveLength(1);

    // Nothing to download from an erasure, and the person can no longer be asked about.
    const notExport = await env.http.get(`/data-rights-requests/${accepted.body.id}/download`).set(bearer(admin)).expect(409);
    expect(notExport.body).toMatchObject({ code: 'EXPORT_NOT_READY' });
    await env.http.post(`/people/${personId}/export-requests`).set(bearer(admin)).expect(404);
    // An export made before the erasure was a copy of the record, so it went with it.
    expect(await finished(earlierExport.id)).toMatchObject({ status: 'done', downloadPath: null });
    const gone = await env.http.get(`/data-rights-requests/${earlierExport.id}/download`).set(bearer(admin)).expect(410);
    expect(gone.body).toMatchObject({ code: 'EXPORT_GONE' });
  });

  it('removes exports nobody collected within 30 days in the daily housekeeping, keeping the request as the record', async () => {
    const personId = await applicant('Slow Collector');
    const { body: request } = await env.http.post(`/people/${personId}/export-requests`).set(bearer(admin)).expect(202);
    await finished(request.id);
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE data_rights_requests SET finished_at = now() - interval '31 days' WHERE id = $1`, [request.id]);
    } finally {
      await db.end();
    }
    const maintenance = env.worker!.get<Queue>(getQueueToken(QueueName.Maintenance));
    await maintenance.add('apply-retention-organisation', { organisationId: admin.organisationId }, { jobId: 'data-rights-test-housekeeping' });
    await drained(maintenance);
    expect((await maintenance.getJob('data-rights-test-housekeeping'))?.returnvalue).toEqual({ retentionMonths: null, anonymised: 0, expiredExports: 1, requeuedRequests: 0 });
    expect(await finished(request.id)).toMatchObject({ status: 'done', downloadPath: null });
    await env.http.get(`/data-rights-requests/${request.id}/download`).set(bearer(admin)).expect(410);
  });

  it('carries out a request whose job Redis lost, in the daily housekeeping', async () => {
    const personId = await applicant('Lost Job');
    const { body: request } = await env.http.post(`/people/${personId}/export-requests`).set(bearer(admin)).expect(202);
    await finished(request.id);
    // As if the job had vanished from Redis before running, an hour and more after the request.
    const maintenance = env.worker!.get<Queue>(getQueueToken(QueueName.Maintenance));
    await (await maintenance.getJob(`data-rights-request-${request.id}`))?.remove();
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE data_rights_requests SET status = 'pending', result = NULL, finished_at = NULL, requested_at = now() - interval '2 hours' WHERE id = $1`, [request.id]);
    } finally {
      await db.end();
    }
    await maintenance.add('apply-retention-organisation', { organisationId: admin.organisationId }, { jobId: 'data-rights-test-requeue' });
    await drained(maintenance);
    expect((await maintenance.getJob('data-rights-test-requeue'))?.returnvalue).toMatchObject({ requeuedRequests: 1 });
    expect(await finished(request.id)).toMatchObject({ status: 'done', attempts: 2, downloadPath: expect.any(String) });
  });

  it('refuses coordinators, trainers and mentors (403), and another organisation (404)', async () => {
    const personId = await applicant('Private Person');
    const { body: request } = await env.http.post(`/people/${personId}/export-requests`).set(bearer(admin)).expect(202);
    await finished(request.id);

    for (const who of [coordinator, trainer, mentor]) {
      await env.http.post(`/people/${personId}/erasure-requests`).set(bearer(who)).expect(403);
      await env.http.post(`/people/${personId}/export-requests`).set(bearer(who)).expect(403);
      await env.http.get(`/data-rights-requests/${request.id}`).set(bearer(who)).expect(403);
      await env.http.get(`/data-rights-requests/${request.id}/download`).set(bearer(who)).expect(403);
    }
    await env.http.post(`/people/${personId}/erasure-requests`).set(bearer(elsewhere)).expect(404);
    await env.http.post(`/people/${personId}/export-requests`).set(bearer(elsewhere)).expect(404);
    const notFound = await env.http.get(`/data-rights-requests/${request.id}`).set(bearer(elsewhere)).expect(404);
    expect(notFound.body).toMatchObject({ code: 'DATA_RIGHTS_REQUEST_NOT_FOUND' });
    await env.http.get(`/data-rights-requests/${request.id}/download`).set(bearer(elsewhere)).expect(404);
    await env.http.get(`/people/${personId}`).set(bearer(admin)).expect(200);

    const badId = await env.http.get('/data-rights-requests/not-a-uuid').set(bearer(admin)).expect(400);
    expect(badId.body.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
  });
});
