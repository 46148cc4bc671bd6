import { EntityManager } from 'typeorm';
import { NamedParams, queryNamed } from '@steppingstone/core';
import { personNameSql } from '@steppingstone/people';
import { SustainmentCheckView, sustainmentChecks, SustainmentResult } from '../engine/sustainment';

export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'temporary', 'zero-hours', 'apprenticeship', 'self-employed'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export interface JobView {
  id: string;
  personId: string;
  personName: string;
  /** Set for a post in one of the programme's own paid roles. */
  paidRoleId: string | null;
  localityId: string | null;
  employer: string;
  title: string;
  sector: string | null;
  hoursPerWeek: number;
  contractType: ContractType;
  startsOn: string;
  contractEndsOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  sustainment: SustainmentCheckView[];
  createdAt: Date;
}

type Row = Omit<JobView, 'sustainment'> & { checks: Array<{ week: number; result: SustainmentResult; checkedOn: string; note: string | null }>; today: string };

/** Jobs matching `where` (SQL over j with named placeholders; `:org` is the organisation), with their sustainment checks' state. */
export async function loadJobs(manager: EntityManager, organisationId: string, where: string, params: NamedParams): Promise<JobView[]> {
  const rows: Row[] = await queryNamed(
    manager,
    `SELECT j.id, j.person_id AS "personId", ${personNameSql('j.organisation_id', 'j.person_id')} AS "personName", j.paid_role_id AS "paidRoleId", j.locality_id AS "localityId", j.employer, j.title, j.sector,
            j.hours_per_week::float AS "hoursPerWeek", j.contract_type AS "contractType", to_char(j.starts_on, 'YYYY-MM-DD') AS "startsOn",
            to_char(j.contract_ends_on, 'YYYY-MM-DD') AS "contractEndsOn", to_char(j.ended_on, 'YYYY-MM-DD') AS "endedOn", j.end_reason AS "endReason", j.created_at AS "createdAt",
            coalesce((SELECT jsonb_agg(jsonb_build_object('week', s.week, 'result', s.result, 'checkedOn', to_char(s.checked_on, 'YYYY-MM-DD'), 'note', s.note))
                        FROM sustainment_checks s WHERE s.organisation_id = j.organisation_id AND s.job_id = j.id), '[]'::jsonb) AS checks,
            to_char((SELECT organisation_today(:org)), 'YYYY-MM-DD') AS today
       FROM jobs j
      WHERE j.organisation_id = :org AND ${where}
      ORDER BY j.starts_on DESC, j.created_at DESC, j.id`,
    { ...params, org: organisationId },
  );
  return rows.map(({ checks, today, ...job }) => ({ ...job, sustainment: sustainmentChecks(job.startsOn, checks, today) }));
}
