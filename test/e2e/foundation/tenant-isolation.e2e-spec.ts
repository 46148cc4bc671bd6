import { randomUUID } from 'node:crypto';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

/** One organisation's worth of same-shaped data. */
interface Tenant {
  name: string;
  admin: SignedIn;
  coordinator: SignedIn;
  trainer: SignedIn;
  invitationId: string;
  invitationEmail: string;
}

type Target = 'admin' | 'coordinator' | 'trainer' | 'invitation';
type Method = 'get' | 'patch' | 'delete';

/** Every endpoint that takes an id, aimed at each kind of row the other organisation has. */
const BY_ID: Array<{ method: Method; path: string; target: Target; body?: object }> = [
  { method: 'get', path: '/members/:id', target: 'admin' },
  { method: 'get', path: '/members/:id', target: 'coordinator' },
  { method: 'get', path: '/members/:id', target: 'trainer' },
  { method: 'patch', path: '/members/:id', target: 'admin', body: { role: Role.Trainer } },
  { method: 'patch', path: '/members/:id', target: 'coordinator', body: { role: Role.Admin } },
  { method: 'patch', path: '/members/:id', target: 'trainer', body: { status: 'disabled' } },
  { method: 'delete', path: '/members/:id', target: 'admin' },
  { method: 'delete', path: '/members/:id', target: 'coordinator' },
  { method: 'delete', path: '/members/:id', target: 'trainer' },
  { method: 'get', path: '/invitations/:id', target: 'invitation' },
  { method: 'delete', path: '/invitations/:id', target: 'invitation' },
];

