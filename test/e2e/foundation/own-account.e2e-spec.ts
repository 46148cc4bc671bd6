import { Client } from 'pg';
import { appUrlFromOwnerUrl, hashToken, parseConfig, Role } from '@steppingstone/core';
import { addMember, bearer, login, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

/**
 * GET /auth/me is read on every page load of the web app, so it is answered from the session lookup
 * itself: one statement for the whole request, with nothing cached between requests.
 */
describe('reading one’s own account (GET /auth/me)', () => {
  let env: TestEnvironment;
  let asApp: Client;

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { LOGIN_RATE_LIMIT: '50' } });
    asApp = new Client({ connectionString: appUrlFromOwnerUrl(env.databaseUrl) });
    await asApp.connect();
  });
  afterAll(async () => {
    await asApp?.end();
    await env?.close();
  });

  const me = (who: { token: string }) => env.http.get('/auth/me').set(bearer(who));

  /** Ada: admin of Alpha, coordinator in Beta, and once a trainer in Gamma, since disabled there. */
  async function personInThreeOrganisations(): Promise<{ alpha: SignedIn; beta: SignedIn; gamma: SignedIn }> {
    const alpha = await signUpOrganisation(env, { organisationName: 'Alpha Peer Network', name: 'Ada Admin' });
    const beta = await signUpOrganisation(env, { organisationName: 'Beta Peer Network', boroughCode: 'E09000012' });
    const gamma = await signUpOrganisation(env, { organisationName: 'Gamma Peer Network' });
    const inBeta = await addMember(env, beta, Role.Coordinator, alpha.email);
    const inGamma = await addMember(env, gamma, Role.Trainer, alpha.email);
    await env.http.patch(`/members/${inGamma.userId}`).set(bearer(gamma)).send({ status: 'disabled' }).expect(200);
    expect(inBeta.userId).toBe(alpha.userId);
    return { alpha, beta: inBeta, gamma: inGamma };
  }

  it('shows the user, this organisation, the role and every active membership, sorted by organisation name', async () => {
    const { alpha, beta } = await personInThreeOrganisations();
    const inBeta = await login(env, alpha.email, beta.organisationId);

    expect((await me(inBeta).expect(200)).body).toEqual({
      user: { id: alpha.userId, email: alpha.email, name: 'Ada Admin', secondFactorEnabled: false },
      organisation: { id: beta.organisationId, name: 'Beta Peer Network', boroughCode: 'E09000012', timeZone: 'Europe/London' },
      role: 'coordinator',
      memberships: [
        { organisationId: alpha.organisationId, organisationName: 'Alpha Peer Network', role: 'admin' },
        { organisationId: beta.organisationId, organisationName: 'Beta Peer Network', role: 'coordinator' },
      ],
    });
  });

  it('takes one database statement for the whole request', async () => {
    const admin = await signUpOrganisation(env);
    await me(admin).expect(200);
    // Counted, not replaced: the spy calls through to the real client.
    const query = jest.spyOn(Client.prototype, 'query');
    let statements: unknown[];
    try {
      await me(admin).expect(200);
      statements = query.mock.calls.map(([text]) => (typeof text === 'string' ? text : (text as { text?: string }).text));
    } finally {
      query.mockRestore();
    }
    expect(statements).toEqual([expect.stringMatching(/^SELECT session_id, .* FROM authenticate_session_profile\(\$1, \$2, \$3, \$4\)$/)]);
  });

  it('refuses the very next request once the session ends or the membership is disabled (nothing is cached)', async () => {
    const admin = await signUpOrganisation(env);
    const coordinator = await addMember(env, admin, Role.Coordinator);
    const second = await login(env, coordinator.email);
    await me(coordinator).expect(200);
    await me(second).expect(200);

    await env.http.post('/auth/logout').set(bearer(coordinator)).expect(204);
    expect((await me(coordinator).expect(401)).body).toMatchObject({ statusCode: 401, code: 'SESSION_INVALID' });
    await me(second).expect(200);

    await env.http.patch(`/members/${coordinator.userId}`).set(bearer(admin)).send({ status: 'disabled' }).expect(200);
    expect((await me(second).expect(401)).body).toMatchObject({ statusCode: 401, code: 'SESSION_INVALID' });
  });

  it('scopes the lookup to its own statement: afterwards the connection sees no organisation and no user', async () => {
    const { alpha } = await personInThreeOrganisations();
    const idleMinutes = parseConfig(process.env).SESSION_IDLE_MINUTES;
    const found = await asApp.query(`SELECT user_id, memberships FROM authenticate_session_profile($1, $2, $3, 60)`, [alpha.organisationId, hashToken(alpha.token), idleMinutes]);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0].user_id).toBe(alpha.userId);
    expect(found.rows[0].memberships).toHaveLength(2);

    const after = await asApp.query(`SELECT current_setting('app.organisation_id', true) AS organisation_id, current_setting('app.user_id', true) AS user_id`);
    expect(after.rows[0].organisation_id ?? '').toBe('');
    expect(after.rows[0].user_id ?? '').toBe('');
    expect((await asApp.query(`SELECT count(*)::int AS n FROM memberships`)).rows[0].n).toBe(0);
    expect((await asApp.query(`SELECT count(*)::int AS n FROM organisations`)).rows[0].n).toBe(0);
  });

  it('agrees with the plain session lookup on which sessions are live, and touches last_seen_at only when due', async () => {
    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    try {
      const admin = await signUpOrganisation(env);
      const idleMinutes = 30;
      const session = async (who: SignedIn, change: string) => {
        await owner.query(`UPDATE sessions SET ${change} WHERE organisation_id = $1 AND token_hash = $2`, [who.organisationId, hashToken(who.token)]);
        return who;
      };
      const lastSeen = async (who: SignedIn) => (await owner.query(`SELECT last_seen_at FROM sessions WHERE token_hash = $1`, [hashToken(who.token)])).rows[0].last_seen_at as Date;
      const cases: Array<[string, SignedIn, boolean]> = [
        ['live', await login(env, admin.email), true],
        ['idle for longer than the idle timeout', await session(await login(env, admin.email), `last_seen_at = now() - interval '31 minutes'`), false],
        ['past its absolute expiry', await session(await login(env, admin.email), `expires_at = now() - interval '1 second'`), false],
        ['revoked', await session(await login(env, admin.email), `revoked_at = now(), revoked_reason = 'logout'`), false],
      ];
      const disabled = await addMember(env, admin, Role.Trainer);
      await owner.query(`UPDATE memberships SET status = 'disabled' WHERE organisation_id = $1 AND user_id = $2`, [admin.organisationId, disabled.userId]);
      cases.push(['of a disabled member', disabled, false]);
      const idle = await session(await login(env, admin.email), `last_seen_at = now() - interval '29 minutes'`);
      cases.push(['idle, but within the idle timeout', idle, true]);

      const fields = 'session_id, user_id, second_factor_verified, role, totp_enabled, second_factor_required';
      for (const [what, who, live] of cases) {
        const args = [who.organisationId, hashToken(who.token), idleMinutes];
        const plain = (await asApp.query(`SELECT ${fields} FROM authenticate_session($1, $2, $3, 3600)`, args)).rows;
        const profile = (await asApp.query(`SELECT ${fields} FROM authenticate_session_profile($1, $2, $3, 3600)`, args)).rows;
        expect({ what, rows: profile }).toEqual({ what, rows: plain });
        expect({ what, live: profile.length === 1 }).toEqual({ what, live });
      }

      const before = await lastSeen(idle);
      await asApp.query(`SELECT 1 FROM authenticate_session_profile($1, $2, $3, 3600)`, [idle.organisationId, hashToken(idle.token), idleMinutes]);
      expect(await lastSeen(idle)).toEqual(before);
      await asApp.query(`SELECT 1 FROM authenticate_session_profile($1, $2, $3, 60)`, [idle.organisationId, hashToken(idle.token), idleMinutes]);
      expect((await lastSeen(idle)).getTime()).toBeGreaterThan(before.getTime() + 28 * 60_000);
    } finally {
      await owner.end();
    }
  });

  it('finds nothing for a wrong token, and nothing for a right token presented under another organisation', async () => {
    const own = await signUpOrganisation(env);
    const other = await signUpOrganisation(env);
    const idleMinutes = parseConfig(process.env).SESSION_IDLE_MINUTES;
    const lookUp = (organisationId: string, token: string) => asApp.query(`SELECT * FROM authenticate_session_profile($1, $2, $3, 60)`, [organisationId, hashToken(token), idleMinutes]);
    expect((await lookUp(own.organisationId, `${own.organisationId}.${'x'.repeat(43)}`)).rows).toEqual([]);
    expect((await lookUp(other.organisationId, own.token)).rows).toEqual([]);
  });
});
