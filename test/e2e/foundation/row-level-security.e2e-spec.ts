import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appUrlFromOwnerUrl, Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createLocality, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/**
 * Indexes on tenant tables that do not lead with organisation_id, and why. Each is pinned to its
 * definition, so a changed index under the same name is checked again rather than waved through.
 */
const INDEXES_NOT_LED_BY_ORGANISATION: Record<string, { definition: RegExp; reason: string }> = {
  audit_log_pkey: {
    definition: /^CREATE UNIQUE INDEX audit_log_pkey ON public\.audit_log USING btree \(id\)$/,
    reason:
      'audit_log also holds platform events with no organisation (organisation_id is nullable, e.g. a refused login for an unknown email), ' +
      'so organisation_id cannot be part of its primary key; the key is a bare identity, and every tenant read goes through the organisation-led indexes',
  },
  intakes_public_slug_key: {
    definition: /^CREATE UNIQUE INDEX intakes_public_slug_key ON public\.intakes USING btree \(public_slug\)$/,
    reason:
      'the public application form arrives with only the link’s slug, before any organisation is known; the slug is unique across ' +
      'the platform and row-level security still shows an anonymous visitor only the one intake whose slug they hold',
  },
  memberships_user_idx: {
    definition: /^CREATE INDEX memberships_user_idx ON public\.memberships USING btree \(user_id\)$/,
    reason:
      'a person’s own memberships are looked up across organisations by user id (choosing an organisation at login, listing the ' +
      'organisations an account belongs to), a deliberate cross-tenant read of the caller’s own rows that an organisation-led index cannot serve',
  },
};

/**
 * Tables the app role reaches without row-level security, and why none holds personal data. Every
 * other table in the schema, found afresh from information_schema, must force it.
 */
const TABLES_WITHOUT_ROW_SECURITY: Record<string, string> = {
  migrations: 'TypeORM’s record of applied migrations (ids, timestamps and class names, nothing about anyone); the api and worker read it to refuse starting on a database that is behind',
};

/**
 * Tables the app role holds no privilege on at all: row-level security is enabled with no policy
 * (so no other role sees a row) but not forced, because only the owner's narrow SECURITY DEFINER
 * functions reach them. Checked below: enabled, and not one privilege for the app role.
 */
const TABLES_CLOSED_TO_THE_APP_ROLE: Record<string, string> = {
  sign_up_requests: 'emails and password hashes of sign-ups not yet verified; reached only through request_sign_up, claim_sign_up_request and their siblings',
};

