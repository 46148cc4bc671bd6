import { placementOutcomeCounts } from '@steppingstone/placements';
import { jobOutcomeCounts } from '@steppingstone/progression';
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
 * Placements (counted by the placements lib) and jobs (by progression), each in one statement:
 * what happened in the period (by the dates people record: start, end, the date a sustainment check
 * was made), and in all up to `asOf`, the day the report is made. The funnel beside it counts how far people have come up to that same day, so a
 * job sustained at 26 weeks is counted to date by both, whenever its check was recorded.
 */
export async function placementOutcomes(manager: EntityManager, organisationId: string, period: ReportPeriod, asOf: string): Promise<PlacementOutcomes> {
  const range = { from: period.from, to: period.to };
  const placements = await placementOutcomeCounts(manager, organisationId, range, asOf);
  const jobs = await jobOutcomeCounts(manager, organisationId, range, asOf);
  const { placementsStarted, placementsActiveNow, placementsCompleted, placementsEndedEarly } = placements;
  const { jobsStarted, paidRolesStarted, sustained13Weeks, sustained26Weeks, notSustained, byContractType } = jobs;
  return { placementsStarted, placementsActiveNow, placementsCompleted, placementsEndedEarly, jobsStarted, paidRolesStarted, sustained13Weeks, sustained26Weeks, notSustained, byContractType };
}
