import { CohortRecords } from '../completion/cohort-progress';
import { AttendanceStatus, withdrawnOn } from '../engine/completion';
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

/** Every enrolment of the cohort with what this session's register holds for them (records fetched for this session). */
export function registerLines(records: CohortRecords, session: CohortSession): RegisterLine[] {
  return records.enrolments.map((e) => ({
    enrolmentId: e.enrolmentId,
    personId: e.personId,
    name: e.name,
    withdrawn: withdrawnOn(e.withdrawals, session.heldOn),
    status: e.attendance.get(session.id) ?? null,
    note: e.noteAtSession,
  }));
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
