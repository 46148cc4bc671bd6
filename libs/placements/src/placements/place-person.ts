import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, AuditLog, organisationToday, Tenancy } from '@steppingstone/core';
import { dateProblems } from '../engine/placement-rules';
import { Opportunities } from '../hosts/opportunities';
import { requireRow } from '../hosts/references';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';
import { refuseMissingChecks } from '../checks/check-requirements';
import { refuseBadDates, refuseClash, refuseFullOpportunity, refuseMissingRiskAssessment } from './placement-checks';
import { loadPlacements, PlacementView } from './placement-view';

export interface PlacePersonCommand {
  personId: string;
  hostId: string;
  opportunityId?: string | null;
  /** Defaults to the opportunity's; required without one. */
  roleTitle?: string;
  supervisorName: string;
  supervisorContact?: string | null;
  /** Defaults to the opportunity's; required without one. */
  hoursPerWeek?: number;
  startsOn: string;
  plannedEndOn: string;
  /** Proposed (default) or straight to active. */
  status?: 'proposed' | 'active';
  partTimeCompatible?: boolean;
  riskAssessedOn?: string | null;
  supervisionIntervalDays?: number;
  reviewWeeks?: number[];
}

/** Places a person with a host, in a role, refusing dates that make no sense or clash with another placement. */
@Injectable()
export class PlacePerson {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly opportunities: Opportunities,
  ) {}

  run(actor: Actor, command: PlacePersonCommand): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      refuseBadDates(dateProblems(command));
      // The person's row lock serialises placements of one person, so the clash check holds.
      await requireRow(manager, org, 'person', command.personId, 'personId', true);
      await requireRow(manager, org, 'hosts', command.hostId, 'hostId');
      if (command.opportunityId) await requireRow(manager, org, 'opportunities', command.opportunityId, 'opportunityId');
      // Locked so that two placements cannot both take an opportunity's last place.
      const opportunity = command.opportunityId ? await this.opportunities.find(manager, org, command.opportunityId, true) : undefined;
      if (opportunity && opportunity.hostId !== command.hostId) {
        throw new PlacementsError(Code.InvalidReference, 'opportunityId must be an opportunity of the host hostId names', [
          { field: 'opportunityId', rule: 'sameHost', message: 'opportunityId must belong to the host' },
        ]);
      }
      const roleTitle = command.roleTitle ?? opportunity?.roleTitle;
      const hoursPerWeek = command.hoursPerWeek ?? opportunity?.hoursPerWeek;
      if (!roleTitle || !hoursPerWeek) {
        const missing = [!roleTitle && 'roleTitle', !hoursPerWeek && 'hoursPerWeek'].filter(Boolean) as string[];
        throw new PlacementsError(
          Code.InvalidReference,
          `${missing.join(' and ')} must be given when no opportunity is chosen`,
          missing.map((field) => ({ field, rule: 'required', message: `${field} is required without an opportunityId` })),
        );
      }

      const id = randomUUID();
      const status = command.status ?? 'proposed';
      if (opportunity) await refuseFullOpportunity(manager, org, opportunity.id, opportunity.places, id);
      if (opportunity) await refuseMissingChecks(manager, org, command.personId, opportunity.requirements, laterOf(await organisationToday(manager, org), command.startsOn));
      if (status === 'active') {
        refuseMissingRiskAssessment(opportunity?.requirements ?? [], command.riskAssessedOn);
        await refuseClash(manager, org, command.personId, {
          id,
          startsOn: command.startsOn,
          plannedEndOn: command.plannedEndOn,
          endedOn: null,
          partTimeCompatible: command.partTimeCompatible ?? false,
        });
      }
      await manager.query(
        `INSERT INTO placements (organisation_id, id, person_id, host_id, opportunity_id, role_title, supervisor_name, supervisor_contact, hours_per_week, starts_on, planned_end_on,
                                 status, part_time_compatible, risk_assessed_on, supervision_interval_days, review_weeks, activated_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, coalesce($15, 14), coalesce($16, '{6,12}'::int[]), CASE WHEN $12 = 'active' THEN now() END, $17)`,
        [
          org,
          id,
          command.personId,
          command.hostId,
          opportunity?.id ?? null,
          roleTitle,
          command.supervisorName,
          command.supervisorContact ?? null,
          hoursPerWeek,
          command.startsOn,
          command.plannedEndOn,
          status,
          command.partTimeCompatible ?? false,
          command.riskAssessedOn ?? null,
          command.supervisionIntervalDays ?? null,
          command.reviewWeeks ?? null,
          actor.userId,
        ],
      );
      await this.audit.record(manager, actor, { action: 'placement.created', entityType: 'placement', entityId: id, details: { personId: command.personId, hostId: command.hostId, status } });
      const [view] = await loadPlacements(manager, org, 'p.id = :id', { id });
      return view;
    });
  }
}

/** Checks must be valid today and on the day the placement starts. */
export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
