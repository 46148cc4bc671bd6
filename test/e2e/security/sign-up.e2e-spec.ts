import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { authenticator } from 'otplib';
import { Client } from 'pg';
import { parseConfig, Role } from '@steppingstone/core';
import { signUpToken } from '@steppingstone/organisations';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

const LIMIT = 3;

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
}

/** The token of the link in a sign-up email. */
function tokenIn(text: string | undefined): string {
  const match = /\/verify-sign-up\?token=(\S+)/.exec(text ?? '');
  if (!match) throw new Error(`no sign-up link in: ${text}`);
  return decodeURIComponent(match[1]);
}

describe('sign-up: only a new address, only through the emailed link', () => {
  let env: TestEnvironment;
  let db: Client;
  let n = 0;
  const freshEmail = () => `founder-${Date.now().toString(36)}-${++n}@example.org`;
  const form = (email: string, overrides: Record<string, unknown> = {}) => ({
    organisationName: 'Haringey Peer Network',
    boroughCode: 'E09000014',
    name: 'Femi Founder',
    email,
    password: PASSWORD,
    ...overrides,
  });
  const signUp = (body: Record<string, unknown>) => env.http.post('/auth/sign-up').send(body);
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true, env: { LOGIN_RATE_LIMIT: String(LIMIT), LOGIN_RATE_WINDOW_SECONDS: '600' } });
    db = new Client({ connectionString: env.databaseUrl }); // the owner: row-level security hides nothing
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('answers a new address 202 with no session, emails it a link, and the link creates the organisation and signs its admin in, once', async () => {
    const email = freshEmail();
    const accepted = await signUp(form(email)).expect(202);
    expect(accepted.body).toEqual({ message: `Check your email: we have sent ${email} a link to finish signing up. It works once, for 24 hours.` });
    expect(accepted.headers['set-cookie']).toBeUndefined();
    // Nothing exists yet: not the account, not the organisation.
    expect((await env.http.post('/auth/login').send({ email, password: PASSWORD }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    expect(await db.query(`SELECT 1 FROM users WHERE email = $1`, [email])).toMatchObject({ rowCount: 0 });

    const [mail] = await env.smtp!.waitFor(email);
    expect(mail.subject).toBe('Confirm your email address to finish signing up to Steppingstone');
    expect(mail.text).toContain('Someone, we hope you, asked to create Haringey Peer Network on Steppingstone with this email address.');
    expect(mail.text).toContain('http://localhost:3000/verify-sign-up?token=');
    const token = tokenIn(mail.text);

    const verified = await env.http.post('/auth/sign-up/verify').send({ token }).expect(201);
    expect(verified.body).toMatchObject({ role: 'admin', organisation: { name: 'Haringey Peer Network', boroughCode: 'E09000014' }, token: expect.any(String) });
    expect(verified.headers['set-cookie'][0]).toMatch(/^steppingstone_session=.+; Path=\/; Expires=.+; HttpOnly; Secure; SameSite=Strict$/);
    const me = await env.http.get('/auth/me').set(bearer(verified.body)).expect(200);
    expect(me.body).toMatchObject({ user: { email, name: 'Femi Founder', secondFactorEnabled: false }, role: 'admin', organisation: { name: 'Haringey Peer Network' } });

    const again = await env.http.post('/auth/sign-up/verify').send({ token }).expect(404);
    expect(again.body).toMatchObject({ code: 'SIGN_UP_LINK_INVALID', message: 'This sign-up link is not valid, or it has been used or has expired: sign up again' });
    expect(await count('organisations')).toBe(1);
    await env.http.post('/auth/login').send({ email, password: PASSWORD }).expect(200);
  });

  describe('an address that has an account (with its own second factor on)', () => {
    let owner: SignedIn;
    beforeAll(async () => {
      owner = await signUpOrganisation(env, { organisationName: 'Owner Organisation' });
      const setup = await env.http.post('/auth/second-factor/setup').set(bearer(owner)).expect(201);
      await env.http
        .post('/auth/second-factor/confirm')
        .set(bearer(owner))
        .send({ code: authenticator.generate(setup.body.secret) })
        .expect(200);
    });

    it('answers its right password, a wrong one and an unknown address alike: 202, the same words, no session, nothing created', async () => {
      const organisationsBefore = await count('organisations');
      const sessionsBefore = await count('sessions');
      const unknown = freshEmail();
      const answers = [
        await signUp(form(owner.email, { organisationName: 'Annexed Organisation' })),
        await signUp(form(owner.email.toUpperCase(), { password: 'a wrong but long password' })),
        await signUp(form(unknown)),
      ];
      for (const [i, answer] of answers.entries()) {
        const email = [owner.email, owner.email.toUpperCase(), unknown][i];
        expect({ status: answer.status, body: answer.body, cookie: answer.headers['set-cookie'] }).toEqual({
          status: 202,
          body: { message: `Check your email: we have sent ${email} a link to finish signing up. It works once, for 24 hours.` },
          cookie: undefined,
        });
      }
      expect(Object.keys(answers[0].headers).sort()).toEqual(Object.keys(answers[2].headers).sort());

      // The account is still in exactly one organisation, with no new session.
      const me = await env.http.get('/auth/me').set(bearer(owner)).expect(200);
      expect(me.body.memberships).toHaveLength(1);
      await env.smtp!.waitFor(unknown);
      expect(await count('sessions')).toBe(sessionsBefore);
      expect(await count('organisations')).toBe(organisationsBefore);
    });

    it('emails the account that someone tried, with no link that finishes a sign-up and none of the words the person who tried chose', async () => {
      const mails = await env.smtp!.waitFor(owner.email, 2);
      for (const mail of mails) {
        expect(mail.subject).toBe('Someone tried to sign up to Steppingstone with your email address');
        expect(mail.text).toContain('Nothing was created and your account has not changed.');
        expect(mail.text).toContain('http://localhost:3000/sign-in');
        expect(mail.text).not.toContain('verify-sign-up');
        expect(mail.text).not.toContain('Annexed Organisation');
      }
    });

    it('cannot be entered through the verify endpoint either: a token for a request by its address is refused once the address has an account', async () => {
      const [{ id }] = (await db.query(`SELECT id FROM sign_up_requests WHERE lower(email) = lower($1) ORDER BY created_at LIMIT 1`, [owner.email])).rows;
      const refused = await env.http
        .post('/auth/sign-up/verify')
        .send({ token: signUpToken(parseConfig(process.env).APP_SECRET, id) })
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'ACCOUNT_EXISTS' });
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect((await env.http.get('/auth/me').set(bearer(owner)).expect(200)).body.memberships).toHaveLength(1);
      expect(await db.query(`SELECT 1 FROM organisations WHERE name = 'Annexed Organisation'`)).toMatchObject({ rowCount: 0 });
    });
  });

  it('refuses a made-up, altered or other-secret token with 404, and creates nothing', async () => {
    const [{ id }] = (await db.query(`SELECT id FROM sign_up_requests ORDER BY created_at DESC LIMIT 1`)).rows;
    const real = signUpToken(parseConfig(process.env).APP_SECRET, id);
    const before = await count('organisations');
    for (const token of [`${id}.${real.split('.')[1].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, signUpToken('another secret of at least thirty-two characters', id), id, 'nonsense']) {
      expect((await env.http.post('/auth/sign-up/verify').send({ token }).expect(404)).body.code).toBe('SIGN_UP_LINK_INVALID');
    }
    expect(await count('organisations')).toBe(before);
  });

  it('refuses a link whose address got an account in the meantime (through an invitation), and uses the request up', async () => {
    const admin = await signUpOrganisation(env);
    const email = freshEmail();
    await signUp(form(email)).expect(202);
    const [mail] = await env.smtp!.waitFor(email);
    await addMember(env, admin, Role.Trainer, email);
    const token = tokenIn(mail.text);
    expect((await env.http.post('/auth/sign-up/verify').send({ token }).expect(409)).body.code).toBe('ACCOUNT_EXISTS');
    expect((await env.http.post('/auth/sign-up/verify').send({ token }).expect(404)).body.code).toBe('SIGN_UP_LINK_INVALID');
  });

  it('refuses a link after its 24 hours, and creates nothing', async () => {
    const email = freshEmail();
    await signUp(form(email)).expect(202);
    const [mail] = await env.smtp!.waitFor(email);
    const [{ hours }] = (await db.query(`SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM sign_up_requests WHERE email = $1`, [email])).rows;
    expect(hours).toBe(24);
    await db.query(`UPDATE sign_up_requests SET expires_at = now() - interval '1 second' WHERE email = $1`, [email]);
    expect(
      (
        await env.http
          .post('/auth/sign-up/verify')
          .send({ token: tokenIn(mail.text) })
          .expect(404)
      ).body.code,
    ).toBe('SIGN_UP_LINK_INVALID');
    expect(await db.query(`SELECT 1 FROM users WHERE email = $1`, [email])).toMatchObject({ rowCount: 0 });
  });

  it(`limits sign-ups for one email to ${LIMIT} per window with 429, whatever the password`, async () => {
    const email = freshEmail();
    for (let i = 0; i < LIMIT; i++) await signUp(form(email, { password: `guess number ${i} is long enough` })).expect(202);
    const limited = await signUp(form(email)).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/^Too many sign-up attempts; try again in \d+ seconds$/) });
    const audited = await db.query(`SELECT details FROM audit_log WHERE action = 'auth.sign-up.refused' AND details->>'email' = $1`, [email]);
    expect(audited.rows).toEqual([{ details: { reason: 'rate-limited', email, retryAfterSeconds: expect.any(Number) } }]);
  });

  it('refuses a weak password for any address, before anything is stored', async () => {
    const before = await count('sign_up_requests');
    const refused = await signUp(form(freshEmail(), { password: 'short' })).expect(400);
    expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password', rule: 'minLength' })]));
    expect(await count('sign_up_requests')).toBe(before);
  });

  it('gives the app role no way to read the stored requests, which hold password hashes', async () => {
    const app = new Client({ connectionString: parseConfig(process.env).DATABASE_APP_URL });
    await app.connect();
    try {
      await expect(app.query(`SELECT * FROM sign_up_requests`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });

  it('sends again the email of a request whose job was lost, once', async () => {
    const email = freshEmail();
    const emailQueue = env.worker!.get<Queue>(getQueueToken('email'));
    await emailQueue.pause();
    await signUp(form(email)).expect(202);
    const [{ id }] = (await db.query(`SELECT id FROM sign_up_requests WHERE email = $1`, [email])).rows;
    await (await emailQueue.getJob(`sign-up-${id}`))!.remove();
    await emailQueue.resume();
    await db.query(`UPDATE sign_up_requests SET created_at = now() - interval '2 minutes' WHERE id = $1`, [id]);

    const maintenance = env.worker!.get<Queue>(getQueueToken('maintenance'));
    const job = await maintenance.add('reconcile-invitation-emails', {});
    expect(
      await until(
        () => job.getState(),
        (s) => s === 'completed' || s === 'failed',
        'the reconcile job did not finish',
      ),
    ).toBe('completed');
    const [mail] = await env.smtp!.waitFor(email);
    expect(mail.subject).toBe('Confirm your email address to finish signing up to Steppingstone');
    expect(
      await until(
        () => db.query(`SELECT email_sent_at FROM sign_up_requests WHERE id = $1`, [id]),
        (r) => r.rows[0]?.email_sent_at !== null,
        'the request marked sent',
      ),
    ).toBeDefined();
    const again = await maintenance.add('reconcile-invitation-emails', {});
    expect(
      await until(
        () => again.getState(),
        (s) => s === 'completed' || s === 'failed',
        'the second reconcile did not finish',
      ),
    ).toBe('completed');
    await env.http
      .post('/auth/sign-up/verify')
      .send({ token: tokenIn(mail.text) })
      .expect(201);
    expect(env.smtp!.to(email)).toHaveLength(1);
  });
});
