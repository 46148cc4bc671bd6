import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { NotifyStandIn } from '../../../scripts/notify-stand-in';
import { TestEnvironment } from '../../support/test-environment';
import { exited, startWorker } from '../jobs/support/worker-process';
import { textsDueTomorrow } from './support/notify-setup';

describe('texts when the worker is killed mid-batch', () => {
  let notify: NotifyStandIn;
  let env: TestEnvironment;
  let db: Client;
  const workers: ChildProcess[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    notify = await new NotifyStandIn().start();
    // The api only: the worker runs as a separate process below.
    env = await TestEnvironment.start({ env: { NOTIFY_BASE_URL: notify.url } });
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
    await notify?.stop();
  });

  it('after SIGKILL while Notify holds texts it has not yet answered for, sends each person exactly one text: none missing, none repeated', async () => {
    const { admin } = await textsDueTomorrow(env, notify, 3, 100, 'killed');

    // A starting worker upserts its schedules, and the reminders reconciler runs at once.
    const first = startWorker(output);
    workers.push(first);
    await notify.waitForMessages(60, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${output.join('')}`);
    });

    // From now Notify records each text but does not answer, so the kill lands while texts are
    // mid-send: Notify has them, the worker has not heard so.
    notify.holding = true;
    const deadline = Date.now() + 60_000;
    while (notify.held.length < 10) {
      if (Date.now() > deadline) throw new Error(`only ${notify.held.length} texts reached Notify unanswered`);
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill('SIGKILL');
    await exited(first);
    const atKill = notify.messages.length;
    expect(atKill).toBeLessThan(300);
    const held = notify.releaseHeld();
    const { rows: heldRows } = await db.query(`SELECT status FROM deliveries WHERE organisation_id = $1 AND key = ANY($2)`, [admin.organisationId, held.map((m) => m.reference)]);
    // The kill came before the worker heard Notify's answer: the log still says "sending" for every held text.
    expect(heldRows.map((r) => r.status)).toEqual(held.map(() => 'sending'));

    const second = startWorker(output);
    workers.push(second);
    // Claims the killed worker left behind are taken over only once stale (two minutes), so the last few wait that long.
    const settled = Date.now() + 300_000;
    for (;;) {
      const [{ sent }] = (await db.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM deliveries WHERE organisation_id = $1`, [admin.organisationId])).rows;
      if (sent === 300) break;
      if (Date.now() > settled) throw new Error(`${sent} of 300 deliveries sent\nworker output:\n${output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const { rows } = await db.query(`SELECT key, status, provider_id FROM deliveries WHERE organisation_id = $1 ORDER BY key`, [admin.organisationId]);
    console.log(`Killed after ${atKill} of 300 texts with ${held.length} held unanswered; ${notify.messages.length} texts reached Notify`);
    expect(rows).toHaveLength(300);
    expect(notify.tally(rows.map((r) => r.key))).toEqual({ duplicates: 0, missing: 0 });
    expect(notify.messages).toHaveLength(300);
    // The held texts were found at Notify by their reference and recorded under Notify's own ids.
    const idByReference = new Map(notify.messages.map((m) => [m.reference, m.id]));
    for (const row of rows) expect(row).toEqual({ key: row.key, status: 'sent', provider_id: idByReference.get(row.key) });
  }, 420_000);
});