describe('tenant isolation: one organisation can neither see nor change another’s rows', () => {
  let env: TestEnvironment;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    a = await seedTenant(env, 'Hackney Peer Network');
    b = await seedTenant(env, 'Camden Peer Network');
  });
  afterAll(() => env.close());

  const idOf = (tenant: Tenant, target: Target) => (target === 'invitation' ? tenant.invitationId : tenant[target].userId);
  const send = (method: Method, path: string, caller: { token: string }, body?: object) => {
    const req = env.http[method](path).set(bearer(caller));
    return body ? req.send(body) : req;
  };

  describe.each([
    ['A', 'B'],
    ['B', 'A'],
  ])("organisation %s's admin aimed at organisation %s's ids", (from, to) => {
    const caller = () => (from === 'A' ? a : b);
    const owner = () => (to === 'A' ? a : b);

    it.each(BY_ID)('$method $path with their $target → 404, and the row is unchanged', async ({ method, path, target, body }) => {
      const victim = owner();
      const response = await send(method, path.replace(':id', idOf(victim, target)), caller().admin, body);
      expectStandardNotFound(response.body, response.status);
      // Indistinguishable from an id that exists nowhere: the answer confirms nothing.
      const nowhere = await send(method, path.replace(':id', randomUUID()), caller().admin, body);
      expect(response.body).toEqual(nowhere.body);
      expect(JSON.stringify(response.body)).not.toContain(victim.name);
      expect(JSON.stringify(response.body)).not.toMatch(/@example\.org/);
      await expectUnchanged(victim);
    });
  });

  it('a coordinator aimed at another organisation’s member also gets 404', async () => {
    const response = await env.http.get(`/members/${b.trainer.userId}`).set(bearer(a.coordinator));
    expectStandardNotFound(response.body, response.status);
  });

  it('lists show only the caller’s own rows', async () => {
    for (const [own, other] of [
      [a, b],
      [b, a],
    ]) {
      const members = await env.http.get('/members').query({ pageSize: 200 }).set(bearer(own.admin)).expect(200);
      expect(members.body.total).toBe(3);
      expect(ids(members.body.items, 'userId').sort()).toEqual(userIds(own).sort());

      const invitations = await env.http.get('/invitations').query({ pageSize: 200 }).set(bearer(own.admin)).expect(200);
      expect(invitations.body.items.length).toBe(invitations.body.total);
      expect(new Set(ids(invitations.body.items, 'organisationId'))).toEqual(new Set([own.admin.organisationId]));
      expect(ids(invitations.body.items, 'id')).toContain(own.invitationId);
      expect(ids(invitations.body.items, 'id')).not.toContain(other.invitationId);

      const audit = await env.http.get('/audit-log').query({ pageSize: 200 }).set(bearer(own.admin)).expect(200);
      expect(audit.body.items.length).toBeGreaterThan(0);
      for (const entry of audit.body.items) {
        expect(entry.organisationId).toBe(own.admin.organisationId);
        expect(userIds(other)).not.toContain(entry.actorUserId);
        expect([other.invitationId, other.admin.organisationId, ...userIds(other)]).not.toContain(entry.entityId);
      }
      // Filtering by the other organisation's ids finds nothing rather than their entries.
      for (const query of [{ actorUserId: other.admin.userId }, { entityId: other.invitationId }, { entityId: other.admin.organisationId }]) {
        const filtered = await env.http.get('/audit-log').query(query).set(bearer(own.admin)).expect(200);
        expect(filtered.body).toMatchObject({ items: [], total: 0 });
      }
    }
  });

  it('an organisationId in a query string is refused, not honoured', async () => {
    for (const path of ['/members', '/invitations', '/audit-log']) {
      const response = await env.http.get(path).query({ organisationId: b.admin.organisationId }).set(bearer(a.admin)).expect(400);
      expectStandardError(response.body, 400);
      expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'organisationId' })]));
    }
  });

  it('an organisationId in a request body is refused, not honoured', async () => {
    const invitationsBefore = await invitationCount(b);
    const invite = await env.http.post('/invitations').set(bearer(a.admin)).send({ email: 'smuggled@example.org', role: Role.Trainer, organisationId: b.admin.organisationId }).expect(400);
    expectStandardError(invite.body, 400);
    expect(invite.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'organisationId' })]));
    expect(await invitationCount(b)).toBe(invitationsBefore);

    const bName = (await env.http.get('/organisation').set(bearer(b.admin)).expect(200)).body.name;
    const smuggled = await env.http.patch('/organisation').set(bearer(a.admin)).send({ name: 'Taken over', organisationId: b.admin.organisationId }).expect(400);
    expect(smuggled.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'organisationId' })]));
    expect((await env.http.get('/organisation').set(bearer(a.admin)).expect(200)).body.name).toBe(a.name);

    // A plain PATCH changes the caller's organisation and only that one.
    const renamed = await env.http
      .patch('/organisation')
      .set(bearer(a.admin))
      .send({ name: `${a.name} (renamed)` })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: a.admin.organisationId, name: `${a.name} (renamed)` });
    expect((await env.http.get('/organisation').set(bearer(b.admin)).expect(200)).body).toMatchObject({ id: b.admin.organisationId, name: bName });
    await env.http.patch('/organisation').set(bearer(a.admin)).send({ name: a.name }).expect(200);
  });

  it('a session token whose organisation part is swapped for the other organisation is refused with 401', async () => {
    for (const [own, other] of [
      [a, b],
      [b, a],
    ]) {
      const [organisationId, secret] = own.admin.token.split('.');
      expect(organisationId).toBe(own.admin.organisationId);
      const swapped = `${other.admin.organisationId}.${secret}`;
      for (const path of ['/auth/me', '/members', `/members/${other.trainer.userId}`, '/organisation']) {
        const viaBearer = await env.http
          .get(path)
          .set(bearer({ token: swapped }))
          .expect(401);
        expect(viaBearer.body).toMatchObject({ statusCode: 401, code: 'SESSION_INVALID' });
        expectStandardError(viaBearer.body, 401);
        await env.http.get(path).set('Cookie', `steppingstone_session=${swapped}`).expect(401);
      }
      // The genuine token still works and still names its own organisation.
      const me = await env.http.get('/auth/me').set(bearer(own.admin)).expect(200);
      expect(JSON.stringify(me.body)).toContain(own.admin.organisationId);
      expect(JSON.stringify(me.body)).not.toContain(other.admin.organisationId);
    }
  });

  /** Checked through the owning organisation's own API: every member still there as they were, the invitation still pending. */
  async function expectUnchanged(tenant: Tenant): Promise<void> {
    const members = await env.http.get('/members').query({ pageSize: 200 }).set(bearer(tenant.admin)).expect(200);
    const byId = Object.fromEntries(members.body.items.map((m: { userId: string; role: string; status: string }) => [m.userId, { role: m.role, status: m.status }]));
    expect(byId).toEqual({
      [tenant.admin.userId]: { role: Role.Admin, status: 'active' },
      [tenant.coordinator.userId]: { role: Role.Coordinator, status: 'active' },
      [tenant.trainer.userId]: { role: Role.Trainer, status: 'active' },
    });
    const invitation = await env.http.get(`/invitations/${tenant.invitationId}`).set(bearer(tenant.admin)).expect(200);
    expect(invitation.body).toMatchObject({ id: tenant.invitationId, email: tenant.invitationEmail, status: 'pending', revokedAt: null });
    // Disabling or removing someone would have ended their sessions.
    await env.http.get('/auth/me').set(bearer(tenant.trainer)).expect(200);
    await env.http.get('/auth/me').set(bearer(tenant.coordinator)).expect(200);
  }

  async function invitationCount(tenant: Tenant): Promise<number> {
    return (await env.http.get('/invitations').set(bearer(tenant.admin)).expect(200)).body.total;
  }
});

async function seedTenant(env: TestEnvironment, name: string): Promise<Tenant> {
  const admin = await signUpOrganisation(env, { organisationName: name });
  const coordinator = await addMember(env, admin, Role.Coordinator);
  const trainer = await addMember(env, admin, Role.Trainer);
  const invitationEmail = `pending-${randomUUID().slice(0, 8)}@example.org`;
  const invitation = await env.http.post('/invitations').set(bearer(admin)).send({ email: invitationEmail, role: Role.Mentor }).expect(201);
  return { name, admin, coordinator, trainer, invitationId: invitation.body.id, invitationEmail };
}

const userIds = (tenant: Tenant) => [tenant.admin.userId, tenant.coordinator.userId, tenant.trainer.userId];
const ids = (items: Array<Record<string, string>>, key: string) => items.map((item) => item[key]);

function expectStandardError(body: Record<string, unknown>, statusCode: number): void {
  expect(body).toMatchObject({ statusCode, error: expect.any(String), message: expect.any(String), details: expect.any(Array) });
}

/** 404 in the one error shape: never 403 (which would confirm the row exists) and never the row itself. */
function expectStandardNotFound(body: Record<string, unknown>, status: number): void {
  expect(status).toBe(404);
  expectStandardError(body, 404);
  expect(body.error).toBe('Not Found');
  for (const leaked of ['userId', 'email', 'role', 'organisationId', 'id', 'status']) expect(body).not.toHaveProperty(leaked);
}
