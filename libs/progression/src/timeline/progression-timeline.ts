import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { personEnrolmentsSql } from '@steppingstone/cohorts';
import { Actor, queryNamed, Tenancy } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';
import { personPlacementsSql } from '@steppingstone/placements';
import { personApplicationsSql } from '@steppingstone/recruitment';
import { requireReadablePerson } from './person-access';

export const MILESTONES = ['applied', 'enrolled', 'completed', 'placed', 'employed', 'sustained'] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface TimelineEntry {
  milestone: Milestone;
  /** The day it happened, in the organisation's calendar. */
  on: string;
  details: Record<string, unknown>;
}

export interface ProgressionTimeline {
  personId: string;
  personName: string;
  /** Whether each milestone has been reached at least once (sustained: at 26 weeks). */
  reached: Record<Milestone, boolean>;
  milestones: TimelineEntry[];
}

/**
 * A person's path from application to sustained work, read from the records each milestone lives
 * in (applications, enrolments, placements, jobs, sustainment checks), so nothing is typed twice.
 * The other libs' records arrive as statements they export, folded into this one.
 */
@Injectable()
export class ProgressionTimelines {
  constructor(private readonly tenancy: Tenancy) {}

  forPerson(actor: Actor, personId: string): Promise<ProgressionTimeline> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const person = await requireReadablePerson(manager, actor, personId);
      return timelineOf(manager, actor.organisationId, person);
    });
  }
}

export async function timelineOf(manager: EntityManager, organisationId: string, person: { id: string; name: string }): Promise<ProgressionTimeline> {
  const day = (at: string) => `to_char((${at} AT TIME ZONE ${organisationTimeZoneSql(':org')})::date, 'YYYY-MM-DD')`;
  const milestones: TimelineEntry[] = await queryNamed(
    manager,
    `SELECT milestone, "on", details FROM (
       SELECT 'applied' AS milestone, ${day('a.applied_at')} AS "on", 1 AS rank, a.applied_at AS at,
              jsonb_build_object('applicationId', a.id, 'programmeName', a.programme_name, 'intakeName', a.intake_name, 'stage', a.stage) AS details
         FROM (${personApplicationsSql(':org', ':personId')}) a
       UNION ALL
       SELECT 'enrolled', ${day('e.enrolled_at')}, 2, e.enrolled_at, jsonb_build_object('enrolmentId', e.id, 'cohortId', e.cohort_id, 'cohortName', e.cohort_name)
         FROM (${personEnrolmentsSql(':org', ':personId')}) e
       UNION ALL
       SELECT 'completed', ${day('e.completed_at')}, 3, e.completed_at, jsonb_build_object('enrolmentId', e.id, 'cohortId', e.cohort_id, 'cohortName', e.cohort_name)
         FROM (${personEnrolmentsSql(':org', ':personId')}) e
        WHERE e.status = 'completed' AND e.completed_at IS NOT NULL
       UNION ALL
       SELECT 'placed', to_char(p.starts_on, 'YYYY-MM-DD'), 4, p.activated_at, jsonb_build_object('placementId', p.id, 'hostName', p.host_name, 'roleTitle', p.role_title, 'status', p.status)
         FROM (${personPlacementsSql(':org', ':personId')}) p
        WHERE p.activated_at IS NOT NULL
       UNION ALL
       SELECT 'employed', to_char(j.starts_on, 'YYYY-MM-DD'), 5, j.created_at, jsonb_build_object('jobId', j.id, 'employer', j.employer, 'title', j.title, 'paidRoleId', j.paid_role_id)
         FROM jobs j WHERE j.organisation_id = :org AND j.person_id = :personId
       UNION ALL
       SELECT 'sustained', to_char(j.starts_on + s.week * 7, 'YYYY-MM-DD'), 6, s.recorded_at, jsonb_build_object('jobId', j.id, 'employer', j.employer, 'title', j.title, 'weeks', s.week)
         FROM sustainment_checks s JOIN jobs j ON j.organisation_id = s.organisation_id AND j.id = s.job_id
        WHERE s.organisation_id = :org AND j.person_id = :personId AND s.result = 'sustained'
     ) m ORDER BY "on", rank, at`,
    { org: organisationId, personId: person.id },
  );
  // Sustained, as in the funnel, means still in work at 26 weeks; the 13-week check is shown on the way.
  const counts = (entry: TimelineEntry, m: Milestone) => entry.milestone === m && (m !== 'sustained' || entry.details.weeks === 26);
  const reached = Object.fromEntries(MILESTONES.map((m) => [m, milestones.some((entry) => counts(entry, m))])) as Record<Milestone, boolean>;
  return { personId: person.id, personName: person.name, reached, milestones };
}
