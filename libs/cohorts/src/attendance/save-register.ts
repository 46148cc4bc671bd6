import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, ErrorDetail, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { CohortProgress } from '../completion/cohort-progress';
import { AttendanceStatus } from '../engine/completion';
import { CohortSession } from '../entities/session.entity';
import { RecordRiskEvents } from '../risk/record-risk-events';
import { RegisterLine, registerLines, registerView, RegisterView } from './register-view';

export interface RegisterEntry {
  personId: string;
  status: AttendanceStatus;
  note?: string | null;
}

export interface SaveRegisterCommand {
  /** The register version the trainer's screen was showing. */
  version: number;
  entries: RegisterEntry[];
}

const NOT_YET_POSSIBLE: AttendanceStatus[] = ['present', 'late', 'absent'];

/**
 * Saves a session's whole register in one go. The register is replaced by what is sent (a person
 * left out has nothing recorded). Sending what is already stored changes nothing and answers as a
 * success, so a retried request is harmless; anything else based on a stale version is refused
 * with the current register, so two trainers never overwrite each other unseen.
 */
@Injectable()
export class SaveRegister {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly progress: CohortProgress,
    private readonly riskEvents: RecordRiskEvents,
  ) {}

  run(actor: Actor, sessionId: string, command: SaveRegisterCommand): Promise<RegisterView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      // The row lock makes concurrent saves of one register take turns, so the version check holds.
      const { session, cohort } = await this.access.session(manager, actor, sessionId, true);
      const records = await this.progress.fetch(manager, cohort, { sessionId });
      const lines = registerLines(records, session);
      this.check(session, lines, command);

      if (sameRegister(lines, command.entries)) return registerView(session, lines);
      if (command.version !== session.registerVersion) {
        throw new CohortsError(
          Code.StaleRegister,
          `Someone saved this register since you loaded it (version ${session.registerVersion}, yours ${command.version}); here is the current register`,
          [{ field: 'version', rule: 'current', message: `version is ${session.registerVersion}` }],
          { current: registerView(session, lines) },
        );
      }

      const savedAt = await this.write(manager, actor, session, lines, command.entries);
      await this.audit.record(manager, actor, {
        action: 'register.saved',
        entityType: 'session',
        entityId: session.id,
        details: { version: session.registerVersion + 1, entries: command.entries.length },
      });
      // What was written is known, so the early warning and the answer are worked out from it
      // rather than read back.
      const byPerson = new Map(command.entries.map((e) => [e.personId, e]));
      const statuses = new Map(lines.flatMap((l) => (byPerson.has(l.personId) ? [[l.enrolmentId, byPerson.get(l.personId)!.status] as const] : [])));
      await this.riskEvents.store(manager, cohort, this.progress.evaluate(records, { sessionId, statuses }).enrolments);
      const saved = { ...session, registerVersion: session.registerVersion + 1, registerSavedAt: savedAt, registerSavedBy: actor.userId };
      return registerView(
        saved,
        lines.map((l) => ({ ...l, status: byPerson.get(l.personId)?.status ?? null, note: byPerson.get(l.personId)?.note ?? null })),
      );
    });
  }

  private check(session: CohortSession, lines: RegisterLine[], command: SaveRegisterCommand): void {
    if (session.status === 'cancelled' && command.entries.length) {
      throw new CohortsError(Code.SessionCancelled, 'This session was cancelled, so no attendance can be recorded for it', [
        { field: 'sessionId', rule: 'notCancelled', message: 'sessionId is a cancelled session' },
      ]);
    }
    const byPerson = new Map(lines.map((l) => [l.personId, l]));
    const seen = new Set<string>();
    const unknown: ErrorDetail[] = [];
    const conflicts: ErrorDetail[] = [];
    const future = session.startsAt.getTime() > Date.now();
    command.entries.forEach((entry, i) => {
      const line = byPerson.get(entry.personId);
      if (seen.has(entry.personId)) unknown.push({ field: `entries.${i}.personId`, rule: 'unique', message: `entries.${i}.personId appears more than once` });
      else if (!line) unknown.push({ field: `entries.${i}.personId`, rule: 'enrolled', message: `entries.${i}.personId is not enrolled in this cohort` });
      else if (line.withdrawn && line.status === null)
        conflicts.push({ field: `entries.${i}.personId`, rule: 'notWithdrawn', message: `entries.${i}.personId had withdrawn from the cohort by ${session.heldOn}` });
      if (future && NOT_YET_POSSIBLE.includes(entry.status))
        conflicts.push({ field: `entries.${i}.status`, rule: 'sessionHeld', message: `entries.${i}.status cannot be ${entry.status} before the session has started (only excused)` });
      seen.add(entry.personId);
    });
    if (unknown.length) throw new CohortsError(unknown.some((d) => d.rule === 'unique') ? Code.InvalidRegister : Code.NotEnrolled, unknown.map((d) => d.message).join('; '), unknown);
    const tooEarly = conflicts.filter((d) => d.rule === 'sessionHeld');
    // One sentence for the person at the register; each entry is still named in the details.
    if (tooEarly.length)
      throw new CohortsError(
        Code.SessionNotHeld,
        `The session has not started yet, so ${tooEarly.length === 1 ? 'one mark' : `${tooEarly.length} marks`} can't be saved: before it starts only "excused" can be recorded`,
        conflicts,
      );
    if (conflicts.length) throw new CohortsError(Code.WithdrawnAtSession, conflicts.map((d) => d.message).join('; '), conflicts);
  }

  /** Removes, inserts, updates and bumps the version in one statement (one round trip). */
  private async write(manager: EntityManager, actor: Actor, session: CohortSession, lines: RegisterLine[], entries: RegisterEntry[]): Promise<Date> {
    const enrolmentOf = new Map(lines.map((l) => [l.personId, l.enrolmentId]));
    const ids = entries.map((e) => enrolmentOf.get(e.personId)!);
    // TypeORM answers an UPDATE (here with RETURNING) with [rows, affected count], not the rows alone.
    const [[{ saved_at }]]: [Array<{ saved_at: Date }>, number] = await manager.query(
      `WITH removed AS (
         DELETE FROM attendance WHERE organisation_id = $1 AND session_id = $2 AND NOT (enrolment_id = ANY($4::uuid[]))
       ), written AS (
         INSERT INTO attendance (organisation_id, session_id, enrolment_id, status, note, recorded_by)
         SELECT $1, $2, x.enrolment_id, x.status, x.note, $3 FROM unnest($4::uuid[], $5::text[], $6::text[]) AS x(enrolment_id, status, note)
         ON CONFLICT (organisation_id, session_id, enrolment_id) DO UPDATE
           SET status = EXCLUDED.status, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
           WHERE (attendance.status, attendance.note) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.note)
       )
       UPDATE cohort_sessions SET register_version = register_version + 1, register_saved_at = now(), register_saved_by = $3
        WHERE organisation_id = $1 AND id = $2
       RETURNING register_saved_at AS saved_at`,
      [actor.organisationId, session.id, actor.userId, ids, entries.map((e) => e.status), entries.map((e) => e.note ?? null)],
    );
    return saved_at;
  }
}

function sameRegister(lines: RegisterLine[], entries: RegisterEntry[]): boolean {
  const stored = lines.filter((l) => l.status !== null);
  if (stored.length !== entries.length) return false;
  const byPerson = new Map(stored.map((l) => [l.personId, l]));
  return entries.every((e) => {
    const line = byPerson.get(e.personId);
    return line !== undefined && line.status === e.status && (line.note ?? null) === (e.note ?? null);
  });
}
