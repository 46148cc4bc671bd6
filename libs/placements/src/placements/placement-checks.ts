import { EntityManager } from 'typeorm';
import { clashes, DatedPlacement, LIVE_STATUSES } from '../engine/placement-rules';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';

/**
 * Refuses a placement that would take up the same days as another live placement of the same
 * person (unless both are part-time-compatible), naming the one it clashes with. The caller holds
 * the person's row lock, so two coordinators cannot both place the same person at once.
 */
export async function refuseClash(manager: EntityManager, organisationId: string, personId: string, candidate: DatedPlacement): Promise<void> {
  const others: Array<DatedPlacement & { hostName: string; roleTitle: string; status: string }> = await manager.query(
    `SELECT p.id, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.planned_end_on, 'YYYY-MM-DD') AS "plannedEndOn", to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn",
            p.part_time_compatible AS "partTimeCompatible", h.name AS "hostName", p.role_title AS "roleTitle", p.status
       FROM placements p JOIN host_organisations h ON h.organisation_id = p.organisation_id AND h.id = p.host_id
      WHERE p.organisation_id = $1 AND p.person_id = $2 AND p.status = ANY($3) AND p.id <> $4`,
    [organisationId, personId, LIVE_STATUSES, candidate.id],
  );
  const clash = others.find((other) => clashes(candidate, other));
  if (!clash) return;
  const message = `The person already has a ${clash.status} placement as ${clash.roleTitle} at ${clash.hostName} from ${clash.startsOn} to ${clash.endedOn ?? clash.plannedEndOn} (placement ${clash.id}); mark both part-time-compatible to allow both`;
  throw new PlacementsError(Code.OverlappingPlacement, message, [{ field: 'startsOn', rule: 'noOverlap', message }], { clashingPlacementId: clash.id });
}

/** Lone working needs a risk assessment on record before the placement goes active. */
export function refuseMissingRiskAssessment(requirements: string[], riskAssessedOn: string | null | undefined): void {
  if (requirements.includes('lone-working-risk-assessment') && !riskAssessedOn) {
    const message = 'This role involves lone working: record riskAssessedOn (the date of the risk assessment) before the placement goes active';
    throw new PlacementsError(Code.RequirementNotMet, message, [{ field: 'riskAssessedOn', rule: 'required', message }]);
  }
}

/** The opportunity's places, counting those taken by placements still proposed, active or paused. */
export async function refuseFullOpportunity(manager: EntityManager, organisationId: string, opportunityId: string, places: number, exceptPlacementId: string): Promise<void> {
  const [{ taken }]: Array<{ taken: number }> = await manager.query(
    `SELECT count(*)::int AS taken FROM placements WHERE organisation_id = $1 AND opportunity_id = $2 AND status IN ('proposed', 'active', 'paused') AND id <> $3`,
    [organisationId, opportunityId, exceptPlacementId],
  );
  if (taken >= places) {
    throw new PlacementsError(Code.OpportunityFull, `All ${places} place(s) of this opportunity are taken`, [
      { field: 'opportunityId', rule: 'hasPlace', message: `the opportunity has ${places} place(s), all taken` },
    ]);
  }
}

export function refuseBadDates(problems: Array<{ field: string; rule: string; message: string }>): void {
  if (problems.length) throw new PlacementsError(Code.InvalidDates, problems.map((p) => p.message).join('; '), problems);
}
