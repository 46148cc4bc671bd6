import { EmailDelivery, SkippedDelivery, TextDelivery } from '@steppingstone/notifications';

/** Every reminder job carries its organisation and the calendar date (organisation's zone) it fell due; the rest is ids. */
export interface ReminderJobBase {
  organisationId: string;
  dueOn: string;
}

/** What to do with one reminder when its job runs: send it, or record why it is not sent. */
/** Sent by email or as a text, whichever the addressee's contact preferences and details allow. */
export type ReminderOutcome = { action: 'send'; delivery: EmailDelivery | TextDelivery } | { action: 'skip'; skipped: SkippedDelivery };

/**
 * One kind of reminder. The reconciler asks each kind what is due and enqueues it under `jobId`;
 * the worker's processor asks the same kind to compose it when the job runs, so adding a kind is
 * one class and one entry in REMINDER_KINDS.
 */
export interface ReminderKind<J extends ReminderJobBase = ReminderJobBase> {
  /** The job name on the Reminders queue, the delivery log's template, and the first part of every key. */
  readonly name: string;
  /** Every reminder of this kind due at `at` in the organisation, computed from PostgreSQL. */
  due(organisationId: string, at: Date): Promise<J[]>;
  /** The delivery log's natural key: kind, subject id, due date, recipient. */
  key(job: J): string;
  /** Deterministic, so enqueuing the same reminder again is a no-op (BullMQ refuses ':' in ids). */
  jobId(job: J): string;
  /** Undefined when it is no longer due (the facts changed after it was enqueued). */
  compose(job: J, at?: Date): Promise<ReminderOutcome | undefined>;
  /** After the message was sent or skipped, for kinds that mark their subject as dealt with. */
  settled?(job: J): Promise<void>;
}

/** The injection token for the list of every reminder kind. */
export const REMINDER_KINDS = Symbol('REMINDER_KINDS');
