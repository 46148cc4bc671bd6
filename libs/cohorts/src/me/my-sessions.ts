import { Injectable } from '@nestjs/common';
import { Actor, queryNamed, Tenancy } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';
import { peopleOfAccountSql } from '@steppingstone/people';
import { AttendanceStatus } from '../engine/completion';

export interface MySession {
  sessionId: string;
  cohortId: string;
  cohortName: string;
  startsAt: Date;
  heldOn: string;
  startTime: string;
  durationMinutes: number;
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  /** Their own attendance, once the register is taken; trainers' notes are not shown. */
  attendance: AttendanceStatus | null;
}

/**
 * A participant's own sessions, through the person record linked to their login: the sessions of
 * their cohorts, except those that fell while they were withdrawn.
 */
@Injectable()
export class MySessions {
  constructor(private readonly tenancy: Tenancy) {}

  list(actor: Actor, filter: { upcoming?: boolean }): Promise<MySession[]> {
    return this.tenancy.run(actor.organisationId, (manager) =>
      queryNamed<MySession[]>(
        manager,
        `SELECT s.id AS "sessionId", c.id AS "cohortId", c.name AS "cohortName", s.starts_at AS "startsAt",
                to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", to_char(s.starts_at AT TIME ZONE ${organisationTimeZoneSql(':organisation')}, 'HH24:MI') AS "startTime",
                s.duration_minutes AS "durationMinutes", s.venue, s.status, a.status AS attendance
           FROM (${peopleOfAccountSql(':organisation', ':userId')}) p
           JOIN enrolments e ON e.organisation_id = :organisation AND e.person_id = p.id
           JOIN cohorts c ON c.organisation_id = e.organisation_id AND c.id = e.cohort_id
           JOIN cohort_sessions s ON s.organisation_id = c.organisation_id AND s.cohort_id = c.id
           LEFT JOIN attendance a ON a.organisation_id = s.organisation_id AND a.session_id = s.id AND a.enrolment_id = e.id
          WHERE (:upcoming::boolean IS NOT TRUE OR s.starts_at >= now())
            AND (a.status IS NOT NULL OR NOT EXISTS (
                  SELECT 1 FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id
                     AND w.withdrawn_on <= s.held_on AND (w.readmitted_on IS NULL OR w.readmitted_on > s.held_on)))
          ORDER BY s.starts_at, s.id`,
        { organisation: actor.organisationId, userId: actor.userId, upcoming: filter.upcoming ?? null },
      ),
    );
  }
}
