import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName, Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

/** The queue admin view is for platform operators; /ready shows every queue's counts to anyone. */
describe('queue admin view and per-queue counts', () => {
  const operatorEmail = `operator-${Date.now().toString(36)}@steppingstone.example`;
  let env: TestEnvironment;
  let operator: SignedIn;
  let otherAdmin: SignedIn;
  let coordinator: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { OPERATOR_EMAILS: `someone@example.org, ${operatorEmail.toUpperCase()}` } });
    operator = await signUpOrganisation(env, { email: operatorEmail, organisationName: 'Platform operations' });
    otherAdmin = await signUpOrganisation(env, { organisationName: 'Wigan Volunteer Bureau' });
    coordinator = await addMember(env, operator, Role.Coordinator);
  });
  afterAll(() => env.close());

  it('answers 401 in the usual error shape without a session, and with a session that is not live', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const anonymous = await env.http.get(path).expect(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'SESSION_INVALID', message: expect.stringContaining('Sign in') });
      await env.http
        .get(path)
        .set({ Authorization: `Bearer ${operator.organisationId}.${'x'.repeat(43)}` })
        .expect(401);
    }
  });

  it('answers 403 to an organisation admin who is not an operator, and to an operator’s coordinator', async () => {
    const notOperator = await env.http.get('/admin/queues/api/queues').set(bearer(otherAdmin)).expect(403);
    expect(notOperator.body).toMatchObject({ statusCode: 403, message: expect.stringContaining('OPERATOR_EMAILS') });
    await env.http.get('/admin/queues').set(bearer(otherAdmin)).expect(403);
    await env.http.get('/admin/queues/api/queues').set(bearer(coordinator)).expect(403);
  });

  it('shows the operator the board page (by cookie, as a browser would) and every queue through its API', async () => {
    const page = await env.http.get('/admin/queues').set('Cookie', `steppingstone_session=${operator.token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Steppingstone queues');
    expect(page.text).toContain('<base href="/admin/queues/" />');
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    await env.http.get(`/admin/queues/${script}`).set('Cookie', `steppingstone_session=${operator.token}`).expect(200);
    await env.http.get(`/admin/queues/${script}`).expect(401);

    const maintenance = env.api.get<Queue>(getQueueToken(QueueName.Maintenance));
    await maintenance.add('purge-expired-sessions', {}, { jobId: 'queue-admin-test-purge' });
    const api = await env.http.get('/admin/queues/api/queues').set(bearer(operator)).expect(200);
    const queues = api.body.queues as Array<{ name: string; counts: Record<string, number> }>;
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(queues.find((q) => q.name === QueueName.Maintenance)?.counts.waiting).toBe(1);
  });

  it('shows waiting, active, delayed and failed per queue on /ready, which counts never make fail', async () => {
    const maintenance = env.api.get<Queue>(getQueueToken(QueueName.Maintenance));
    await maintenance.add('reconcile-invitation-emails', {}, { jobId: 'queue-admin-test-delayed', delay: 60 * 60_000 });
    const ready = await env.http.get('/ready').expect(200);
    expect(Object.keys(ready.body.queues).sort()).toEqual(Object.values(QueueName).sort());
    for (const counts of Object.values(ready.body.queues)) expect(counts).toEqual({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    expect(ready.body.queues[QueueName.Maintenance]).toMatchObject({ waiting: 1, delayed: 1 });
    expect(ready.body.status).toBe('ok');
  });
});
