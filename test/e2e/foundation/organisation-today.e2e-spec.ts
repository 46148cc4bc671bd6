import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appUrlFromOwnerUrl, dropDatabase, migrate } from '@steppingstone/core';

const OWNER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/steppingstone';

/**
 * `organisation_today` straight against PostgreSQL, as the app role and under row-level security:
 * the organisation's calendar date, which on either side of the date line is not the UTC one.
 */
describe('organisation_today, the date on the organisation’s calendar', () => {
  let databaseUrl: string;
  let owner: Client;
  let app: Client;
  const ahead = randomUUID();
  const behind = randomUUID();
  const london = randomUUID();
  // 10:00 UTC on New Year's Day: already 2 January on Kiritimati (UTC+14), still 31 December in Pago Pago (UTC−11).
  const at = '2026-01-01T10:00:00Z';

  beforeAll(async () => {
    const url = new URL(OWNER_URL);
    url.pathname = `/steppingstone_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    databaseUrl = url.toString();
    await migrate({ DATABASE_URL: databaseUrl, DATABASE_APP_URL: appUrlFromOwnerUrl(databaseUrl) });
    owner = new Client({ connectionString: databaseUrl });
    await owner.connect();
    app = new Client({ connectionString: appUrlFromOwnerUrl(databaseUrl) });
    await app.connect();
    await owner.query(
      `INSERT INTO organisations (id, name, borough_code, time_zone) VALUES ($1, 'Kiritimati Peers', 'E09000022', 'Pacific/Kiritimati'), ($2, 'Pago Pago Peers', 'E09000022', 'Pacific/Pago_Pago')`,
      [ahead, behind],
    );
    await owner.query(`INSERT INTO organisations (id, name, borough_code) VALUES ($1, 'Lambeth Peers', 'E09000022')`, [london]);
  });
  afterAll(async () => {
    await Promise.all([owner?.end(), app?.end()]);
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  /** One transaction on the app connection with the organisation set transaction-locally, as the product's Tenancy does. */
  async function asTenant(organisationId: string, sql: string, params: unknown[]): Promise<string> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
      const { rows } = await app.query<{ today: string }>(sql, params);
      return rows[0].today;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('answers the local date, a day either side of UTC across the date line', async () => {
    const sql = `SELECT to_char(organisation_today($1, $2), 'YYYY-MM-DD') AS today`;
    expect(await asTenant(ahead, sql, [ahead, at])).toBe('2026-01-02');
    expect(await asTenant(behind, sql, [behind, at])).toBe('2025-12-31');
    expect(await asTenant(london, sql, [london, at])).toBe('2026-01-01');
  });

  it("without an instant, answers for the transaction's now, as the organisation's calendar shows it", async () => {
    const today = await asTenant(behind, `SELECT to_char(organisation_today($1), 'YYYY-MM-DD') AS today`, [behind]);
    const expected = await asTenant(behind, `SELECT to_char((now() AT TIME ZONE 'Pacific/Pago_Pago')::date, 'YYYY-MM-DD') AS today`, []);
    expect(today).toBe(expected);
  });

  it('reads only the organisation row that row-level security shows: another tenant’s zone is not used', async () => {
    expect(await asTenant(behind, `SELECT to_char(organisation_today($1, $2), 'YYYY-MM-DD') AS today`, [ahead, at])).toBe('2026-01-01');
  });

  it('is evaluated once per query when written as a scalar subquery over many rows', async () => {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [ahead]);
      const { rows } = await app.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (COSTS OFF) SELECT count(*) FROM generate_series(1, 1000) g WHERE DATE '2026-01-02' = (SELECT organisation_today($1::uuid, $2::timestamptz))`,
        [ahead, at],
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/InitPlan/);
    } finally {
      await app.query('ROLLBACK');
    }
  });
});
