import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appUrlFromOwnerUrl, Role } from '@steppingstone/core';
import { addMember, bearer, login, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

interface Account {
  id: string;
  name: string;
  email: string;
  password_hash: string;
}

/**
 * Accounts are platform-wide, so `users` has no organisation_id; row-level security still shows the
 * app role only the accounts of members of the organisation a transaction is scoped to. These
 * queries are the ones a careless code path could make: raw SQL as the app role, with no filter.
 */
describe('users: the accounts table behind row-level security', () => {
  let env: TestEnvironment;
  let owner: Client;
  let app: Client;
  let adminA: SignedIn;
  let trainerA: SignedIn;
  let adminB: SignedIn;
  let coordinatorB: SignedIn;
  /** A member of both organisations: B's coordinator, invited into A with their existing account. */
  let shared: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    adminA = await signUpOrganisation(env, { organisationName: 'Lambeth Peer Network', name: 'Lambeth Admin' });
    trainerA = await addMember(env, adminA, Role.Trainer);
    adminB = await signUpOrganisation(env, { organisationName: 'Southwark Peer Network', name: 'Southwark Admin' });
    coordinatorB = await addMember(env, adminB, Role.Coordinator);
    shared = await addMember(env, adminA, Role.Mentor, coordinatorB.email);
    owner = await connect(env.databaseUrl);
    app = await connect(appUrlFromOwnerUrl(env.databaseUrl));
  });
  afterAll(async () => {
    await Promise.all([owner?.end(), app?.end()]);
    await env?.close();
  });

  async function asTenant<T>(organisationId: string | undefined, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      if (organisationId) await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }
  const everyAccount = () => app.query<Account>('SELECT id, name, email, password_hash FROM users ORDER BY id').then((r) => r.rows);
  const byId = (ids: string[]) => owner.query<Account>('SELECT id, name, email, password_hash FROM users WHERE id = ANY($1) ORDER BY id', [ids]).then((r) => r.rows);

  it('joins an existing account to a second organisation through the invitation, and it signs in to either', async () => {
    expect(shared.userId).toBe(coordinatorB.userId);
    const choice = await env.http.post('/auth/login').send({ email: coordinatorB.email, password: PASSWORD }).expect(409);
    expect(choice.body.organisations.map((o: { organisationId: string }) => o.organisationId).sort()).toEqual([adminA.organisationId, adminB.organisationId].sort());
    for (const organisationId of [adminA.organisationId, adminB.organisationId]) {
      const session = await login(env, coordinatorB.email, organisationId);
      await env.http.get('/auth/me').set(bearer(session)).expect(200);
    }
  });

  it('with organisation A set, a query without a filter reads A’s members’ accounts and none of B’s: no names, emails or password hashes', async () => {
    const seen = await asTenant(adminA.organisationId, everyAccount);
    expect(seen).toEqual(await byId([adminA.userId, trainerA.userId, shared.userId]));

    const onlyB = await byId([adminB.userId]);
    expect(onlyB).toHaveLength(1);
    const text = JSON.stringify(seen);
    for (const field of ['name', 'email', 'password_hash'] as const) expect(text).not.toContain(onlyB[0][field]);
    // Asking for B's admin by id or by email finds nothing either.
    const aimed = await asTenant(adminA.organisationId, () => app.query('SELECT id FROM users WHERE id = $1 OR lower(email) = lower($2)', [adminB.userId, adminB.email]));
    expect(aimed.rows).toEqual([]);
  });

  it('with no organisation set, the app role reads no account at all', async () => {
    expect((await owner.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(4);
    expect(await asTenant(undefined, everyAccount)).toEqual([]);
  });

  it('with organisation A set, B’s accounts can be neither changed nor removed, and no account can be added outside the narrow function', async () => {
    const before = await byId([adminB.userId]);
    const changed = await asTenant(adminA.organisationId, async () => ({
      updated: (await app.query(`UPDATE users SET name = 'Taken over', password_hash = 'x' WHERE id = $1`, [adminB.userId])).rowCount,
      deleted: (await app.query(`DELETE FROM users WHERE id = $1`, [adminB.userId])).rowCount,
    }));
    expect(changed).toEqual({ updated: 0, deleted: 0 });
    expect(await byId([adminB.userId])).toEqual(before);

    await expect(
      asTenant(adminA.organisationId, () => app.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'smuggled@example.org', 'Smuggled', 'x')`, [randomUUID()])),
    ).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security policy for table "users"/) });
  });

  it('the sign-in lookup answers one exact email only: no pattern, no list', async () => {
    const exact = await asTenant(undefined, () => app.query('SELECT id FROM account_for_sign_in($1)', [adminB.email.toUpperCase()]));
    expect(exact.rows).toEqual([{ id: adminB.userId }]);
    for (const pattern of ['%', '%@example.org', '']) {
      expect((await asTenant(undefined, () => app.query('SELECT id FROM account_for_sign_in($1)', [pattern]))).rows).toEqual([]);
    }
  });

  it('members’ names still reach the people entitled to them: each organisation’s member list shows its own accounts only', async () => {
    for (const [admin, expected, absent] of [
      [adminA, [adminA.userId, trainerA.userId, shared.userId], adminB.userId],
      [adminB, [adminB.userId, coordinatorB.userId], trainerA.userId],
    ] as const) {
      const { body } = await env.http.get('/members').set(bearer(admin)).expect(200);
      const ids = body.items.map((m: { userId: string }) => m.userId);
      expect([...ids].sort()).toEqual([...expected].sort());
      expect(ids).not.toContain(absent);
      expect(body.items.every((m: { email?: string }) => typeof m.email === 'string' && m.email.length > 0)).toBe(true);
    }
  });
});

async function connect(connectionString: string): Promise<Client> {
  const client = new Client({ connectionString });
  await client.connect();
  return client;
}
