import { authenticator } from 'otplib';
import { Role } from '@steppingstone/core';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

/** A six-digit code the authenticator would not accept now (nor in the neighbouring time steps). */
function wrongCode(secret: string): string {
  for (let n = Number(authenticator.generate(secret)) + 1; ; n++) {
    const candidate = String(n % 1_000_000).padStart(6, '0');
    if (!authenticator.check(candidate, secret)) return candidate;
  }
}

describe('second factor: TOTP set-up, sign-in with codes and recovery codes, organisation requirement', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    // Throttling has its own file; here the limit is raised so repeated sign-ins are not what is tested.
    env = await TestEnvironment.start({ env: { LOGIN_RATE_LIMIT: '50' } });
  });
  afterAll(() => env.close());

  const signIn = (who: SignedIn, extra: { totpCode?: string; recoveryCode?: string } = {}) =>
    env.http.post('/auth/login').send({ email: who.email, password: PASSWORD, organisationId: who.organisationId, ...extra });
  const me = (who: { token: string }) => env.http.get('/auth/me').set(bearer(who));

  async function startSetup(who: SignedIn): Promise<string> {
    const setup = await env.http.post('/auth/second-factor/setup').set(bearer(who)).expect(201);
    expect(Object.keys(setup.body).sort()).toEqual(['otpauthUrl', 'secret']);
    const url = new URL(setup.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe(`/Steppingstone:${who.email}`);
    expect(url.searchParams.get('secret')).toBe(setup.body.secret);
    expect(url.searchParams.get('issuer')).toBe('Steppingstone');
    return setup.body.secret;
  }

  /** Set-up and confirmation through the api; returns the secret and the recovery codes. */
  async function turnOn(who: SignedIn): Promise<{ secret: string; recoveryCodes: string[] }> {
    const secret = await startSetup(who);
    const confirmed = await env.http
      .post('/auth/second-factor/confirm')
      .set(bearer(who))
      .send({ code: authenticator.generate(secret) })
      .expect(200);
    return { secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  it('sets up with a first code and returns ten single-use recovery codes', async () => {
    const admin = await signUpOrganisation(env);
    await env.http.post('/auth/second-factor/confirm').set(bearer(admin)).send({ code: '123456' }).expect(409); // not started
    const secret = await startSetup(admin);

    const wrong = await env.http
      .post('/auth/second-factor/confirm')
      .set(bearer(admin))
      .send({ code: wrongCode(secret) })
      .expect(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'SECOND_FACTOR_INVALID' });
    expect((await me(admin).expect(200)).body.user.secondFactorEnabled).toBe(false);

    const confirmed = await env.http
      .post('/auth/second-factor/confirm')
      .set(bearer(admin))
      .send({ code: authenticator.generate(secret) })
      .expect(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{10}$/);
    expect((await me(admin).expect(200)).body.user.secondFactorEnabled).toBe(true);

    // Once on, it cannot be set up again over the top.
    expect((await env.http.post('/auth/second-factor/setup').set(bearer(admin)).expect(409)).body.code).toBe('SECOND_FACTOR_ALREADY_ENABLED');
  });

  it('asks for the code at sign-in, refuses a wrong one, and accepts the right one', async () => {
    const admin = await signUpOrganisation(env);
    const { secret } = await turnOn(admin);

    const missing = await signIn(admin).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'SECOND_FACTOR_REQUIRED' });
    expect(missing.body.token).toBeUndefined();
    const wrong = await signIn(admin, { totpCode: wrongCode(secret) }).expect(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'SECOND_FACTOR_INVALID' });
    expect(wrong.body.token).toBeUndefined();

    const right = await signIn(admin, { totpCode: authenticator.generate(secret) }).expect(200);
    await me({ token: right.body.token }).expect(200);

    const audit = await env.http
      .get('/audit-log')
      .query({ action: 'auth.login.refused' })
      .set(bearer({ token: right.body.token }))
      .expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ actorUserId: admin.userId, details: { reason: 'wrong-second-factor' } })]);
  });

  it('accepts each recovery code once only', async () => {
    const admin = await signUpOrganisation(env);
    const { recoveryCodes } = await turnOn(admin);
    const [first, second] = recoveryCodes;

    const used = await signIn(admin, { recoveryCode: first.toUpperCase() }).expect(200);
    await me({ token: used.body.token }).expect(200);
    expect((await signIn(admin, { recoveryCode: first }).expect(401)).body.code).toBe('SECOND_FACTOR_INVALID');
    await signIn(admin, { recoveryCode: second }).expect(200); // the others still work
    expect((await signIn(admin, { recoveryCode: 'notacode00' }).expect(401)).body.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('accepts a recovery code once even when it is sent several times at once', async () => {
    const admin = await signUpOrganisation(env);
    const { recoveryCodes } = await turnOn(admin);
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => signIn(admin, { recoveryCode: recoveryCodes[0] })))).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('lets someone turn it off where it is not required, with a valid code', async () => {
    const admin = await signUpOrganisation(env);
    const { secret } = await turnOn(admin);
    const session = { token: (await signIn(admin, { totpCode: authenticator.generate(secret) }).expect(200)).body.token };

    expect(
      (
        await env.http
          .post('/auth/second-factor/disable')
          .set(bearer(session))
          .send({ totpCode: wrongCode(secret) })
          .expect(401)
      ).body.code,
    ).toBe('SECOND_FACTOR_INVALID');
    await env.http
      .post('/auth/second-factor/disable')
      .set(bearer(session))
      .send({ totpCode: authenticator.generate(secret) })
      .expect(204);
    expect((await me(session).expect(200)).body.user.secondFactorEnabled).toBe(false);
    await signIn(admin).expect(200);
  });

  describe('an organisation that requires it for admins', () => {
    let admin: SignedIn;
    let coordinator: SignedIn;
    let secret: string;
    beforeAll(async () => {
      admin = await signUpOrganisation(env);
      coordinator = await addMember(env, admin, Role.Coordinator);
      const updated = await env.http
        .patch('/organisation')
        .set(bearer(admin))
        .send({ secondFactorRequiredRoles: ['admin'] })
        .expect(200);
      expect(updated.body.secondFactorRequiredRoles).toEqual(['admin']);
    });

    it('refuses an admin without TOTP until they set it up, and leaves other roles alone', async () => {
      const refused = await env.http.get('/members').set(bearer(admin)).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'SECOND_FACTOR_SETUP_REQUIRED' });
      await env.http.patch('/organisation').set(bearer(admin)).send({ secondFactorRequiredRoles: [] }).expect(403);
      await me(admin).expect(200); // exempt: they can still see who they are, set up, and log out
      await env.http.get('/members').set(bearer(coordinator)).expect(200);

      const earlierSession = { ...admin, token: (await signIn(admin).expect(200)).body.token };
      ({ secret } = await turnOn(admin));
      await env.http.get('/members').set(bearer(admin)).expect(200); // the session that confirmed counts as verified

      // A session opened without the code is still refused until the person signs in again with it.
      const stale = await env.http.get('/members').set(bearer(earlierSession)).expect(403);
      expect(stale.body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
      const fresh = await signIn(admin, { totpCode: authenticator.generate(secret) }).expect(200);
      await env.http
        .get('/members')
        .set(bearer({ token: fresh.body.token }))
        .expect(200);
    });

    it('refuses to turn TOTP off for an admin (403), even with a valid code', async () => {
      expect(secret).toBeDefined(); // set up in the test above
      const refused = await env.http
        .post('/auth/second-factor/disable')
        .set(bearer(admin))
        .send({ totpCode: authenticator.generate(secret) })
        .expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'SECOND_FACTOR_REQUIRED_BY_ORGANISATION' });
      expect((await me(admin).expect(200)).body.user.secondFactorEnabled).toBe(true);
      expect((await signIn(admin).expect(401)).body.code).toBe('SECOND_FACTOR_REQUIRED');
    });
  });
});
