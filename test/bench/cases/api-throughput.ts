/*
 * Throughput of the built api, as a separate process on a fresh database:
 *   api-health-*       GET /health: the HTTP stack alone (helmet, pino-http, guard, no database)
 *   api-tenant-read-*  GET /auth/me with a bearer token: session lookup plus a tenant-scoped read
 *   api-tenant-read-ratio  tenant-read req/s over health req/s, measured in the same run (target ≥ 0.5)
 *   public-application-rps    public applications accepted per second, each followed by its equality
 *                             answers (the application and the equality step, both through an event
 *                             link so the per-address limit does not apply); one application = both requests
 *   public-application-ratio  public-application-rps over health req/s, in the same run (target ≥ 0.2)
 * Small: 3 s per endpoint, 10 connections. Full: 15 s, 50 connections. API_NODE_ARGS passes node flags to
 * the api process, to profile it under this load (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { appUrlFromOwnerUrl, dropDatabase, migrate } from '@steppingstone/core';
import { signUpByLink } from '../../../scripts/sign-up-by-link';
import { deleteKeys } from '../../support/redis-keys';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const ROOT = join(__dirname, '..', '..', '..');
const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const OWNER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/steppingstone';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery staple';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The api as a child process; keeps the tail of its output to show when something goes wrong. */
class ApiProcess {
  private output = '';
  private exited?: string;
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [...(process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean), API_MAIN], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.once('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `exit ${code}`;
    });
  }

  get tail(): string {
    return this.output.trim();
  }

  async waitForHealth(baseUrl: string, seconds = 30): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`The api stopped while starting (${this.exited}):\n${this.tail}`);
      try {
        if ((await fetch(`${baseUrl}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The api did not answer /health within ${seconds} s:\n${this.tail}`);
  }

  /** SIGTERM, then SIGKILL if it has not gone within 5 s. */
  async stop(): Promise<void> {
    if (this.exited || this.child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }
}

async function signUp(baseUrl: string, suffix: string, ownerUrl: string, appSecret: string): Promise<string> {
  const body = await signUpByLink(baseUrl, ownerUrl, appSecret, {
    organisationName: `Bench ${suffix}`,
    boroughCode: 'E09000019',
    name: 'Bench Admin',
    email: `bench-${suffix}@example.org`,
    password: PASSWORD,
  });
  return body.token as string;
}

interface Load {
  rps: number;
  p99: number;
  total: number;
}

async function load(name: string, url: string, headers: Record<string, string>, seconds: number, connections: number, options: BenchOptions): Promise<Load> {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  const problems = { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, resets: result.resets };
  const bad = Object.entries(problems).filter(([, n]) => n > 0);
  if (bad.length || result.requests.total === 0) {
    const codes = Object.entries(result.statusCodeStats ?? {})
      .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
      .join(', ');
    throw new Error(`${name}: ${bad.map(([k, n]) => `${n} ${k}`).join(', ') || 'no requests'} out of ${result.requests.total} requests (status codes ${codes})`);
  }
  options.log(
    `${name}: ${result.requests.total} requests in ${result.duration.toFixed(1)} s, ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total };
}

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const seconds = options.full ? 15 : 3;
  const warmUpSeconds = options.full ? 3 : 1;
  const connections = options.full ? 50 : 10;
  const note = `${connections} connections, ${seconds} s`;
  const wantsRatio = options.wants('api-tenant-read-ratio');
  const wantsHealth = wantsRatio || options.wants('api-health-rps') || options.wants('api-health-p99');
  const wantsTenant = wantsRatio || options.wants('api-tenant-read-rps') || options.wants('api-tenant-read-p99');
  const wantsPublic = options.wants('public-application-rps') || options.wants('public-application-ratio');

  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first (npm run bench does)`);
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(OWNER_URL);
  url.pathname = `/steppingstone_bench_${suffix}`;
  const databaseUrl = url.toString();
  const redisPrefix = `ss-bench-${suffix.replace(/_/g, '-')}`;
  let api: ApiProcess | undefined;

  const cleanUp = async () => {
    await api?.stop().catch((e: Error) => options.log(`could not stop the api: ${e.message}`));
    await dropDatabase(databaseUrl).catch((e: Error) => options.log(`could not drop ${databaseUrl}: ${e.message}`));
    await deleteKeys(REDIS_URL, redisPrefix).catch((e: Error) => options.log(`could not delete Redis keys ${redisPrefix}:*: ${e.message}`));
  };
  // Ctrl+C mid-run still stops the api and drops the database.
  const onSignal = (signal: NodeJS.Signals) => {
    options.log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await migrate({ DATABASE_URL: databaseUrl, DATABASE_APP_URL: appUrlFromOwnerUrl(databaseUrl) });
    const port = await freePort();
    const appSecret = randomBytes(32).toString('hex');
    const baseUrl = `http://127.0.0.1:${port}`;
    api = new ApiProcess({
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_URL: databaseUrl,
      DATABASE_APP_URL: appUrlFromOwnerUrl(databaseUrl),
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
      APP_SECRET: appSecret,
      // Production refuses 127.0.0.1 as a mail server; nothing here sends mail.
      SMTP_HOST: 'localhost',
    });
    await api.waitForHealth(baseUrl);
    options.log(`api up on ${baseUrl}, database ${url.pathname.slice(1)}`);

    const token = await signUp(baseUrl, suffix, databaseUrl, appSecret);
    const auth = { authorization: `Bearer ${token}` };
    const me = await fetch(`${baseUrl}/auth/me`, { headers: auth });
    if (me.status !== 200) throw new Error(`GET /auth/me answered ${me.status}: ${await me.text()}`);

    const measures: BenchMeasure[] = [];
    let health: Load | undefined;
    let tenant: Load | undefined;
    if (wantsHealth || wantsPublic) {
      await load('warm-up /health', `${baseUrl}/health`, {}, warmUpSeconds, connections, options);
      health = await load('GET /health', `${baseUrl}/health`, {}, seconds, connections, options);
      measures.push({ name: 'api-health-rps', value: Math.round(health.rps), unit: 'req/s', note }, { name: 'api-health-p99', value: health.p99, unit: 'ms', note });
    }
    if (wantsTenant) {
      await load('warm-up /auth/me', `${baseUrl}/auth/me`, auth, warmUpSeconds, connections, options);
      tenant = await load('GET /auth/me', `${baseUrl}/auth/me`, auth, seconds, connections, options);
      measures.push({ name: 'api-tenant-read-rps', value: Math.round(tenant.rps), unit: 'req/s', note }, { name: 'api-tenant-read-p99', value: tenant.p99, unit: 'ms', note });
    }
    if (health && tenant) {
      const ratio = Math.round((tenant.rps / health.rps) * 100) / 100;
      measures.push({ name: 'api-tenant-read-ratio', value: ratio, unit: 'ratio', note: `tenant/health, target >= 0.5${ratio < 0.5 ? ' (BELOW TARGET)' : ''}` });
    }
    if (wantsPublic && health) {
      const slug = await eventIntake(baseUrl, auth);
      await applications('warm-up public applications', baseUrl, slug, warmUpSeconds, connections, options);
      const accepted = await applications('public applications with equality answers', baseUrl, slug, seconds, connections, options);
      const ratio = Math.round((accepted / health.rps) * 100) / 100;
      measures.push(
        { name: 'public-application-rps', value: Math.round(accepted), unit: 'req/s', note: `${note}; each an application and its equality answers, through an event link` },
        { name: 'public-application-ratio', value: ratio, unit: 'ratio', note: `applications/health, target >= 0.2${ratio < 0.2 ? ' (BELOW TARGET)' : ''}` },
      );
    }
    return measures;
  } catch (error) {
    if (api?.tail) options.log(`api output (tail):\n${api.tail}`);
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanUp();
  }
}

/** An open intake and a running event link to it, made through the API as a coordinator would; answers the form's slug and the link's token. */
async function eventIntake(baseUrl: string, auth: Record<string, string>): Promise<{ slug: string; event: string }> {
  const post = async (path: string, body: unknown, expected: number) => {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const programme = await post('/programmes', { name: 'Peer Mentor training', kind: 'training-course' }, 201);
  const intake = await post('/intakes', { programmeId: programme.id, name: 'Bench intake', opensOn: '2026-01-05', closesOn: '2026-12-18', capacity: 45 }, 201);
  await post(`/intakes/${intake.id}/status`, { status: 'open' }, 200);
  const link = await post(`/intakes/${intake.id}/event-links`, { hours: 2 }, 201);
  return { slug: intake.publicSlug, event: new URL(link.url).searchParams.get('event')! };
}

const APPLICANT = JSON.stringify({ name: 'Sam Taylor', phone: '07700 900123', email: 'sam.taylor@example.org', postcode: 'N7 8JL', consent: true });
const ANSWERS = {
  sex: 'Female',
  dateOfBirth: '1990-04-21',
  ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: African',
  disability: 'Prefer not to say',
  religion: 'Muslim',
  genderIdentity: 'Same as sex registered at birth',
  sexualOrientation: 'Prefer not to say',
};

/**
 * Each connection applies, then answers the equality questions with the token the application
 * gave back; applications per second are the equality answers accepted (so every one counted was
 * a whole application with its answers) over the run's length.
 */
async function applications(name: string, baseUrl: string, intake: { slug: string; event: string }, seconds: number, connections: number, options: BenchOptions): Promise<number> {
  const query = `?event=${encodeURIComponent(intake.event)}`;
  let answered = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: `/public/intakes/${intake.slug}/applications${query}`,
        headers: { 'content-type': 'application/json' },
        body: APPLICANT,
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          context.token = status === 201 ? (JSON.parse(body) as { equalityStep: { token: string } }).equalityStep.token : undefined;
        },
      },
      {
        method: 'POST',
        path: `/public/intakes/${intake.slug}/equality-answers${query}`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) =>
          context.token ? { ...request, body: JSON.stringify({ token: context.token, consent: true, answers: ANSWERS }) } : undefined,
        onResponse: (status: number) => {
          if (status === 201) answered += 1;
        },
      },
    ],
  } as autocannon.Options);
  const problems = { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, resets: result.resets };
  const bad = Object.entries(problems).filter(([, n]) => n > 0);
  if (bad.length || !answered) {
    const codes = Object.entries(result.statusCodeStats ?? {})
      .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
      .join(', ');
    throw new Error(`${name}: ${bad.map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing answered'} out of ${result.requests.total} requests (status codes ${codes})`);
  }
  const perSecond = answered / result.duration;
  options.log(`${name}: ${answered} applications with their answers in ${result.duration.toFixed(1)} s, ${Math.round(perSecond)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  return perSecond;
}

export const benchCase: BenchCase = {
  name: 'api-throughput',
  measures: ['api-health-rps', 'api-health-p99', 'api-tenant-read-rps', 'api-tenant-read-p99', 'api-tenant-read-ratio', 'public-application-rps', 'public-application-ratio'],
  run,
};
