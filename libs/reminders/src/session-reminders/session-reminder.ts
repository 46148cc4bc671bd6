/** The reminder sent to each person enrolled in a cohort the day before one of its sessions. */
export const SESSION_TOMORROW = 'session-tomorrow';

/** Ids and the due date only: the worker reads everything else from the database when it runs. */
export interface SessionReminderJob {
  organisationId: string;
  sessionId: string;
  personId: string;
  /** The date (in the organisation's time zone) the reminder is due: the day before the session. */
  dueOn: string;
}

/** The delivery log's natural key: one reminder per kind, session, due date and person, however many jobs run. */
export function sessionReminderKey(job: Pick<SessionReminderJob, 'sessionId' | 'dueOn' | 'personId'>): string {
  return `${SESSION_TOMORROW}:${job.sessionId}:${job.dueOn}:${job.personId}`;
}

/** Deterministic, so the reconciler enqueuing the same reminder again adds nothing (BullMQ refuses ':' in ids). */
export function sessionReminderJobId(job: Pick<SessionReminderJob, 'sessionId' | 'dueOn' | 'personId'>): string {
  return `${SESSION_TOMORROW}.${job.sessionId}.${job.dueOn}.${job.personId}`;
}
