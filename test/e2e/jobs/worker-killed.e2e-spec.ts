import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestEnvironment } from '../../support/test-environment';
import { MailSink } from './support/mail-sink';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from './support/reminder-seed';

const ROOT = join(__dirname, '../../..');

/**
 * The real worker as a process of its own (apps/worker/src/main.ts), pointed at this test's
 * database, Redis prefix and mail server through the environment, so it can be killed outright.
 */
function startWorker(output: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, WORKER_PORT: '0', LOG_LEVEL: 'warn', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('reminders when the worker is killed mid-batch', () => {
  let env: TestEnvironment;
  let sink: MailSink;
  let db: Client;
  const workers: ChildProcess[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    sink = await new MailSink().start();
    // The api only: the worker runs as a separate process below.
    env = await TestEnvironment.start({ env: { SMTP_PORT: String(sink.port) } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    for (const worker of workers) {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM');
      await exited(worker);
    }
    await db?.end();
    await env?.close();
    await sink?.stop();
  });

  it('still sends each person exactly one reminder after SIGKILL and a restart', async () => {
    const admin = await signUpDaytimeOrganisation(env);
    const cohorts = [];
    for (let i = 1; i <= 5; i++) cohorts.push(await cohortMeetingTomorrow(env, admin, `Cohort ${i}`));
    const people = await enrolPeopleInBulk(env, admin.organisationId, cohorts.map((c) => c.cohortId), 100, 'killed');

    // A starting worker upserts its schedules, and the reminders reconciler runs at once.
    const first = startWorker(output);
    workers.push(first);
    await sink.waitForRecipients(100, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${output.join('')}`);
    });
    first.kill('SIGKILL');
    await exited(first);
    const atKill = sink.messages.length;
    expect(atKill).toBeLessThan(500);
    const [{ n: inFlight }] = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE organisation_id = $1 AND status = 'sending'`, [admin.organisationId])).rows;

    const second = startWorker(output);
    workers.push(second);
    // Claims the killed worker left behind are taken over only once stale (two minutes), so the last few wait that long.
    await sink.waitForRecipients(500, 240_000);
    await new Promise((r) => setTimeout(r, 2_000));

    const { byRecipient, messageIds } = sink.tally();
    for (const person of people) expect(messageIds.get(person.email)?.size).toBe(1);
    const copies = [...byRecipient.values()].filter((n) => n > 1).length;
    console.log(`Killed after ${atKill} of 500 with ${inFlight} claimed mid-send; ${sink.messages.length} messages arrived, ${copies} recipient(s) saw a second copy of the same Message-ID`);
    // Only a send the SMTP server accepted in the instant before the kill, before the log recorded it, can arrive twice.
    expect(copies).toBeLessThanOrEqual(inFlight);
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE organisation_id = $1 GROUP BY 1`, [admin.organisationId]);
    expect(rows).toEqual([{ status: 'sent', n: 500 }]);
  }, 420_000);
});
