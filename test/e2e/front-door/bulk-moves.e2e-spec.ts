import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { enterApplicant, IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

describe('moving many applications in one action', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let intake: IntakeView;
  let db: Client;
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  const bulk = (who: SignedIn, body: Record<string, unknown>) => env.http.post('/applications/bulk-moves').set(bearer(who)).send(body);
  const offered = async (count: number) => {
    const applications: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < count; i++) {
      const application = await enterApplicant(env, coordinator, intake.id);
      let version = application.version;
      for (const to of ['screened', 'offered']) version = (await env.http.post(`/applications/${application.id}/move`).set(bearer(coordinator)).send({ to }).expect(200)).body.version;
      applications.push({ id: application.id, version });
    }
    return applications;
  };
  const stages = async (ids: string[]) => (await sql(`SELECT stage FROM applications WHERE id = ANY($1) ORDER BY id`, [ids])).map((r) => r.stage);
  const transitions = async (ids: string[]) => (await sql(`SELECT count(*)::int AS n FROM application_transitions WHERE application_id = ANY($1)`, [ids]))[0].n as number;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    intake = await openIntake(env, coordinator);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('moves every selected application, each with its own stage-history row and audit entry', async () => {
    const applications = await offered(5);
    const ids = applications.map((a) => a.id);
    const before = await transitions(ids);
    const { body } = await bulk(coordinator, { to: 'accepted', note: 'Accepted at the welcome evening', applications }).expect(200);
    expect(body.to).toBe('accepted');
    expect(body.moved).toHaveLength(5);
    expect(body.moved).toEqual(
      expect.arrayContaining(applications.map((a) => ({ id: a.id, reference: expect.stringMatching(/^[2-9A-Z]{8}$/), from: 'offered', to: 'accepted', version: a.version + 1 }))),
    );
    expect(await stages(ids)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);

    // One new row per person, written as a single move would be.
    expect(await transitions(ids)).toBe(before + 5);
    const rows = await sql(`SELECT application_id, from_stage, to_stage, actor_user_id, note FROM application_transitions WHERE application_id = ANY($1) AND to_stage = 'accepted'`, [ids]);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.application_id))).toEqual(new Set(ids));
    for (const row of rows) expect(row).toMatchObject({ from_stage: 'offered', actor_user_id: coordinator.userId, note: 'Accepted at the welcome evening' });
    const audit = await sql(`SELECT entity_id, details FROM audit_log WHERE action = 'application.moved' AND entity_id = ANY($1) AND details->>'to' = 'accepted'`, [ids]);
    expect(audit.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const history = (await env.http.get(`/applications/${id}`).set(bearer(coordinator)).expect(200)).body.history;
      expect(history.map((h: { toStage: string }) => h.toStage)).toEqual(['applied', 'screened', 'offered', 'accepted']);
    }
  });

  it('moves none when any cannot move, naming each that cannot and why', async () => {
    const [ready, stale] = await offered(2);
    const fresh = await enterApplicant(env, coordinator, intake.id, { name: 'Still Applied' });
    // Someone else moves `stale` after it was loaded.
    await env.http.post(`/applications/${stale.id}/move`).set(bearer(admin)).send({ to: 'waitlisted' }).expect(200);
    const ids = [ready.id, stale.id, fresh.id];
    const before = await transitions(ids);

    const refused = await bulk(coordinator, { to: 'accepted', applications: [ready, stale, { id: fresh.id }] }).expect(409);
    expect(refused.body).toMatchObject({ code: 'BULK_MOVE_REFUSED', message: '2 of 3 applications cannot move to accepted, so none was moved' });
    expect(refused.body.failures).toEqual([
      {
        applicationId: stale.id,
        reference: expect.any(String),
        name: expect.any(String),
        code: 'STALE_VERSION',
        stage: 'waitlisted',
        message: expect.stringContaining('someone moved this application since you loaded it (it is now waitlisted)'),
      },
      {
        applicationId: fresh.id,
        reference: expect.any(String),
        name: 'Still Applied',
        code: 'ILLEGAL_TRANSITION',
        stage: 'applied',
        allowed: ['screened', 'waitlisted', 'declined', 'withdrawn'],
        message: 'Still Applied is applied, which can move to screened, waitlisted, declined, withdrawn, not accepted',
      },
    ]);
    expect(refused.body.details.map((d: { field: string; rule: string }) => [d.field, d.rule])).toEqual([
      ['applications[1].id', 'STALE_VERSION'],
      ['applications[2].id', 'ILLEGAL_TRANSITION'],
    ]);
    expect(await stages([ready.id])).toEqual(['offered']);
    expect(await transitions(ids)).toBe(before);

    // Deselect the two and move the rest.
    await bulk(coordinator, { to: 'accepted', applications: [ready] }).expect(200);
    expect(await stages([ready.id])).toEqual(['accepted']);
  });

  it('answers "not found" for another organisation’s application, moving nothing, and refuses bad requests and other roles', async () => {
    const [mine] = await offered(1);
    const outsider = await signUpOrganisation(env);
    const theirIntake = await openIntake(env, outsider);
    const theirs = await enterApplicant(env, outsider, theirIntake.id);
    const missing = await bulk(coordinator, { to: 'accepted', applications: [mine, { id: theirs.id }] }).expect(404);
    expect(missing.body).toMatchObject({ code: 'APPLICATION_NOT_FOUND', failures: [{ applicationId: theirs.id, code: 'APPLICATION_NOT_FOUND', message: 'Application not found' }] });
    expect(missing.body.failures[0].name).toBeUndefined();
    expect(await stages([mine.id])).toEqual(['offered']);

    expect((await bulk(coordinator, { to: 'accepted', applications: [] }).expect(400)).body.details[0]).toMatchObject({ field: 'applications', rule: 'arrayMinSize' });
    expect((await bulk(coordinator, { to: 'accepted', applications: [mine, mine] }).expect(400)).body.details[0]).toMatchObject({ field: 'applications', rule: 'uniqueIds' });
    expect((await bulk(coordinator, { to: 'hired', applications: [mine] }).expect(400)).body.details[0]).toMatchObject({ field: 'to' });
    await bulk(await addMember(env, admin, Role.Trainer), { to: 'accepted', applications: [mine] }).expect(403);
    await env.http
      .post('/applications/bulk-moves')
      .send({ to: 'accepted', applications: [mine] })
      .expect(401);
    expect(await stages([mine.id])).toEqual(['offered']);
  });
});
