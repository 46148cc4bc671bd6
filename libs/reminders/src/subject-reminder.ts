import { ReminderJobBase } from './reminder-kind';

/**
 * Who a reminder goes to, as an id: a member of the organisation (`user:<id>`), a person on its
 * books (`person:<id>`), or the placement's supervisor, who is a contact on the placement rather
 * than a record of their own.
 */
export type RecipientRef = `user:${string}` | `person:${string}` | 'supervisor';

/** The job of every reminder kind except session-tomorrow (whose shape predates it): ids and the due date. */
export interface SubjectReminderJob extends ReminderJobBase {
  /** What the reminder is about: an at-risk event, a placement, a review point, a job, a check, an intake. */
  subjectId: string;
  recipient: RecipientRef;
}

export function subjectReminderKey(kind: string, job: Pick<SubjectReminderJob, 'subjectId' | 'dueOn' | 'recipient'>): string {
  return `${kind}:${job.subjectId}:${job.dueOn}:${job.recipient}`;
}

export function subjectReminderJobId(kind: string, job: Pick<SubjectReminderJob, 'subjectId' | 'dueOn' | 'recipient'>): string {
  return subjectReminderKey(kind, job).replace(/:/g, '.');
}

/** `<id>.week-<n>`: a review point of a placement, a sustainment check of a job. */
export function weekSubject(id: string, week: number): string {
  return `${id}.week-${week}`;
}

export function parseWeekSubject(subjectId: string): { id: string; week: number } | undefined {
  const match = /^([0-9a-f-]{36})\.week-(\d{1,3})$/i.exec(subjectId);
  return match ? { id: match[1], week: Number(match[2]) } : undefined;
}

export function recipientId(recipient: RecipientRef): { kind: 'user' | 'person'; id: string } | { kind: 'supervisor' } {
  if (recipient === 'supervisor') return { kind: 'supervisor' };
  const [kind, id] = recipient.split(':') as ['user' | 'person', string];
  return { kind, id };
}
