import { Client } from 'pg';
import { PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const LOGIN_LIMIT = 3;
const FORM_LIMIT = 2;
const LIMITS = { LOGIN_RATE_LIMIT: String(LOGIN_LIMIT), LOGIN_RATE_WINDOW_SECONDS: '600', PUBLIC_FORM_RATE_LIMIT: String(FORM_LIMIT) };

let n = 0;
const application = () => ({ name: 'Sam Taylor', email: `sam-${++n}@example.org`, postcode: 'N7 8JL', consent: true });

/** One organisation with an open intake, and an owner connection for what the API does not show. */
function useEnvironment(extra: Record<string, string>) {
  const context = {} as { env: TestEnvironment; admin: SignedIn; intake: IntakeView; db: Client };
  beforeAll(async () => {
    context.env = await TestEnvironment.start({ env: { ...LIMITS, ...extra } });
    context.admin = await signUpOrganisation(context.env);
    context.intake = await openIntake(context.env, context.admin);
    context.db = new Client({ connectionString: context.env.databaseUrl });
    await context.db.connect();
  });
  afterAll(async () => {
    await context.db?.end();
    await context.env?.close();
  });
  return context;
}

describe('rate limits and X-Forwarded-For', () => {
  describe('with TRUST_PROXY unset (trust no proxy)', () => {
    const context = useEnvironment({});
    const login = (from: string, password: string) => context.env.http.post('/auth/login').set('X-Forwarded-For', from).send({ email: context.admin.email, password });

    it('gives a spoofed X-Forwarded-For no fresh bucket: once the account is locked, its right password from a “new” address answers 429', async () => {
      for (let i = 0; i < LOGIN_LIMIT; i++) await login(`203.0.113.${i + 1}`, `wrong guess ${i}`).expect(401);
      const locked = await login('198.51.100.99', PASSWORD).expect(429);
      expect(locked.body.message).toMatch(/^Too many sign-in attempts; try again in \d+ seconds$/);
      // Every attempt is recorded against the connection's own address, not the one the client claimed.
      const { rows } = await context.db.query(`SELECT DISTINCT ip FROM audit_log WHERE action = 'auth.login.refused'`);
      expect(rows).toEqual([{ ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/) }]);
    });

    it('keeps the public form’s 429 a 429 whatever X-Forwarded-For says', async () => {
      const apply = (from: string) => context.env.http.post(`/public/intakes/${context.intake.publicSlug}/applications`).set('X-Forwarded-For', from).send(application());
      for (let i = 0; i < FORM_LIMIT; i++) await apply(`203.0.113.${i + 1}`).expect(201);
      for (const from of ['198.51.100.1', '198.51.100.2, 198.51.100.3', '10.0.0.1']) await apply(from).expect(429);
    });
  });

  describe('with TRUST_PROXY=1 (one proxy in front of the api)', () => {
    const context = useEnvironment({ TRUST_PROXY: '1' });
    const login = (from: string, password: string, email = context.admin.email) => context.env.http.post('/auth/login').set('X-Forwarded-For', from).send({ email, password });

    it('keeps a locked account locked from every address', async () => {
      for (let i = 0; i < LOGIN_LIMIT; i++) await login('203.0.113.10', `wrong guess ${i}`).expect(401);
      for (const from of ['203.0.113.10', '198.51.100.20', '192.0.2.30']) await login(from, PASSWORD).expect(429);
    });

    it('counts the address the proxy forwarded, which a client cannot choose by sending its own X-Forwarded-For', async () => {
      const apply = (forwarded: string) => context.env.http.post(`/public/intakes/${context.intake.publicSlug}/applications`).set('X-Forwarded-For', forwarded).send(application());
      // The proxy appends the address it saw; anything before it came from the client.
      for (let i = 0; i < FORM_LIMIT; i++) await apply(`10.9.9.${i}, 198.51.100.7`).expect(201);
      await apply('10.9.9.99, 198.51.100.7').expect(429);
      await apply('198.51.100.8').expect(201); // another client behind the same proxy carries on

      const { rows } = await context.db.query(`SELECT ip, count(*)::int AS n FROM audit_log WHERE action = 'application.created' GROUP BY ip ORDER BY ip`);
      expect(rows).toEqual([
        { ip: '198.51.100.7', n: FORM_LIMIT },
        { ip: '198.51.100.8', n: 1 },
      ]);
    });
  });
});
