import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, queryNamed, Tenancy } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { loadSessionViews, SessionView } from './session-view';

export interface SessionChanges {
  /** Local date and time in the organisation's time zone. */
  date?: string;
  startTime?: string;
  durationMinutes?: number;
  venue?: string | null;
  status?: 'scheduled' | 'cancelled';
  note?: string | null;
}

/** Reading a cohort's sessions and editing one of them (moving, cancelling, changing the venue). */
@Injectable()
export class CohortSessions {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
  ) {}

  list(actor: Actor, cohortId: string): Promise<SessionView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.access.cohort(manager, actor, cohortId);
      return loadSessionViews(manager, actor.organisationId, cohortId);
    });
  }

  get(actor: Actor, sessionId: string): Promise<SessionView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { session } = await this.access.session(manager, actor, sessionId);
      return (await loadSessionViews(manager, actor.organisationId, session.cohortId, sessionId))[0];
    });
  }

  edit(actor: Actor, sessionId: string, changes: SessionChanges): Promise<SessionView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { session } = await this.access.session(manager, actor, sessionId, true);
      if (changes.status === 'cancelled' && session.status !== 'cancelled') {
        // Cancelling would silently drop attendance already taken; the register must be emptied first.
        const [{ taken }]: Array<{ taken: number }> = await manager.query(`SELECT count(*)::int AS taken FROM attendance WHERE organisation_id = $1 AND session_id = $2`, [
          actor.organisationId,
          sessionId,
        ]);
        if (taken)
          throw new CohortsError(Code.SessionHasRegister, `This session has attendance for ${taken} person(s); clear its register before cancelling it`, [
            { field: 'status', rule: 'noRegister', message: 'a session with attendance cannot be cancelled' },
          ]);
      }
      await queryNamed(
        manager,
        `UPDATE cohort_sessions s
            SET starts_at = (coalesce(:heldOn, to_char(s.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD')) || ' ' || coalesce(:startTime, to_char(s.starts_at AT TIME ZONE o.time_zone, 'HH24:MI')))::timestamp AT TIME ZONE o.time_zone,
                held_on = coalesce(:heldOn::date, s.held_on),
                duration_minutes = coalesce(:durationMinutes, s.duration_minutes),
                venue = CASE WHEN :venueGiven THEN :venue ELSE s.venue END,
                status = coalesce(:status, s.status),
                note = CASE WHEN :noteGiven THEN :note ELSE s.note END,
                updated_at = now()
           FROM (SELECT ${organisationTimeZoneSql(':organisation')} AS time_zone) o
          WHERE s.organisation_id = :organisation AND s.id = :sessionId`,
        {
          organisation: actor.organisationId,
          sessionId,
          heldOn: changes.date ?? null,
          startTime: changes.startTime ?? null,
          durationMinutes: changes.durationMinutes ?? null,
          venueGiven: changes.venue !== undefined,
          venue: changes.venue ?? null,
          status: changes.status ?? null,
          noteGiven: changes.note !== undefined,
          note: changes.note ?? null,
        },
      );
      await this.audit.record(manager, actor, { action: 'session.updated', entityType: 'session', entityId: sessionId, details: { fields: Object.keys(changes) } });
      return (await loadSessionViews(manager, actor.organisationId, session.cohortId, sessionId))[0];
    });
  }
}
