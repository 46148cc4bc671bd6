import { bearer, PASSWORD, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

describe('account lifecycle: sign-up, invite by email, accept, login, use, logout', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true });
  });
  afterAll(() => env.close());

  it('walks a coordinator from invitation email to a working session and back out', async () => {
    const admin = await signUpOrganisation(env, { organisationName: 'Islington Wellbeing Network' });
    expect((await env.http.get('/auth/me').set(bearer(admin)).expect(200)).body).toMatchObject({ role: 'admin', organisation: { name: 'Islington Wellbeing Network', timeZone: 'Europe/London' } });

    const invite = await env.http.post('/invitations').set(bearer(admin)).send({ email: 'Coordinator@Example.org', role: 'coordinator' }).expect(201);
    expect(invite.body).toMatchObject({ email: 'coordinator@example.org', role: 'coordinator', status: 'pending' });
    expect(invite.body.tokenHash).toBeUndefined();

    // The worker sends the invitation through the real queue to a real SMTP server.
    const [mail] = await env.smtp!.waitFor('coordinator@example.org');
    expect(mail.subject).toBe("You're invited to join Islington Wellbeing Network on Steppingstone");
    expect(mail.text).toContain('as a coordinator');
    const token = /token=([^\s&]+)/.exec(mail.text ?? '')![1];

    const accepted = await env.http
      .post('/invitations/accept')
      .send({ token: decodeURIComponent(token), name: 'Chloe Coordinator', password: PASSWORD })
      .expect(201);
    expect(accepted.body).toMatchObject({ email: 'coordinator@example.org', role: 'coordinator', organisationName: 'Islington Wellbeing Network' });
    // Single use.
    const again = await env.http
      .post('/invitations/accept')
      .send({ token: decodeURIComponent(token), name: 'Chloe Coordinator', password: PASSWORD })
      .expect(410);
    expect(again.body).toMatchObject({ code: 'INVITATION_USED', statusCode: 410 });

    const login = await env.http.post('/auth/login').send({ email: 'coordinator@example.org', password: PASSWORD }).expect(200);
    const cookie = login.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^steppingstone_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);

    // The bearer token and the cookie both work.
    const coordinator = { token: login.body.token as string };
    expect((await env.http.get('/auth/me').set(bearer(coordinator)).expect(200)).body).toMatchObject({ role: 'coordinator', user: { name: 'Chloe Coordinator' } });
    await env.http.get('/auth/me').set('Cookie', cookie.split(';')[0]).expect(200);

    await env.http.post('/auth/logout').set(bearer(coordinator)).expect(204);
    const refused = await env.http.get('/auth/me').set(bearer(coordinator)).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, code: 'SESSION_INVALID' });
    await env.http.get('/auth/me').set('Cookie', cookie.split(';')[0]).expect(401);

    const audit = await env.http.get('/audit-log').query({ pageSize: 100 }).set(bearer(admin)).expect(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organisation.created', 'invitation.created', 'invitation.accepted', 'auth.login', 'auth.logout']));
  });
});