describe('row-level security, straight against PostgreSQL', () => {
  let env: TestEnvironment;
  let owner: Client;
  let app: Client;
  let orgA: string;
  let orgB: string;
  let adminB: SignedIn;
  let tenantTables: string[];

  beforeAll(async () => {
    env = await TestEnvironment.start();
    // Real data through the API: organisations, memberships, sessions, invitations, audit entries, people and their applications.
    for (const name of ['Lambeth Peer Network', 'Southwark Peer Network']) {
      const admin = await signUpOrganisation(env, { organisationName: name });
      await addMember(env, admin, Role.Trainer);
      await env.http
        .post('/invitations')
        .set(bearer(admin))
        .send({ email: `pending-${randomUUID().slice(0, 8)}@example.org`, role: Role.Coordinator })
        .expect(201);
      await createLocality(env, admin, 'North');
      await enterApplicant(env, admin, (await openIntake(env, admin)).id);
      if (orgA) [orgB, adminB] = [admin.organisationId, admin];
      else orgA = admin.organisationId;
    }
    owner = await connect(env.databaseUrl);
    app = await connect(appUrlFromOwnerUrl(env.databaseUrl));
    const { rows } = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organisation_id' ORDER BY table_name`,
    );
    tenantTables = rows.map((r) => r.table_name);
  });
  afterAll(async () => {
    await Promise.all([owner?.end(), app?.end()]);
    await env?.close();
  });

  /** One transaction on the app connection with the organisation set transaction-locally, as the product's Tenancy does. */
  async function asTenant<T>(organisationId: string, work: () => Promise<T>, end: 'COMMIT' | 'ROLLBACK' = 'ROLLBACK'): Promise<T> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
      return await work();
    } finally {
      await app.query(end);
    }
  }

  it('finds the tenant tables it is about to check', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['audit_log', 'invitations', 'memberships', 'sessions']));
  });

  it('(a) the app role with no organisation set sees no rows in any tenant table, though rows exist', async () => {
    const existing = await counts(owner, tenantTables);
    const seeded = ['audit_log', 'invitations', 'memberships', 'sessions', 'localities', 'people', 'programmes', 'intakes', 'applications', 'application_transitions'];
    expect(seeded.filter((table) => !existing[table])).toEqual([]);

    expect(await counts(app, tenantTables)).toEqual(zeros(tenantTables));
    expect((await counts(owner, ['users'])).users).toBeGreaterThanOrEqual(4);
    expect(await counts(app, ['organisations', 'users'])).toEqual({ organisations: 0, users: 0 });
  });

  it('(b) with one organisation set, only its rows are visible and rows for another cannot be written', async () => {
    const ownA = await counts(owner, tenantTables, orgA);
    const seen = await asTenant(orgA, async () => ({
      all: await counts(app, tenantTables),
      ofA: await counts(app, tenantTables, orgA),
      ofB: await counts(app, tenantTables, orgB),
      organisations: (await app.query<{ id: string }>('SELECT id FROM organisations')).rows.map((r) => r.id),
    }));
    expect(seen.all).toEqual(ownA);
    expect(seen.ofA).toEqual(ownA);
    expect(seen.ofB).toEqual(zeros(tenantTables));
    expect(seen.organisations).toEqual([orgA]);

    // Accounts have no organisation of their own: an organisation sees exactly its members' accounts.
    const membersOf = async (organisationId: string) =>
      (await owner.query<{ user_id: string }>(`SELECT user_id FROM memberships WHERE organisation_id = $1 ORDER BY user_id`, [organisationId])).rows.map((r) => r.user_id);
    const accountsSeenByA = await asTenant(orgA, async () => (await app.query<{ id: string }>('SELECT id FROM users ORDER BY id')).rows.map((r) => r.id));
    expect(accountsSeenByA).toEqual(await membersOf(orgA));
    expect(accountsSeenByA.filter((id) => id === adminB.userId)).toEqual([]);

    // Writing org B's row is refused by the policy; the same row for org A is accepted, so it is the tenant that is wrong.
    await expect(asTenant(orgA, () => insertInvitation(orgB, adminB.userId))).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/new row violates row-level security policy for table "invitations"/),
    });
    const ownAdminA = (await owner.query<{ user_id: string }>(`SELECT user_id FROM memberships WHERE organisation_id = $1 AND role = 'admin'`, [orgA])).rows[0].user_id;
    await expect(asTenant(orgA, () => insertInvitation(orgA, ownAdminA))).resolves.toMatchObject({ rowCount: 1 });

    // Org B's rows cannot be changed or removed either: to org A they are not there.
    const ofBBefore = await counts(owner, tenantTables, orgB);
    const changed = await asTenant(orgA, async () => ({
      updated: (await app.query(`UPDATE invitations SET revoked_at = now() WHERE organisation_id = $1`, [orgB])).rowCount,
      deleted: (await app.query(`DELETE FROM memberships WHERE organisation_id = $1`, [orgB])).rowCount,
    }));
    expect(changed).toEqual({ updated: 0, deleted: 0 });
    expect(await counts(owner, tenantTables, orgB)).toEqual(ofBBefore);
    expect((await owner.query(`SELECT count(*)::int AS n FROM invitations WHERE organisation_id = $1 AND revoked_at IS NOT NULL`, [orgB])).rows[0].n).toBe(0);
  });

  it('(c) the organisation does not outlive its transaction on the same connection', async () => {
    const inside = await asTenant(orgA, () => counts(app, tenantTables), 'COMMIT');
    expect(Object.values(inside).some((n) => n > 0)).toBe(true);

    const after = await app.query<{ setting: string | null }>(`SELECT current_setting('app.organisation_id', true) AS setting`);
    expect(after.rows[0].setting ?? '').toBe('');
    expect(await counts(app, tenantTables)).toEqual(zeros(tenantTables));
  });

  it('(d) the app role is neither a superuser nor exempt from row-level security', async () => {
    const { rows } = await app.query(`SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(rows).toEqual([{ name: 'steppingstone_app', rolsuper: false, rolbypassrls: false }]);
  });

  it('(e) every tenant table forces row-level security and leads its indexes with organisation_id', async () => {
    const { rows: tables } = await owner.query(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1) ORDER BY relname`, [
      tenantTables,
    ]);
    expect(tables).toEqual(tenantTables.map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })));

    const { rows: indexes } = await owner.query<{ index: string; definition: string; first_column: string | null }>(
      `SELECT i.relname AS index, pg_get_indexdef(x.indexrelid) AS definition, a.attname AS first_column
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        ORDER BY i.relname`,
      [tenantTables],
    );
    expect(indexes.length).toBeGreaterThan(tenantTables.length);
    const violations = indexes.filter((ix) => ix.first_column !== 'organisation_id');
    const unexplained = violations.filter((ix) => !INDEXES_NOT_LED_BY_ORGANISATION[ix.index]?.definition.test(ix.definition));
    expect(unexplained.map((ix) => ix.definition)).toEqual([]);
  });

  it('(f) the audit log is append-only: the app role may not change it, and not even the owner can', async () => {
    for (const statement of ['UPDATE audit_log SET action = action', 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
      await expect(asTenant(orgA, () => app.query(statement))).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied for table audit_log/) });
    }
    // Adding entries is what the app does; that still works.
    await expect(asTenant(orgA, () => app.query(`INSERT INTO audit_log (organisation_id, action) VALUES ($1, 'test.entry')`, [orgA]))).resolves.toMatchObject({ rowCount: 1 });

    const before = await owner.query(`SELECT id, action FROM audit_log ORDER BY id`);
    for (const statement of [`UPDATE audit_log SET action = 'tampered'`, 'DELETE FROM audit_log']) {
      await expect(owner.query(statement)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    }
    expect((await owner.query(`SELECT id, action FROM audit_log ORDER BY id`)).rows).toEqual(before.rows);
  });

  it('(g) every table in the schema forces row-level security, bar the listed ones that hold nothing about anyone', async () => {
    const { rows: tables } = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const names = tables.map((t) => t.table_name);
    expect(names).toEqual(expect.arrayContaining([...tenantTables, 'organisations', 'users', ...Object.keys(TABLES_WITHOUT_ROW_SECURITY)]));
    const { rows } = await owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1) ORDER BY relname`,
      [names],
    );
    const unprotected = rows.filter((r) => !(r.relrowsecurity && r.relforcerowsecurity) && !(r.relname in TABLES_CLOSED_TO_THE_APP_ROLE)).map((r) => r.relname);
    expect(unprotected).toEqual(Object.keys(TABLES_WITHOUT_ROW_SECURITY).sort());
  });

  it('(h) the tables closed to the app role have row-level security enabled and grant it nothing', async () => {
    const closed = Object.keys(TABLES_CLOSED_TO_THE_APP_ROLE);
    const { rows } = await owner.query<{ relname: string; relrowsecurity: boolean; privileges: string[] }>(
      `SELECT c.relname, c.relrowsecurity,
              ARRAY(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
                     WHERE has_table_privilege('steppingstone_app', c.oid, p)) AS privileges
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) ORDER BY c.relname`,
      [closed],
    );
    expect(rows).toEqual(closed.sort().map((relname) => ({ relname, relrowsecurity: true, privileges: [] })));
  });

  function insertInvitation(organisationId: string, invitedBy: string) {
    return app.query(
      `INSERT INTO invitations (organisation_id, id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, 'smuggled@example.org', 'trainer', 'not-a-real-hash', $3, now() + interval '1 day')`,
      [organisationId, randomUUID(), invitedBy],
    );
  }
});

async function connect(connectionString: string): Promise<Client> {
  const client = new Client({ connectionString });
  await client.connect();
  return client;
}

/** Row counts per table, as the given connection sees them; optionally only one organisation's rows. */
async function counts(client: Client, tables: string[], organisationId?: string): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const where = organisationId ? ' WHERE organisation_id = $1' : '';
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}${where}`, organisationId ? [organisationId] : []);
    result[table] = rows[0].n;
  }
  return result;
}

const zeros = (tables: string[]) => Object.fromEntries(tables.map((t) => [t, 0]));
