import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApi } from '../../../apps/api/src/create-api';
import { PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

const LIMIT = 3;

describe('login throttling: per email and address, shared through Redis, audited', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let bystander: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { LOGIN_RATE_LIMIT: String(LIMIT), LOGIN_RATE_WINDOW_SECONDS: '60' } });
    admin = await signUpOrganisation(env); // sign-up is not a login attempt
    bystander = await signUpOrganisation(env);
  });
  afterAll(() => env.close());

  const attempt = (email: string, password: string, app?: INestApplication) => (app ? request(app.getHttpServer()) : env.http).post('/auth/login').send({ email, password });

  const expectThrottled = (response: request.Response) => {
    expect(response.status).toBe(429);
    expect(response.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ seconds$/), details: [] });
    expect(Number(response.headers['retry-after-login-account'])).toBeGreaterThan(0);
    expect(response.headers['set-cookie']).toBeUndefined();
  };

  it(`refuses the attempt after ${LIMIT} failures for one email with 429, even with the right password`, async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await attempt(admin.email, `wrong guess number ${i}`).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    }
    expectThrottled(await attempt(admin.email, 'wrong guess number 4'));
    expectThrottled(await attempt(admin.email, PASSWORD));
    // The same account spelt differently is the same account.
    expectThrottled(await attempt(`  ${admin.email.toUpperCase()} `, PASSWORD));
  });

  it('still answers another email from the same address normally', async () => {
    expect((await attempt(bystander.email, 'not their password either').expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    await attempt(bystander.email, PASSWORD).expect(200);
  });

  it('shares the counters between api processes (they live in Redis)', async () => {
    const second = await createApi(); // same environment: same database and Redis prefix
    await second.init();
    try {
      expectThrottled(await attempt(admin.email, PASSWORD, second));
    } finally {
      await second.close();
    }
  });

  it("audits each throttled attempt as 'auth.login.refused' with reason 'rate-limited'", async () => {
    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(`SELECT organisation_id, details FROM audit_log WHERE action = 'auth.login.refused' AND details->>'reason' = 'rate-limited' ORDER BY id`);
      expect(rows).toHaveLength(4); // the four throttled attempts above
      for (const row of rows) {
        expect(row.organisation_id).toBeNull();
        expect(row.details).toEqual({ reason: 'rate-limited', email: admin.email, retryAfterSeconds: expect.any(Number) });
      }
      // The throttled right-password attempts opened no session: the only one is sign-up's.
      const sessions = await owner.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [admin.userId]);
      expect(sessions.rows[0].n).toBe(1);
    } finally {
      await owner.end();
    }
  });
});
