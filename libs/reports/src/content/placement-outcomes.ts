import { EntityManager } from 'typeorm';
import { ReportPeriod } from '../period/report-period';

export interface OutcomeCount {
  inPeriod: number;
  toDate: number;
}

export interface PlacementOutcomes {
  placementsStarted: OutcomeCount;
  placementsActiveNow: number;
  placementsCompleted: OutcomeCount;
  placementsEndedEarly: OutcomeCount;
  jobsStarted: OutcomeCount;
  paidRolesStarted: OutcomeCount;
  sustained13Weeks: OutcomeCount;
  sustained26Weeks: OutcomeCount;
  notSustained: OutcomeCount;
  byContractType: Array<{ contractType: string } & OutcomeCount>;
}

/**
 * Placements and jobs counted in one statement: what happened in the period (by the dates people
 * record: start, end, the date a sustainment check was made), and in all up to `asOf`, the day the
 * report is made. The funnel beside it counts how far people have come up to that same day, so a
 * job sustained at 26 weeks is counted to date by both, whenever its check was recorded.
 */
export async function placementOutcomes(manager: EntityManager, organisationId: string, period: ReportPeriod, asOf: string): Promise<PlacementOutcomes> {
  const [row] = await manager.query(
    `WITH p AS (SELECT status, starts_on, ended_on, activated_at FROM placements WHERE organisation_id = $1 AND starts_on <= $4::date),
          j AS (SELECT id, contract_type, paid_role_id, starts_on FROM jobs WHERE organisation_id = $1 AND starts_on <= $4::date),
          s AS (SELECT week, result, checked_on FROM sustainment_checks WHERE organisation_id = $1 AND checked_on <= $4::date)
     SELECT json_build_object(
       'placementsStarted', json_build_object('inPeriod', (SELECT count(*) FROM p WHERE activated_at IS NOT NULL AND starts_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM p WHERE activated_at IS NOT NULL)),
       'placementsActiveNow', (SELECT count(*) FROM p WHERE status = 'active'),
       'placementsCompleted', json_build_object('inPeriod', (SELECT count(*) FROM p WHERE status = 'completed' AND ended_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM p WHERE status = 'completed' AND coalesce(ended_on, $4::date) <= $4::date)),
       'placementsEndedEarly', json_build_object('inPeriod', (SELECT count(*) FROM p WHERE status = 'ended-early' AND ended_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM p WHERE status = 'ended-early' AND coalesce(ended_on, $4::date) <= $4::date)),
       'jobsStarted', json_build_object('inPeriod', (SELECT count(*) FROM j WHERE starts_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM j)),
       'paidRolesStarted', json_build_object('inPeriod', (SELECT count(*) FROM j WHERE paid_role_id IS NOT NULL AND starts_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM j WHERE paid_role_id IS NOT NULL)),
       'sustained13Weeks', json_build_object('inPeriod', (SELECT count(*) FROM s WHERE week = 13 AND result = 'sustained' AND checked_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM s WHERE week = 13 AND result = 'sustained')),
       'sustained26Weeks', json_build_object('inPeriod', (SELECT count(*) FROM s WHERE week = 26 AND result = 'sustained' AND checked_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM s WHERE week = 26 AND result = 'sustained')),
       'notSustained', json_build_object('inPeriod', (SELECT count(*) FROM s WHERE result = 'not-sustained' AND checked_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM s WHERE result = 'not-sustained')),
       'byContractType', (SELECT coalesce(json_agg(json_build_object('contractType', contract_type, 'inPeriod', in_period, 'toDate', to_date) ORDER BY to_date DESC, contract_type), '[]')
                            FROM (SELECT contract_type, count(*) FILTER (WHERE starts_on BETWEEN $2::date AND $3::date) AS in_period, count(*) AS to_date FROM j GROUP BY contract_type) c)
     ) AS outcomes`,
    [organisationId, period.from, period.to, asOf],
  );
  return row.outcomes;
}
