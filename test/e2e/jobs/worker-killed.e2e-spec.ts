import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { TestEnvironment } from '../../support/test-environment';
import { MailSink } from './support/mail-sink';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from './support/reminder-seed';
import { exited, startWorker } from './support/worker-process';

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

  it('after SIGKILL while the mail server holds messages mid-DATA, loses none, repeats every held one and nothing the log had recorded as sent, each repeat once with the same Message-ID', async () => {
    const admin = await signUpDaytimeOrganisation(env);
    const cohorts = [];
    for (let i = 1; i <= 5; i++) cohorts.push(await cohortMeetingTomorrow(env, admin, `Cohort ${i}`));
    const people = await enrolPeopleInBulk(
      env,
      admin.organisationId,
      cohorts.map((c) => c.cohortId),
      100,
      'killed',
    );

    // A starting worker upserts its schedules, and the reminders reconciler runs at once.
    const first = startWorker(output);
    workers.push(first);
    await sink.waitForRecipients(100, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${output.join('')}`);
    });

    // From now the server reads each message to its final "." and does not answer, so the kill
    // lands while messages are mid-send: whole at the server, not yet acknowledged to the worker.
    sink.holding = true;
    const deadline = Date.now() + 60_000;
    while (sink.held.length < 10) {
      if (Date.now() > deadline) throw new Error(`only ${sink.held.length} messages reached the held DATA phase`);
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill('SIGKILL');
    await exited(first);
    const atKill = sink.messages.length;
    expect(atKill).toBeLessThan(500);

    const heldRecipients = new Set(sink.held.map((m) => m.to));
    const { rows: heldRows } = await db.query(`SELECT lower(recipient) AS recipient, status FROM deliveries WHERE organisation_id = $1 AND lower(recipient) = ANY($2)`, [
      admin.organisationId,
      [...heldRecipients],
    ]);
    // The kill came before the worker heard the server's answer: the log still says "sending" for every held message.
    expect(heldRows.map((r) => r.status)).toEqual([...heldRecipients].map(() => 'sending'));
    // With the worker dead the log is frozen: a message can be repeated only if it still says "sending" here.
    // That is every held message, and possibly one the server answered an instant before the kill whose
    // answer the worker had not yet written down.
    const { rows: sendingRows } = await db.query(`SELECT lower(recipient) AS recipient FROM deliveries WHERE organisation_id = $1 AND status = 'sending'`, [admin.organisationId]);
    const sendingAtKill = new Set<string>(sendingRows.map((r) => r.recipient));
    // The worst case: the server keeps what it had in full, although the worker never heard it say so.
    const delivered = sink.deliverHeld();

    const second = startWorker(output);
    workers.push(second);
    // Claims the killed worker left behind are taken over only once stale (two minutes), so the last few wait that long.
    await sink.waitForRecipients(500, 240_000);
    const settled = Date.now() + 60_000;
    for (;;) {
      const [{ sent }] = (await db.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM deliveries WHERE organisation_id = $1`, [admin.organisationId])).rows;
      const copies = sink.messages.length - 500;
      if (sent === 500 && copies >= delivered.length) break;
      if (Date.now() > settled) throw new Error(`${sent} of 500 deliveries sent and ${copies} repeated messages, ${delivered.length} expected`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const { byRecipient, messageIds } = sink.tally();
    // None lost: everyone has their reminder.
    for (const person of people) expect(byRecipient.get(person.email)).toBeGreaterThanOrEqual(1);
    // Repeated: every message the server held at the kill, and nothing the log had recorded as sent;
    // each repeat once, under the same Message-ID.
    const repeated = [...byRecipient].filter(([, n]) => n > 1);
    console.log(
      `Killed after ${atKill} of 500 with ${delivered.length} messages held mid-DATA and ${sendingAtKill.size} marked sending; ${sink.messages.length} messages arrived, ${repeated.length} recipient(s) saw a second copy`,
    );
    const repeatedTo = repeated.map(([to]) => to);
    expect(repeatedTo.filter((to) => !sendingAtKill.has(to))).toEqual([]);
    expect([...heldRecipients].filter((to) => !repeatedTo.includes(to))).toEqual([]);
    for (const [to, n] of repeated) {
      expect(n).toBe(2);
      expect(messageIds.get(to)!.size).toBe(1);
    }
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE organisation_id = $1 GROUP BY 1`, [admin.organisationId]);
    expect(rows).toEqual([{ status: 'sent', n: 500 }]);
  }, 420_000);
});
