import { DefaultJobOptions } from 'bullmq';

/** Every queue in the product. A processor registers for one of these names; nothing else enqueues. */
export enum QueueName {
  Email = 'email',
  Maintenance = 'maintenance',
  /** Apart from maintenance so that relaying staged work is never stuck behind a long housekeeping job. */
  Outbox = 'outbox',
  /** Apart from email so that thousands of reminders never hold up a confirmation someone is waiting for. */
  Reminders = 'reminders',
  /** Apart from the rest so that a long report never holds up an email or a reminder. */
  Reports = 'reports',
  /** Fair selections on large pools: one solve at a time per worker, never behind a report. */
  Selections = 'selections',
}

/** Job names per queue: the worker refuses to start if any has no handler, or two. */
export const JOB_NAMES: Record<QueueName, readonly string[]> = {
  [QueueName.Email]: ['invitation', 'sign-up', 'application-confirmation'],
  [QueueName.Maintenance]: ['purge-expired-sessions', 'reconcile-invitation-emails', 'apply-retention', 'apply-retention-organisation', 'data-rights-request'],
  [QueueName.Outbox]: ['relay-outbox', 'recover-outbox'],
  [QueueName.Reminders]: [
    'reconcile-reminders',
    'session-tomorrow',
    'absence-follow-up',
    'supervision-due',
    'placement-review-due',
    'contract-ending',
    'sustainment-check-due',
    'recruitment-window-closing',
    'coordinator-message',
    'no-activity',
    'check-expiring',
  ],
  [QueueName.Reports]: ['schedule-reports', 'produce-report'],
  [QueueName.Selections]: ['run-selection', 'reconcile-selections'],
};

/** Retries and backoff for every queue, in one place. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** The hash tag keeps all of a queue's keys on one Redis Cluster node. */
export function queuePrefix(redisPrefix: string): string {
  return `{${redisPrefix}}`;
}
