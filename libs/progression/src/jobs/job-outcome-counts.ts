import { EntityManager } from 'typeorm';

export interface JobPeriodCount {
  inPeriod: number;
  toDate: number;
}

export interface JobOutcomeCounts {
  jobsStarted: JobPeriodCount;
  paidRolesStarted: JobPeriodCount;
  sustained13Weeks: JobPeriodCount;
  sustained26Weeks: JobPeriodCount;
  notSustained: JobPeriodCount;
  byContractType: Array<{ contractType: string } & JobPeriodCount>;
}

/**
 * Jobs and sustainment checks counted in one statement: from `from` to `to` by the dates people
 * record (start, the date a check was made), and in all up to `asOf`, so a job sustained at 26
 * weeks is counted to date whenever its check was recorded, as the funnel counts it.
 */
export async function jobOutcomeCounts(manager: EntityManager, organisationId: string, range: { from: string; to: string }, asOf: string): Promise<JobOutcomeCounts> {
  const [row] = await manager.query(
    `WITH j AS (SELECT id, contract_type, paid_role_id, starts_on FROM jobs WHERE organisation_id = $1 AND starts_on <= $4::date),
          s AS (SELECT week, result, checked_on FROM sustainment_checks WHERE organisation_id = $1 AND checked_on <= $4::date)
     SELECT json_build_object(
       'jobsStarted', json_build_object('inPeriod', (SELECT count(*) FROM j WHERE starts_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM j)),
       'paidRolesStarted', json_build_object('inPeriod', (SELECT count(*) FROM j WHERE paid_role_id IS NOT NULL AND starts_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM j WHERE paid_role_id IS NOT NULL)),
       'sustained13Weeks', json_build_object('inPeriod', (SELECT count(*) FROM s WHERE week = 13 AND result = 'sustained' AND checked_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM s WHERE week = 13 AND result = 'sustained')),
       'sustained26Weeks', json_build_object('inPeriod', (SELECT count(*) FROM s WHERE week = 26 AND result = 'sustained' AND checked_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM s WHERE week = 26 AND result = 'sustained')),
       'notSustained', json_build_object('inPeriod', (SELECT count(*) FROM s WHERE result = 'not-sustained' AND checked_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM s WHERE result = 'not-sustained')),
       'byContractType', (SELECT coalesce(json_agg(json_build_object('contractType', contract_type, 'inPeriod', in_period, 'toDate', to_date) ORDER BY to_date DESC, contract_type), '[]')
                            FROM (SELECT contract_type, count(*) FILTER (WHERE starts_on BETWEEN $2::date AND $3::date) AS in_period, count(*) AS to_date FROM j GROUP BY contract_type) c)
     ) AS counts`,
    [organisationId, range.from, range.to, asOf],
  );
  return row.counts;
}
