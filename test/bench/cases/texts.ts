/*
 * Session-tomorrow texts delivered end to end, in this process: the real worker (BullMQ on the
 * local Redis, the delivery log in PostgreSQL, notifications-node-client) sending to the GOV.UK
 * Notify stand-in (scripts/notify-stand-in.ts), to people who want texts only.
 *   texts-per-second   msg/s, from the reconciler being asked to run until the last person's text
 *                      has reached the stand-in (target > 200 msg/s for 10,000)
 *   texts-duplicates   texts beyond one per delivery, by the stand-in's count per reference (must be 0)
 *   texts-missing      due texts the stand-in never received (must be 0)
 * The reconciler is run twice more after the batch, so a duplicate it might cause would be counted.
 * Cohorts and sessions come through the API; the people and enrolments are bulk-inserted with SQL.
 * Small size: 500 texts, under the same measure names.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { NotifyStandIn } from '../../../scripts/notify-stand-in';
import { drained, runReconciler } from '../../e2e/jobs/support/queues';
import { textsDueTomorrow } from '../../e2e/field/support/notify-setup';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const COHORTS = 10;

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const total = options.full ? 10_000 : 500;
  const notify = await new NotifyStandIn().start();
  // Imported lazily so that loading the bench runner does not boot the api's code for other cases.
  const { TestEnvironment } = await import('../../support/test-environment');
  // The database pool at its production default (the e2e environment's is smaller).
  const env: TestEnvironment = await TestEnvironment.start({ worker: true, env: { NOTIFY_BASE_URL: notify.url, DATABASE_POOL_SIZE: '10' } });
  try {
    const reminders = env.worker!.get<Queue>(getQueueToken('reminders'));
    // The reconciler a starting worker runs finds nothing yet; let it finish so it is not timed.
    await drained(reminders);
    const { admin } = await textsDueTomorrow(env, notify, COHORTS, total / COHORTS, `bench-${Date.now().toString(36)}`);
    options.log(`seeded ${total} people who want texts in ${COHORTS} cohorts with a session tomorrow`);

    const started = performance.now();
    await runReconciler(reminders);
    const sampler = setInterval(() => void reminders.getJobCounts('active', 'waiting').then((c) => options.log(`active ${c.active} waiting ${c.waiting} texts ${notify.messages.length}`)), 10_000);
    const deadline = Date.now() + Math.max(120_000, total * 50);
    while (new Set(notify.messages.map((m) => m.reference)).size < total) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    options.log(`${notify.messages.length} texts in ${seconds.toFixed(1)} s`);

    await runReconciler(reminders);
    await runReconciler(reminders);
    await drained(reminders, 120_000);
    // What was due, from the delivery log: every key the reconciler found, sent or not.
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT key FROM deliveries WHERE organisation_id = $1`, [admin.organisationId]).finally(() => db.end());
    const keys = rows.map((r) => r.key as string);
    const { duplicates, missing } = notify.tally(keys);
    return [
      { name: 'texts-per-second', value: total / seconds, unit: 'msg/s', note: `${total} texts to the Notify stand-in, reconciler to last text (target > 200)` },
      { name: 'texts-duplicates', value: duplicates, unit: 'count', note: 'must be 0' },
      { name: 'texts-missing', value: missing + Math.max(0, total - keys.length), unit: 'count', note: 'must be 0' },
    ];
  } finally {
    await env.close();
    await notify.stop();
  }
}

export const benchCase: BenchCase = { name: 'texts', measures: ['texts-per-second', 'texts-duplicates', 'texts-missing'], run };
