/*
 * Session-tomorrow reminders delivered end to end, in this process: the real worker (BullMQ on the
 * local Redis, the delivery log in PostgreSQL, nodemailer) sending to a local SMTP sink (smtp-server).
 *   reminders-per-second   msg/s, from the reconciler being asked to run until the last person's
 *                          reminder has arrived at the sink (target > 200 msg/s for 10,000)
 *   reminders-duplicates   count of messages beyond one per person (must be 0)
 *   reminders-missing      count of people with no reminder (must be 0)
 * The reconciler is run twice more after the batch, so a duplicate it might cause would be counted.
 * Cohorts and sessions come through the API; the people and enrolments are bulk-inserted with SQL.
 * Small size: 500 reminders, under the same measure names.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MailSink } from '../../e2e/jobs/support/mail-sink';
import { drained, runReconciler } from '../../e2e/jobs/support/queues';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from '../../e2e/jobs/support/reminder-seed';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const COHORTS = 10;

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const total = options.full ? 10_000 : 500;
  const sink = await new MailSink().start();
  // Imported lazily so that loading the bench runner does not boot the api's code for other cases.
  const { TestEnvironment } = await import('../../support/test-environment');
  // The database pool at its production default (the e2e environment's is smaller).
  const env: TestEnvironment = await TestEnvironment.start({ worker: true, env: { SMTP_PORT: String(sink.port), DATABASE_POOL_SIZE: '10' } });
  try {
    const reminders = env.worker!.get<Queue>(getQueueToken('reminders'));
    // The reconciler a starting worker runs finds nothing yet; let it finish so it is not timed.
    await drained(reminders);
    const admin = await signUpDaytimeOrganisation(env, { organisationName: 'Bench Peer Network' });
    const cohortIds: string[] = [];
    for (let i = 1; i <= COHORTS; i++) cohortIds.push((await cohortMeetingTomorrow(env, admin, `Bench cohort ${i}`)).cohortId);
    const people = await enrolPeopleInBulk(env, admin.organisationId, cohortIds, total / COHORTS, `bench-${Date.now().toString(36)}`);
    options.log(`seeded ${people.length} people in ${COHORTS} cohorts with a session tomorrow`);

    const started = performance.now();
    await runReconciler(reminders);
    const sampler = setInterval(() => void reminders.getJobCounts('active', 'waiting').then((c) => options.log(`active ${c.active} waiting ${c.waiting} sent ${sink.messages.length}`)), 10_000);
    await sink.waitForRecipients(total, Math.max(120_000, total * 50));
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    options.log(`${total} reminders in ${seconds.toFixed(1)} s`);

    await runReconciler(reminders);
    await runReconciler(reminders);
    await drained(reminders, 120_000);
    const { byRecipient } = sink.tally();
    const missing = people.filter((p) => !byRecipient.has(p.email)).length;
    const duplicates = sink.messages.length - byRecipient.size;
    return [
      { name: 'reminders-per-second', value: total / seconds, unit: 'msg/s', note: `${total} reminders, reconciler to last delivery (target > 200)` },
      { name: 'reminders-duplicates', value: duplicates, unit: 'count', note: 'must be 0' },
      { name: 'reminders-missing', value: missing, unit: 'count', note: 'must be 0' },
    ];
  } finally {
    await env.close();
    await sink.stop();
  }
}

export const benchCase: BenchCase = { name: 'reminders', measures: ['reminders-per-second', 'reminders-duplicates', 'reminders-missing'], run };
