import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReminderOutcome } from '../reminder-kind';
import { longDate, reminderFor } from '../reminder-email';
import { SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const ABSENCE_FOLLOW_UP = 'absence-follow-up';

/** A flag not followed up within this long is left to the at-risk list: a week-old nudge helps nobody. */
const FOLLOW_UP_WINDOW_DAYS = 14;

/**
 * The at-risk event still warrants a follow-up: not yet marked notified, recent, and the person is
 * still enrolled (a withdrawal since makes it moot). `$1` organisation, `$2` now.
 */
const PENDING = `
  ev.organisation_id = $1 AND ev.notified_at IS NULL
  AND ev.detected_at <= $2::timestamptz AND ev.detected_at > $2::timestamptz - make_interval(days => ${FOLLOW_UP_WINDOW_DAYS})
  AND e.status = 'enrolled'
  AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.organisation_id = $1 AND w.enrolment_id = e.id AND w.readmitted_on IS NULL)`;

const EVENTS = `
  at_risk_events ev
  JOIN organisations o ON o.id = ev.organisation_id
  JOIN enrolments e ON e.organisation_id = ev.organisation_id AND e.id = ev.enrolment_id`;

const DUE_ON = `to_char((ev.detected_at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD')`;

/**
 * Marks pending events (all of the organisation's, or the one `$2` names) notified once no active
 * trainer of the cohort is still without a sent or skipped delivery for them. `$3` is the kind.
 */
const SETTLE = `
  UPDATE at_risk_events ev SET notified_at = now()
    FROM organisations o
   WHERE o.id = ev.organisation_id AND ev.organisation_id = $1 AND ev.notified_at IS NULL AND ($2::bigint IS NULL OR ev.id = $2::bigint)
     AND EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id)
     AND NOT EXISTS (
       SELECT 1 FROM cohort_trainers t
         JOIN memberships m ON m.organisation_id = t.organisation_id AND m.user_id = t.user_id AND m.status = 'active'
        WHERE t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id
          AND NOT EXISTS (
            SELECT 1 FROM deliveries d
             WHERE d.organisation_id = ev.organisation_id AND d.status IN ('sent', 'skipped')
               AND d.key = $3 || ':' || ev.id || ':' || ${DUE_ON} || ':user:' || t.user_id))`;

/**
 * Absence follow-up: each trainer of the cohort hears once when one of their learners is flagged at
 * risk (two absences in a row, attendance below the minimum). The delivery log makes it once per
 * trainer; `notified_at` on the event is set once every trainer has had it (or was skipped), so the
 * reconciler stops looking at the event — the index on pending events keeps that query small. Two
 * trainers' sends finishing at the same moment may each miss the other's, so the reconciler settles
 * such events too before it reads what is due.
 */
@Injectable()
export class AbsenceFollowUps extends SubjectReminderKind {
  readonly name = ABSENCE_FOLLOW_UP;

  protected async dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    await manager.query(SETTLE, [organisationId, null, ABSENCE_FOLLOW_UP]);
    return manager.query(
      `SELECT ev.id::text AS subject_id, ${DUE_ON} AS due_on, 'user:' || t.user_id AS recipient
         FROM ${EVENTS}
         JOIN cohort_trainers t ON t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id
         JOIN memberships m ON m.organisation_id = t.organisation_id AND m.user_id = t.user_id AND m.status = 'active'
        WHERE ${PENDING}
        ORDER BY ev.id, t.user_id`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    if (!/^\d{1,18}$/.test(job.subjectId) || !job.recipient.startsWith('user:')) return undefined;
    const [row]: Array<{ organisation_name: string; cohort_name: string; person_name: string; reason: string; message: string | null; held_on: string; due_on: string; trainer: boolean }> = await manager.query(
      `SELECT o.name AS organisation_name, c.name AS cohort_name, coalesce(p.preferred_name, p.name) AS person_name, ev.reason, ev.details->>'message' AS message,
              to_char(s.held_on, 'YYYY-MM-DD') AS held_on, ${DUE_ON} AS due_on,
              EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id AND t.user_id = $4::uuid) AS trainer
         FROM ${EVENTS}
         JOIN cohorts c ON c.organisation_id = ev.organisation_id AND c.id = ev.cohort_id
         JOIN people p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
         JOIN cohort_sessions s ON s.organisation_id = ev.organisation_id AND s.id = ev.session_id
        WHERE ${PENDING} AND ev.id = $3::bigint`,
      [job.organisationId, at.toISOString(), job.subjectId, job.recipient.slice('user:'.length)],
    );
    if (!row || row.due_on !== job.dueOn || !row.trainer) return undefined;
    const why = row.reason === 'consecutive-absences' ? 'missed sessions in a row' : 'attendance has fallen below the minimum for completion';
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, row.organisation_name, {
      subject: `Follow-up needed: ${row.person_name} in ${row.cohort_name} may be at risk of dropping out`,
      paragraphs: [
        `${row.person_name} in ${row.cohort_name} has been flagged at risk of dropping out after the session on ${longDate(row.held_on)}: ${row.message ?? why}.`,
        `A quick call or a word before the next session often makes the difference. Please get in touch with ${row.person_name} and record anything that affects their attendance.`,
        `You can see everyone at risk in your cohorts on the at-risk list.`,
      ],
      text: `${row.person_name} in ${row.cohort_name} may be at risk of dropping out (${row.message ?? why}). Please get in touch with them before the next session.`,
      personalisation: { person: row.person_name, cohort: row.cohort_name },
    });
  }

  /** Marks the event dealt with once no active trainer of the cohort is still waiting for it. */
  async settled(job: SubjectReminderJob): Promise<void> {
    if (!/^\d{1,18}$/.test(job.subjectId)) return;
    await this.tenancy.run(job.organisationId, (manager) => manager.query(SETTLE, [job.organisationId, job.subjectId, ABSENCE_FOLLOW_UP]));
  }
}
