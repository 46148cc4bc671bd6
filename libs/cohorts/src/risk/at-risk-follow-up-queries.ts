import { activeMembershipSql, organisationTimeZoneSql } from '@steppingstone/organisations';
import { personDisplayNameSql } from '@steppingstone/people';
import { EntityManager } from 'typeorm';

/** The columns of one at-risk event and one of its cohort's trainers, as SQL expressions a caller's check is written over. */
export interface AtRiskTrainerColumns {
  /** The organisation's id. */
  organisation: string;
  /** The event's id (bigint). */
  eventId: string;
  /** The organisation's local date the event was detected, `YYYY-MM-DD` text. */
  detectedOn: string;
  /** The trainer's user id. */
  userId: string;
}

/** The local date of detection: "$1" is the organisation in every statement here. */
const DETECTED_ON = `to_char((ev.detected_at AT TIME ZONE ${organisationTimeZoneSql('$1')})::date, 'YYYY-MM-DD')`;

/**
 * The event still warrants a follow-up: not yet marked notified, detected within `windowDays`
 * before `now`, and the person still enrolled (a withdrawal since makes it moot).
 */
const pending = (now: string, windowDays: number) => `
  ev.organisation_id = $1 AND ev.notified_at IS NULL
  AND ev.detected_at <= ${now} AND ev.detected_at > ${now} - make_interval(days => ${windowDays})
  AND e.status = 'enrolled'
  AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.organisation_id = $1 AND w.enrolment_id = e.id AND w.readmitted_on IS NULL)`;

const EVENTS = `at_risk_events ev JOIN enrolments e ON e.organisation_id = ev.organisation_id AND e.id = ev.enrolment_id`;

/** Each pending at-risk event with each active trainer of its cohort, by event and trainer. */
export function atRiskFollowUps(manager: EntityManager, organisationId: string, now: Date, windowDays: number): Promise<Array<{ event_id: string; detected_on: string; user_id: string }>> {
  return manager.query(
    `SELECT ev.id::text AS event_id, ${DETECTED_ON} AS detected_on, t.user_id
       FROM ${EVENTS}
       JOIN cohort_trainers t ON t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id
      WHERE ${activeMembershipSql('t.organisation_id', 't.user_id')} AND ${pending('$2::timestamptz', windowDays)}
      ORDER BY ev.id, t.user_id`,
    [organisationId, now.toISOString()],
  );
}

export interface AtRiskFollowUpFacts {
  cohort_name: string;
  person_name: string;
  reason: string;
  message: string | null;
  held_on: string;
  detected_on: string;
  /** Whether the user is (still) a trainer of the cohort. */
  trainer: boolean;
}

/** One pending event, with whether the user trains its cohort; undefined once it no longer warrants a follow-up. */
export async function atRiskFollowUp(manager: EntityManager, organisationId: string, now: Date, windowDays: number, eventId: string, userId: string): Promise<AtRiskFollowUpFacts | undefined> {
  const [row]: AtRiskFollowUpFacts[] = await manager.query(
    `SELECT c.name AS cohort_name, ${personDisplayNameSql('e.organisation_id', 'e.person_id')} AS person_name, ev.reason, ev.details->>'message' AS message,
            to_char(s.held_on, 'YYYY-MM-DD') AS held_on, ${DETECTED_ON} AS detected_on,
            EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id AND t.user_id = $4::uuid) AS trainer
       FROM ${EVENTS}
       JOIN cohorts c ON c.organisation_id = ev.organisation_id AND c.id = ev.cohort_id
       JOIN cohort_sessions s ON s.organisation_id = ev.organisation_id AND s.id = ev.session_id
      WHERE ${pending('$2::timestamptz', windowDays)} AND ev.id = $3::bigint`,
    [organisationId, now.toISOString(), eventId, userId],
  );
  return row;
}

/**
 * Marks pending events (all of the organisation's, or the one `eventId` names) notified once no
 * active trainer of the cohort is still waiting: `followedUp` is the caller's SQL check, over the
 * columns it is given, that a trainer has had (or was deliberately skipped for) the follow-up.
 */
export async function settleAtRiskEvents(manager: EntityManager, organisationId: string, eventId: string | null, followedUp: (columns: AtRiskTrainerColumns) => string): Promise<void> {
  await manager.query(
    `UPDATE at_risk_events ev SET notified_at = now()
      WHERE ev.organisation_id = $1 AND ev.notified_at IS NULL AND ($2::bigint IS NULL OR ev.id = $2::bigint)
        AND EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id)
        AND NOT EXISTS (
          SELECT 1 FROM cohort_trainers t
           WHERE t.organisation_id = ev.organisation_id AND t.cohort_id = ev.cohort_id AND ${activeMembershipSql('t.organisation_id', 't.user_id')}
             AND NOT (${followedUp({ organisation: 'ev.organisation_id', eventId: 'ev.id', detectedOn: DETECTED_ON, userId: 't.user_id' })}))`,
    [organisationId, eventId],
  );
}
