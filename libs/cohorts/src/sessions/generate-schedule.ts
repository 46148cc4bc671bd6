import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, queryNamed, Tenancy } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { planSchedule, ScheduleException } from '../engine/schedule';
import { loadSessionViews, SessionView } from './session-view';

export interface GenerateScheduleCommand {
  /** Defaults to the cohort's start date. */
  firstDate?: string;
  weekday: number;
  sessions: number;
  startTime: string;
  durationMinutes: number;
  /** Defaults to the cohort's venue. */
  venue?: string | null;
  exceptions?: ScheduleException[];
}

/**
 * Lays out a cohort's weekly sessions in the organisation's time zone (stored as UTC instants, so a
 * 6 pm session stays at 6 pm local time either side of a clock change).
 */
@Injectable()
export class GenerateSchedule {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
  ) {}

  run(actor: Actor, cohortId: string, command: GenerateScheduleCommand): Promise<SessionView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const cohort = await this.access.cohort(manager, actor, cohortId, true);
      const [{ existing }]: Array<{ existing: number }> = await manager.query(`SELECT count(*)::int AS existing FROM cohort_sessions WHERE organisation_id = $1 AND cohort_id = $2`, [
        actor.organisationId,
        cohort.id,
      ]);
      if (existing) {
        throw new CohortsError(Code.ScheduleExists, `This cohort already has ${existing} session(s); edit them one by one instead`, [
          { field: 'cohortId', rule: 'noSchedule', message: 'the cohort already has a schedule' },
        ]);
      }
      const plan = planSchedule({
        firstDate: command.firstDate ?? cohort.startsOn,
        weekday: command.weekday,
        sessions: command.sessions,
        startTime: command.startTime,
        durationMinutes: command.durationMinutes,
        venue: command.venue === undefined ? cohort.venue : command.venue,
        exceptions: command.exceptions ?? [],
      });
      if (plan.problems.length) throw new CohortsError(Code.InvalidSchedule, plan.problems.map((p) => p.message).join('; '), plan.problems);

      const s = plan.sessions;
      await queryNamed(
        manager,
        `INSERT INTO cohort_sessions (organisation_id, id, cohort_id, starts_at, held_on, duration_minutes, venue, status, note)
         SELECT :organisation, gen_random_uuid(), :cohortId, (x.d || ' ' || x.t)::timestamp AT TIME ZONE o.time_zone, x.d::date, x.duration, x.venue, x.status, x.note
           FROM unnest(:dates::text[], :times::text[], :durations::int[], :venues::text[], :statuses::text[], :notes::text[]) AS x(d, t, duration, venue, status, note)
           CROSS JOIN (SELECT ${organisationTimeZoneSql(':organisation')} AS time_zone) o`,
        {
          organisation: actor.organisationId,
          cohortId: cohort.id,
          dates: s.map((p) => p.localDate),
          times: s.map((p) => p.localTime),
          durations: s.map((p) => p.durationMinutes),
          venues: s.map((p) => p.venue),
          statuses: s.map((p) => p.status),
          notes: s.map((p) => p.note),
        },
      );
      await this.audit.record(manager, actor, {
        action: 'cohort.schedule-generated',
        entityType: 'cohort',
        entityId: cohort.id,
        details: { sessions: command.sessions, weekday: command.weekday, exceptions: command.exceptions?.length ?? 0 },
      });
      return loadSessionViews(manager, actor.organisationId, cohort.id);
    });
  }
}
