import { EntityManager } from 'typeorm';

export interface PeriodCount {
  inPeriod: number;
  toDate: number;
}

export interface PlacementOutcomeCounts {
  placementsStarted: PeriodCount;
  placementsActiveNow: number;
  placementsCompleted: PeriodCount;
  placementsEndedEarly: PeriodCount;
}

/**
 * Placements counted in one statement: started, completed and ended early from `from` to `to` by
 * the dates people record, and in all up to `asOf`; active now regardless of dates.
 */
export async function placementOutcomeCounts(manager: EntityManager, organisationId: string, range: { from: string; to: string }, asOf: string): Promise<PlacementOutcomeCounts> {
  const [row] = await manager.query(
    `WITH p AS (SELECT status, starts_on, ended_on, activated_at FROM placements WHERE organisation_id = $1 AND starts_on <= $4::date)
     SELECT json_build_object(
       'placementsStarted', json_build_object('inPeriod', (SELECT count(*) FROM p WHERE activated_at IS NOT NULL AND starts_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM p WHERE activated_at IS NOT NULL)),
       'placementsActiveNow', (SELECT count(*) FROM p WHERE status = 'active'),
       'placementsCompleted', json_build_object('inPeriod', (SELECT count(*) FROM p WHERE status = 'completed' AND ended_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM p WHERE status = 'completed' AND coalesce(ended_on, $4::date) <= $4::date)),
       'placementsEndedEarly', json_build_object('inPeriod', (SELECT count(*) FROM p WHERE status = 'ended-early' AND ended_on BETWEEN $2::date AND $3::date), 'toDate', (SELECT count(*) FROM p WHERE status = 'ended-early' AND coalesce(ended_on, $4::date) <= $4::date))
     ) AS counts`,
    [organisationId, range.from, range.to, asOf],
  );
  return row.counts;
}
