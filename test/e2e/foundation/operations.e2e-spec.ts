import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { appUrlFromOwnerUrl, dropDatabase, migrate } from '@steppingstone/core';
import { createApi } from '../../../apps/api/src/create-api';
import { bearer, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

/** Calls `probe` until `done` says yes, or fails after the timeout with the last value seen. */
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

/** As the database owner (a superuser: row-level security hides nothing). */
async function asOwner<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A redis-server of this test's own, which it may stop and start without disturbing anyone else's. */
class OwnRedis {
  private child?: ChildProcess;
  port = 0;

  async start(): Promise<this> {
    this.port ||= await freePort();
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => this.ping(), Boolean, `redis-server on ${this.port} did not answer`, 10_000);
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL'); // like a crash: no goodbye to the clients
    await exited;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  private async ping(): Promise<boolean> {
    const client = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const ALL_UP = { database: { status: 'up' }, migrations: { status: 'up' }, redis: { status: 'up' } };

describe('operations', () => {
  describe('health, readiness, errors, headers, OpenAPI, start-up checks', () => {
    let env: TestEnvironment;
    beforeAll(async () => {
      env = await TestEnvironment.start();
    });
    afterAll(() => env.close());

    it('is live at /health and ready at /ready with database, migrations and redis up', async () => {
      expect((await env.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
      const ready = await env.http.get('/ready').expect(200);
      expect(ready.body).toEqual({ status: 'ok', info: ALL_UP, error: {}, details: ALL_UP, queues: expect.any(Object) });
    });

    it('answers an unexpected error with an errorId and never a stack or the internal message', async () => {
      const admin = await signUpOrganisation(env);
      // An unexpected fault deep down: the database refuses one kind of audit entry.
      await asOwner(env.databaseUrl, (db) =>
        db.query(`
          CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire at /var/lib/postgresql'; END $$;
          CREATE TRIGGER refuse_for_test BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = 'organisation.updated') EXECUTE FUNCTION refuse_for_test();`),
      );
      const response = await env.http.patch('/organisation').set(bearer(admin)).set('X-Request-Id', 'req-unexpected-1').send({ name: 'Renamed' }).expect(500);
      expect(response.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side. Quote req-unexpected-1 if you contact support.',
        details: [],
        errorId: 'req-unexpected-1',
      });
      expect(JSON.stringify(response.body)).not.toMatch(/stack|disk on fire|\.ts:\d+|at \w+ \(/);
      // And the change rolled back with its audit entry.
      expect((await env.http.get('/organisation').set(bearer(admin)).expect(200)).body.name).not.toBe('Renamed');
    });

    it('gives client mistakes the same shape without a stack', async () => {
      const broken = await env.http.post('/auth/login').set('Content-Type', 'application/json').send('{"email": "a@example.org", "password": hunter2-secret}').expect(400);
      const notJson = 'The request body is not valid JSON';
      expect(broken.body).toEqual({ statusCode: 400, error: 'Bad Request', message: notJson, details: [{ field: 'body', rule: 'entity.parse.failed', message: notJson }] });
      const huge = await env.http
        .post('/auth/login')
        .send({ email: 'a@example.org', password: 'x'.repeat(200_000) })
        .expect(413);
      expect(huge.body).toMatchObject({ statusCode: 413, message: 'The request body is too large', details: [{ field: 'body', rule: 'entity.too.large' }] });
      const missing = await env.http.get('/no/such/route').expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: [] });
      for (const body of [broken.body, huge.body, missing.body]) expect(JSON.stringify(body)).not.toMatch(/stack|hunter2|at \w+ \(/);
    });

    it('echoes a sane X-Request-Id, replaces an unsafe one, and sends helmet’s security headers', async () => {
      expect((await env.http.get('/health').set('X-Request-Id', 'trace-42.abc_DEF').expect(200)).headers['x-request-id']).toBe('trace-42.abc_DEF');
      for (const unsafe of ['has spaces in it', 'x'.repeat(101), 'semi;colon']) {
        const id = (await env.http.get('/health').set('X-Request-Id', unsafe).expect(200)).headers['x-request-id'];
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
      const { headers } = await env.http.get('/auth/me').expect(401); // errors carry them too
      expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'x-dns-prefetch-control': 'off',
      });
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['x-powered-by']).toBeUndefined();
    });

    it('publishes an OpenAPI document that lists /auth/login', async () => {
      const { body } = await env.http.get('/api/docs-json').expect(200);
      expect(body.openapi).toMatch(/^3\./);
      expect(body.info.title).toBe('Steppingstone API');
      expect(body.paths['/auth/login'].post).toBeDefined();
      expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/auth/sign-up', '/health', '/ready', '/members', '/invitations']));
    });

    it('reports a pending migration on /ready (503) until it is run', async () => {
      const [{ name }] = await asOwner(env.databaseUrl, async (db) => (await db.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING name`)).rows);
      try {
        const behind = await env.http.get('/ready').expect(503);
        expect(behind.body).toMatchObject({ message: 'Not ready: migrations', details: [{ field: 'migrations', rule: 'ready', message: `migrations is down {"pending":["${name}"]}` }] });
      } finally {
        await asOwner(env.databaseUrl, (db) => db.query(`INSERT INTO migrations ("timestamp", name) VALUES ($1, $2)`, [Number(/\d{13}/.exec(name)![0]), name]));
      }
      await env.http.get('/ready').expect(200);
    });
  });

  describe('a database whose migrations are behind', () => {
    let behind: string;
    let pending: string;
    const sentence = () => `The database is behind the code: 1 migration(s) pending (${pending}). Run \`npm run migrate\` first.`;
    beforeAll(async () => {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/steppingstone_test_behind_${randomBytes(4).toString('hex')}`;
      behind = url.toString();
      [pending] = (await migrate({ DATABASE_URL: behind, DATABASE_APP_URL: appUrlFromOwnerUrl(behind) })).slice(-1);
      await asOwner(behind, (db) => db.query(`DELETE FROM migrations WHERE name = $1`, [pending]));
    });
    afterAll(() => dropDatabase(behind));

    it('stops the api from initialising, naming the migration and `npm run migrate`', async () => {
      const saved = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_APP_URL: process.env.DATABASE_APP_URL };
      Object.assign(process.env, { DATABASE_URL: behind, DATABASE_APP_URL: appUrlFromOwnerUrl(behind) });
      try {
        // Nest runs start-up checks in init(), which main.ts reaches through listen().
        const api = await createApi();
        try {
          await expect(api.init()).rejects.toThrow(sentence());
        } finally {
          await api.close();
        }
      } finally {
        Object.assign(process.env, saved);
      }
    });

    it('makes the api process exit 1 with that one line and no stack', async () => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
        cwd: resolve(__dirname, '../../..'),
        env: { ...process.env, DATABASE_URL: behind, DATABASE_APP_URL: appUrlFromOwnerUrl(behind), PORT: '0', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000); // a process that started would listen for ever
      const [code] = await once(child, 'exit');
      clearTimeout(timer);
      expect(code).toBe(1);
      expect(output).toContain(`The api cannot start. ${sentence()}`);
      expect(output).not.toMatch(/^\s+at /m);
    });
  });

  describe('readiness follows Redis', () => {
    const redis = new OwnRedis();
    let env: TestEnvironment;
    beforeAll(async () => {
      await redis.start();
      env = await TestEnvironment.start({ env: { REDIS_URL: redis.url } });
    });
    afterAll(async () => {
      await env?.close();
      await redis.stop();
    });

    const ready = () => env.http.get('/ready');

    it('goes 503 with redis down while Redis is away, and 200 again when it returns', async () => {
      await ready().expect(200);
      await redis.stop();
      const down = await until(ready, (r) => r.status === 503, '/ready did not go 503');
      // The one error shape, naming what is down.
      expect(down.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Not ready: redis',
        details: [{ field: 'redis', rule: 'ready', message: expect.any(String) }],
        status: 'error',
        info: { database: { status: 'up' }, migrations: { status: 'up' } },
      });
      await env.http.get('/health').expect(200); // alive, just not ready

      await redis.start();
      const back = await until(ready, (r) => r.status === 200, '/ready did not recover');
      expect(back.body.details).toEqual(ALL_UP);
    });
  });

  describe('the worker', () => {
    let env: TestEnvironment;
    beforeAll(async () => {
      env = await TestEnvironment.start({ worker: true, smtp: true });
    });
    afterAll(() => env.close());

    const queue = (name: 'email' | 'maintenance') => env.worker!.get<Queue>(getQueueToken(name));

    it('sends invitation emails once, and its reconciler recovers a lost job without sending twice', async () => {
      const maintenance = queue('maintenance');
      const email = queue('email');
      const schedulers = (await maintenance.getJobSchedulers()).map((s) => s.key).sort();
      expect(schedulers).toEqual(['apply-retention', 'purge-expired-sessions', 'reconcile-invitation-emails']);
      await maintenance.removeJobScheduler('reconcile-invitation-emails'); // only the run below, not a timed one

      const admin = await signUpOrganisation(env, { organisationName: 'Lambeth Peer Network' });
      const sent = (await env.http.post('/invitations').set(bearer(admin)).send({ email: 'sent@example.org', role: 'trainer' }).expect(201)).body;
      await env.smtp!.waitFor('sent@example.org');

      // A job lost before it ran (as when Redis loses it): the invitation is stored, its email is not.
      await email.pause();
      const lost = (await env.http.post('/invitations').set(bearer(admin)).send({ email: 'lost@example.org', role: 'mentor' }).expect(201)).body;
      await (await email.getJob(`invitation-${lost.id}`))!.remove();
      await email.resume();

      // Both look old enough to reconcile; the first as if the worker died after sending but before recording it.
      await asOwner(env.databaseUrl, (db) => db.query(`UPDATE invitations SET created_at = now() - interval '2 minutes', email_sent_at = NULL`));

      const job = await maintenance.add('reconcile-invitation-emails', {});
      const state = await until(
        () => job.getState(),
        (s) => s === 'completed' || s === 'failed',
        'the reconcile job did not finish',
      );
      expect(state).toBe('completed');
      expect((await maintenance.getJob(job.id!))!.returnvalue).toEqual({ organisations: 1, affected: 2 });

      const [recovered] = await env.smtp!.waitFor('lost@example.org');
      expect(recovered.subject).toBe("You're invited to join Lambeth Peer Network on Steppingstone");
      await until(
        () => email.getJobCounts('completed', 'active', 'wait', 'delayed'),
        (c) => c.completed === 2 && c.active + c.wait + c.delayed === 0,
        'the email queue did not drain',
      );
      // The first invitation's job id was already taken by its finished job, so it was not added again.
      expect((await email.getJob(`invitation-${sent.id}`))!.finishedOn).toBeLessThan(job.timestamp);
      expect(env.smtp!.to('sent@example.org')).toHaveLength(1);
      expect(env.smtp!.to('lost@example.org')).toHaveLength(1);
      expect(env.smtp!.messages).toHaveLength(2);
      const marked = await asOwner(env.databaseUrl, (db) => db.query(`SELECT id FROM invitations WHERE email_sent_at IS NOT NULL`));
      expect(marked.rows.map((r) => r.id)).toEqual([lost.id]);
    });
  });
});
