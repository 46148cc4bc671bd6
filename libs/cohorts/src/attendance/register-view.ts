import { EntityManager } from 'typeorm';
import { AttendanceStatus } from '../engine/completion';
import { CohortSession } from '../entities/session.entity';

export interface RegisterLine {
  enrolmentId: string;
  personId: string;
  name: string;
  /** Withdrawn on the session's date: not expected, listed only if something was recorded for them. */
  withdrawn: boolean;
  status: AttendanceStatus | null;
  note: string | null;
}

export interface RegisterView {
  sessionId: string;
  cohortId: string;
  heldOn: string;
  sessionStatus: 'scheduled' | 'cancelled';
  /** Send it back with the next save; a save based on an older version is refused. */
  version: number;
  savedAt: Date | null;
  savedBy: string | null;
  entries: RegisterLine[];
}

/** Every enrolment of the cohort with what this session's register holds for them. */
export async function loadRegisterLines(manager: EntityManager, session: CohortSession): Promise<RegisterLine[]> {
  return manager.query(
    `SELECT e.id AS "enrolmentId", e.person_id AS "personId", p.name,
            EXISTS (SELECT 1 FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id
                       AND w.withdrawn_on <= $4 AND (w.readmitted_on IS NULL OR w.readmitted_on > $4)) AS withdrawn,
            a.status, a.note
       FROM enrolments e
       JOIN people p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
       LEFT JOIN attendance a ON a.organisation_id = e.organisation_id AND a.session_id = $3 AND a.enrolment_id = e.id
      WHERE e.organisation_id = $1 AND e.cohort_id = $2
      ORDER BY p.name, e.id`,
    [session.organisationId, session.cohortId, session.id, session.heldOn],
  );
}

export function registerView(session: CohortSession, lines: RegisterLine[]): RegisterView {
  return {
    sessionId: session.id,
    cohortId: session.cohortId,
    heldOn: session.heldOn,
    sessionStatus: session.status,
    version: session.registerVersion,
    savedAt: session.registerSavedAt,
    savedBy: session.registerSavedBy,
    entries: lines.filter((l) => !l.withdrawn || l.status !== null),
  };
}
