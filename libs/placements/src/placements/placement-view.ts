import { EntityManager } from 'typeorm';
import { daysBetween, NamedParams, organisationToday, queryNamed } from '@steppingstone/core';
import { PlacementStatus, ReviewPoint, reviewPoints, SupervisionDue, supervisionDue } from '../engine/placement-rules';
import { lastActivitySql, noActivityDaysSql } from '@steppingstone/field';
import { personRecordSql } from '@steppingstone/people';

export interface PlacementView {
  id: string;
  personId: string;
  personName: string;
  hostId: string;
  hostName: string;
  opportunityId: string | null;
  roleTitle: string;
  supervisorName: string;
  supervisorContact: string | null;
  hoursPerWeek: number;
  startsOn: string;
  plannedEndOn: string;
  endedOn: string | null;
  status: PlacementStatus;
  endReason: string | null;
  partTimeCompatible: boolean;
  riskAssessedOn: string | null;
  reviewWeeks: number[];
  supervision: SupervisionDue;
  reviews: ReviewPoint[];
  /** The supervision session that signed the mentor off to visit alone; null until then. */
  loneWorkingSignedOffOn: string | null;
  /** Logged activity, as supervision sees it: flagged once nothing is logged for the organisation's number of days. */
  activity: PlacementActivity;
  startedAt: Date | null;
  createdAt: Date;
  version: number;
}

export interface PlacementActivity {
  lastLoggedOn: string | null;
  /** Days since the last entry, or since the placement started when nothing is logged. */
  quietDays: number;
  noActivityDays: number;
  /** Active, and quiet for noActivityDays or more. */
  noActivityFlag: boolean;
}

type Row = Omit<PlacementView, 'supervision' | 'reviews' | 'activity'> & {
  lastLoggedOn: string | null;
  noActivityDays: number;
  supervisionIntervalDays: number;
  lastHeldOn: string | null;
  held: Array<{ week: number; heldOn: string; outcome: string }>;
};

const SELECT = `
  SELECT p.id, p.person_id AS "personId", pe.name AS "personName", p.host_id AS "hostId", h.name AS "hostName", p.opportunity_id AS "opportunityId",
         p.role_title AS "roleTitle", p.supervisor_name AS "supervisorName", p.supervisor_contact AS "supervisorContact", p.hours_per_week::float AS "hoursPerWeek",
         to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.planned_end_on, 'YYYY-MM-DD') AS "plannedEndOn", to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn",
         p.status, p.end_reason AS "endReason", p.part_time_compatible AS "partTimeCompatible", to_char(p.risk_assessed_on, 'YYYY-MM-DD') AS "riskAssessedOn",
         p.supervision_interval_days AS "supervisionIntervalDays", p.review_weeks AS "reviewWeeks", p.activated_at AS "startedAt", p.created_at AS "createdAt", p.version,
         (SELECT to_char(max(s.held_on), 'YYYY-MM-DD') FROM supervision_records s WHERE s.organisation_id = p.organisation_id AND s.placement_id = p.id) AS "lastHeldOn",
         (SELECT to_char(min(s.held_on), 'YYYY-MM-DD') FROM supervision_records s WHERE s.organisation_id = p.organisation_id AND s.placement_id = p.id AND s.lone_working_signed_off) AS "loneWorkingSignedOffOn",
         to_char(${lastActivitySql('p.organisation_id', 'p.person_id')}, 'YYYY-MM-DD') AS "lastLoggedOn", ${noActivityDaysSql('p.organisation_id')} AS "noActivityDays",
         coalesce((SELECT jsonb_agg(jsonb_build_object('week', r.week, 'heldOn', to_char(r.held_on, 'YYYY-MM-DD'), 'outcome', r.outcome))
                     FROM placement_reviews r WHERE r.organisation_id = p.organisation_id AND r.placement_id = p.id), '[]'::jsonb) AS held
    FROM placements p
    JOIN LATERAL (${personRecordSql('p.organisation_id', 'p.person_id')}) pe ON true
    JOIN host_organisations h ON h.organisation_id = p.organisation_id AND h.id = p.host_id`;

/**
 * Placements as people see them, with the next supervision and the review points worked out from
 * the records. `where` is SQL over the alias p with named parameters; `:org` is the organisation.
 */
export async function loadPlacements(manager: EntityManager, organisationId: string, where: string, params: NamedParams): Promise<PlacementView[]> {
  const rows: Row[] = await queryNamed(manager, `${SELECT} WHERE p.organisation_id = :org AND ${where} ORDER BY p.starts_on DESC, p.created_at DESC, p.id`, { ...params, org: organisationId });
  if (!rows.length) return [];
  const today = await organisationToday(manager, organisationId);
  return rows.map(({ supervisionIntervalDays, lastHeldOn, held, lastLoggedOn, noActivityDays, ...row }) => ({
    ...row,
    activity: placementActivity(row, lastLoggedOn, noActivityDays, today),
    supervision: supervisionDue({ startsOn: row.startsOn, status: row.status, supervisionIntervalDays }, lastHeldOn, today),
    reviews: reviewPoints(row, new Map(held.map((h) => [h.week, h])), today),
  }));
}

function placementActivity(placement: { status: PlacementStatus; startsOn: string }, lastLoggedOn: string | null, noActivityDays: number, today: string): PlacementActivity {
  const from = lastLoggedOn ?? placement.startsOn;
  const quietDays = Math.max(0, daysBetween(from, today));
  return { lastLoggedOn, quietDays, noActivityDays, noActivityFlag: placement.status === 'active' && placement.startsOn <= today && quietDays >= noActivityDays };
}
