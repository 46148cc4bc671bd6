import { Client } from 'pg';
import { hashToken, parseConfig, Role } from '@steppingstone/core';
import { invitationToken } from '@steppingstone/organisations';
import { addMember, bearer, login, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

const IDLE_MINUTES = 30;
const NEW_PASSWORD = 'violet tractor whispers under moonlight';

describe('sessions and passwords: refusals, invitations, revocation, organisations, timeouts', () => {
  let env: TestEnvironment;
  let owner: Client;

  beforeAll(async () => {
    // Throttling has its own file; here the limit is raised so repeated sign-ins are not what is tested.
    env = await TestEnvironment.start({ env: { INVITATION_TTL_HOURS: '1', SESSION_IDLE_MINUTES: String(IDLE_MINUTES), LOGIN_RATE_LIMIT: '50' } });
    owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await env?.close();
  });

  /** As the database owner (a superuser, so row-level security does not hide anything). */
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => (await owner.query(text, params)).rows as T[];
  const me = (who: { token: string }) => env.http.get('/auth/me').set(bearer(who));
  const attempt = (body: object) => env.http.post('/auth/login').send(body);
  const expectRefused = async (who: { token: string }) => expect((await me(who).expect(401)).body).toMatchObject({ statusCode: 401, code: 'SESSION_INVALID' });

  async function invite(admin: SignedIn, email: string, role: Role = Role.Coordinator): Promise<{ id: string; token: string }> {
    const response = await env.http.post('/invitations').set(bearer(admin)).send({ email, role }).expect(201);
    return { id: response.body.id, token: invitationToken(parseConfig(process.env).APP_SECRET, admin.organisationId, response.body.id) };
  }

  /** One person who is the admin of one organisation and a coordinator in a second, joined with their existing password. */
  async function personInTwoOrganisations(): Promise<{ first: SignedIn; second: SignedIn }> {
    const first = await signUpOrganisation(env, { organisationName: 'Alpha Peer Network' });
    const other = await signUpOrganisation(env, { organisationName: 'Beta Peer Network' });
    const { token } = await invite(other, first.email);
    const accepted = await env.http.post('/invitations/accept').send({ token, password: PASSWORD }).expect(201);
    expect(accepted.body).toMatchObject({ userId: first.userId, organisationId: other.organisationId, role: 'coordinator' });
    return { first, second: { ...first, organisationId: other.organisationId, role: Role.Coordinator } };
  }

  it('answers an unknown email and a wrong password identically, and audits both', async () => {
    const admin = await signUpOrganisation(env);
    const unknownEmail = `nobody-${Date.now()}@example.org`;
    const unknown = await attempt({ email: unknownEmail, password: PASSWORD }).expect(401);
    const wrong = await attempt({ email: admin.email, password: 'not the password at all' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'INVALID_CREDENTIALS', details: [] });
    expect(unknown.headers['set-cookie']).toBeUndefined();

    const rows = await sql<{ actor_user_id: string | null; details: { reason: string; email: string } }>(
      `SELECT actor_user_id, details FROM audit_log WHERE organisation_id IS NULL AND action = 'auth.login.refused' AND details->>'email' = ANY($1)`,
      [[unknownEmail, admin.email]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { actor_user_id: null, details: { reason: 'unknown-email', email: unknownEmail } },
        { actor_user_id: admin.userId, details: { reason: 'wrong-password', email: admin.email } },
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('refuses an expired invitation with 410 INVITATION_EXPIRED', async () => {
    const admin = await signUpOrganisation(env);
    const { id, token } = await invite(admin, `late-${Date.now()}@example.org`);
    const [{ hours }] = await sql<{ hours: number }>(`SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM invitations WHERE id = $1`, [id]);
    expect(Number(hours)).toBeCloseTo(1, 2); // INVITATION_TTL_HOURS=1

    await sql(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const refused = await env.http.post('/invitations/accept').send({ token, name: 'Late Person', password: PASSWORD }).expect(410);
    expect(refused.body).toMatchObject({ statusCode: 410, code: 'INVITATION_EXPIRED' });
    expect((await env.http.get(`/invitations/${id}`).set(bearer(admin)).expect(200)).body.status).toBe('expired');
    expect(await sql(`SELECT 1 FROM users WHERE email LIKE 'late-%'`)).toHaveLength(0);
  });

  it('refuses a revoked invitation with 410 INVITATION_REVOKED', async () => {
    const admin = await signUpOrganisation(env);
    const { id, token } = await invite(admin, `withdrawn-${Date.now()}@example.org`);
    expect((await env.http.delete(`/invitations/${id}`).set(bearer(admin)).expect(200)).body.status).toBe('revoked');
    const refused = await env.http.post('/invitations/accept').send({ token, name: 'Withdrawn Person', password: PASSWORD }).expect(410);
    expect(refused.body).toMatchObject({ statusCode: 410, code: 'INVITATION_REVOKED' });
  });

  it('ends every session of the account, in every organisation, when the password changes', async () => {
    const { first, second } = await personInTwoOrganisations();
    const a1 = await login(env, first.email, first.organisationId);
    const a2 = await login(env, first.email, first.organisationId);
    const b1 = await login(env, first.email, second.organisationId);
    for (const session of [first, a1, a2, b1]) await me(session).expect(200);

    await env.http.post('/auth/password').set(bearer(a1)).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    for (const session of [first, a1, a2, b1]) await expectRefused(session);

    expect((await attempt({ email: first.email, password: PASSWORD, organisationId: first.organisationId }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    const fresh = await attempt({ email: first.email, password: NEW_PASSWORD, organisationId: second.organisationId }).expect(200);
    await me({ token: fresh.body.token }).expect(200);
  });

  it('ends a disabled member’s sessions and refuses their sign-in', async () => {
    const admin = await signUpOrganisation(env);
    const coordinator = await addMember(env, admin, Role.Coordinator);
    const another = await login(env, coordinator.email);
    await me(coordinator).expect(200);

    const updated = await env.http.patch(`/members/${coordinator.userId}`).set(bearer(admin)).send({ status: 'disabled' }).expect(200);
    expect(updated.body).toMatchObject({ userId: coordinator.userId, status: 'disabled' });
    await expectRefused(coordinator);
    await expectRefused(another);

    const refused = await attempt({ email: coordinator.email, password: PASSWORD }).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect(refused.body.token).toBeUndefined();
  });

  it('will not demote or disable the last active admin (409 LAST_ADMIN), but will once there is another', async () => {
    const admin = await signUpOrganisation(env);
    for (const change of [{ role: 'coordinator' }, { status: 'disabled' }]) {
      const refused = await env.http.patch(`/members/${admin.userId}`).set(bearer(admin)).send(change).expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'LAST_ADMIN' });
    }
    await env.http.delete(`/members/${admin.userId}`).set(bearer(admin)).expect(409);
    expect((await me(admin).expect(200)).body.role).toBe('admin');

    const deputy = await addMember(env, admin, Role.Admin);
    await env.http.patch(`/members/${admin.userId}`).set(bearer(deputy)).send({ role: 'coordinator' }).expect(200);
    const lastOne = await env.http.patch(`/members/${deputy.userId}`).set(bearer(deputy)).send({ role: 'trainer' }).expect(409);
    expect(lastOne.body.code).toBe('LAST_ADMIN');
  });

  it('asks a person in two organisations to choose, and switches between them with a new token', async () => {
    const { first, second } = await personInTwoOrganisations();
    const choose = await attempt({ email: first.email, password: PASSWORD }).expect(409);
    expect(choose.body).toMatchObject({ statusCode: 409, code: 'ORGANISATION_CHOICE_REQUIRED' });
    expect(choose.body.token).toBeUndefined();
    expect(choose.body.organisations).toHaveLength(2);
    expect(choose.body.organisations).toEqual(
      expect.arrayContaining([
        { organisationId: first.organisationId, organisationName: 'Alpha Peer Network', role: 'admin' },
        { organisationId: second.organisationId, organisationName: 'Beta Peer Network', role: 'coordinator' },
      ]),
    );

    const inFirst = await login(env, first.email, first.organisationId);
    expect(inFirst).toMatchObject({ organisationId: first.organisationId, role: 'admin' });
    const switched = await env.http.post('/auth/switch-organisation').set(bearer(inFirst)).send({ organisationId: second.organisationId }).expect(200);
    expect(switched.body).toMatchObject({ userId: first.userId, organisationId: second.organisationId, role: 'coordinator' });
    expect(switched.body.token).not.toBe(inFirst.token);

    const view = await me({ token: switched.body.token }).expect(200);
    expect(view.body).toMatchObject({ role: 'coordinator', organisation: { id: second.organisationId, name: 'Beta Peer Network' } });
    expect(view.body.memberships).toHaveLength(2);
    await expectRefused(inFirst);
  });

  it('refuses to switch to an organisation the person does not belong to', async () => {
    const admin = await signUpOrganisation(env);
    const stranger = await signUpOrganisation(env);
    const refused = await env.http.post('/auth/switch-organisation').set(bearer(admin)).send({ organisationId: stranger.organisationId }).expect(403);
    expect(refused.body.code).toBe('NOT_A_MEMBER');
    await me(admin).expect(200);
  });

  describe('timeouts', () => {
    /** The session row of a token, as `WHERE ${BY_TOKEN}` with the parameters from `ids(who)`. */
    const BY_TOKEN = 'organisation_id = $1 AND token_hash = $2';
    const ids = (who: SignedIn) => [who.organisationId, hashToken(who.token)];

    it(`ends a session idle for longer than SESSION_IDLE_MINUTES (${IDLE_MINUTES})`, async () => {
      const admin = await signUpOrganisation(env);
      await sql(`UPDATE sessions SET last_seen_at = now() - make_interval(mins => ${IDLE_MINUTES - 2}) WHERE ${BY_TOKEN}`, ids(admin));
      await me(admin).expect(200); // still within the idle window, and this use counts as activity
      const [touched] = await sql<{ idle: number }>(`SELECT extract(epoch FROM now() - last_seen_at) AS idle FROM sessions WHERE ${BY_TOKEN}`, ids(admin));
      expect(Number(touched.idle)).toBeLessThan(60);

      await sql(`UPDATE sessions SET last_seen_at = now() - make_interval(mins => ${IDLE_MINUTES + 1}) WHERE ${BY_TOKEN}`, ids(admin));
      await expectRefused(admin);
    });

    it('ends a session past its absolute expiry, however active', async () => {
      const admin = await signUpOrganisation(env);
      await sql(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE ${BY_TOKEN}`, ids(admin));
      await expectRefused(admin);
    });
  });
});
