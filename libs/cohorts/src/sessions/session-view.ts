import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';

export interface SessionView {
  id: string;
  cohortId: string;
  /** Week number among the sessions held; null for a cancelled session. */
  week: number | null;
  startsAt: Date;
  heldOn: string;
  startTime: string;
  durationMinutes: number;
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  note: string | null;
  registerVersion: number;
  registerSavedAt: Date | null;
}

/** Sessions with their local start time and week number, in the organisation's time zone. */
export async function loadSessionViews(manager: EntityManager, organisationId: string, cohortId: string, sessionId?: string): Promise<SessionView[]> {
  return queryNamed<SessionView[]>(
    manager,
    `SELECT * FROM (
       SELECT s.id, s.cohort_id AS "cohortId",
              CASE WHEN s.status = 'scheduled' THEN (count(*) FILTER (WHERE s.status = 'scheduled') OVER (ORDER BY s.starts_at, s.id))::int END AS week,
              s.starts_at AS "startsAt", to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn",
              to_char(s.starts_at AT TIME ZONE ${organisationTimeZoneSql(':organisation')}, 'HH24:MI') AS "startTime",
              s.duration_minutes AS "durationMinutes", s.venue, s.status, s.note,
              s.register_version AS "registerVersion", s.register_saved_at AS "registerSavedAt"
         FROM cohort_sessions s
        WHERE s.organisation_id = :organisation AND s.cohort_id = :cohortId) v
      WHERE :sessionId::uuid IS NULL OR v.id = :sessionId
      ORDER BY v."startsAt", v.id`,
    { organisation: organisationId, cohortId, sessionId: sessionId ?? null },
  );
}
