import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, organisationToday, queryNamed, Tenancy } from '@steppingstone/core';
import { personExists } from '@steppingstone/people';
import { dateProblems, LIVE_STATUSES, mayMove, PlacementStatus } from '../engine/placement-rules';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';
import { refuseMissingChecks } from '../checks/check-requirements';
import { laterOf } from './place-person';
import { refuseBadDates, refuseClash, refuseMissingRiskAssessment } from './placement-checks';
import { loadPlacements, PlacementView } from './placement-view';

export interface PlacementStatusCommand {
  status: PlacementStatus;
  /** For ended-early and completed; defaults to today. */
  endedOn?: string;
  /** Required for ended-early. */
  endReason?: string;
  riskAssessedOn?: string;
}

export interface PlacementChanges {
  supervisorName?: string;
  supervisorContact?: string | null;
  hoursPerWeek?: number;
  startsOn?: string;
  plannedEndOn?: string;
  partTimeCompatible?: boolean;
  riskAssessedOn?: string | null;
  supervisionIntervalDays?: number;
  reviewWeeks?: number[];
}

const COLUMNS: Record<keyof PlacementChanges, string> = {
  supervisorName: 'supervisor_name',
  supervisorContact: 'supervisor_contact',
  hoursPerWeek: 'hours_per_week',
  startsOn: 'starts_on',
  plannedEndOn: 'planned_end_on',
  partTimeCompatible: 'part_time_compatible',
  riskAssessedOn: 'risk_assessed_on',
  supervisionIntervalDays: 'supervision_interval_days',
  reviewWeeks: 'review_weeks',
};

/** Moves a placement through its life (start, pause, resume, end) and changes its terms, re-checking clashes. */
@Injectable()
export class ChangePlacement {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  move(actor: Actor, id: string, command: PlacementStatusCommand): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const current = await this.lock(manager, org, id);
      if (!mayMove(current.status, command.status)) {
        throw new PlacementsError(Code.IllegalStatusChange, `A ${current.status} placement cannot become ${command.status}`, [
          { field: 'status', rule: 'allowedChange', message: `from ${current.status} the status can change to: ${nextOf(current.status)}` },
        ]);
      }
      const ending = command.status === 'ended-early' || command.status === 'completed';
      const endedOn = ending ? (command.endedOn ?? (await organisationToday(manager, org))) : null;
      if (command.status === 'ended-early' && !command.endReason?.trim()) {
        throw new PlacementsError(Code.InvalidDates, 'endReason is required when a placement ends early', [{ field: 'endReason', rule: 'required', message: 'say why the placement ended early' }]);
      }
      refuseBadDates(dateProblems({ startsOn: current.startsOn, plannedEndOn: current.plannedEndOn, endedOn }));
      const riskAssessedOn = command.riskAssessedOn ?? current.riskAssessedOn;
      if (command.status === 'active') {
        refuseMissingRiskAssessment(current.requirements, riskAssessedOn);
        // Checked again on going active: one valid when proposed may have expired since.
        await refuseMissingChecks(manager, org, current.personId, current.requirements, laterOf(await organisationToday(manager, org), current.startsOn));
        await refuseClash(manager, org, current.personId, { ...current, endedOn: null });
      }
      await manager.query(
        `UPDATE placements SET status = $3, ended_on = $4, end_reason = $5, risk_assessed_on = $6, version = version + 1, updated_at = now(),
                activated_at = CASE WHEN $3 = 'active' THEN coalesce(activated_at, now()) ELSE activated_at END
          WHERE organisation_id = $1 AND id = $2`,
        [org, id, command.status, endedOn, command.status === 'ended-early' ? command.endReason!.trim() : null, riskAssessedOn ?? null],
      );
      await this.audit.record(manager, actor, {
        action: 'placement.status-changed',
        entityType: 'placement',
        entityId: id,
        details: { from: current.status, to: command.status, endedOn, endReason: command.endReason ?? null },
      });
      return (await loadPlacements(manager, org, 'p.id = :id', { id }))[0];
    });
  }

  update(actor: Actor, id: string, changes: PlacementChanges): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const current = await this.lock(manager, org, id);
      const next = { ...current, ...stripUndefined(changes) };
      refuseBadDates(dateProblems(next));
      if (LIVE_STATUSES.includes(current.status)) await refuseClash(manager, org, current.personId, next);
      const fields = (Object.keys(COLUMNS) as Array<keyof PlacementChanges>).filter((f) => changes[f] !== undefined);
      if (fields.length) {
        await queryNamed(
          manager,
          `UPDATE placements SET ${fields.map((f) => `${COLUMNS[f]} = :${f}`).join(', ')}, version = version + 1, updated_at = now() WHERE organisation_id = :org AND id = :id`,
          { ...Object.fromEntries(fields.map((f) => [f, changes[f]])), org, id },
        );
        await this.audit.record(manager, actor, { action: 'placement.updated', entityType: 'placement', entityId: id, details: { fields } });
      }
      return (await loadPlacements(manager, org, 'p.id = :id', { id }))[0];
    });
  }

  /** Locks the person's row first (as placing does), then the placement, so clash checks never race. */
  private async lock(manager: EntityManager, org: string, id: string) {
    const [row]: Array<{ personId: string }> = await manager.query(`SELECT person_id AS "personId" FROM placements WHERE organisation_id = $1 AND id = $2`, [org, id]);
    if (!row) throw new PlacementsError(Code.PlacementNotFound, 'Placement not found');
    await personExists(manager, org, row.personId, { lock: true });
    const [current]: Array<{
      id: string;
      personId: string;
      status: PlacementStatus;
      startsOn: string;
      plannedEndOn: string;
      endedOn: string | null;
      partTimeCompatible: boolean;
      riskAssessedOn: string | null;
      requirements: string[];
    }> = await manager.query(
      `SELECT p.id, p.person_id AS "personId", p.status, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.planned_end_on, 'YYYY-MM-DD') AS "plannedEndOn",
              to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn", p.part_time_compatible AS "partTimeCompatible", to_char(p.risk_assessed_on, 'YYYY-MM-DD') AS "riskAssessedOn",
              coalesce(o.requirements, '{}') AS requirements
         FROM placements p LEFT JOIN placement_opportunities o ON o.organisation_id = p.organisation_id AND o.id = p.opportunity_id
        WHERE p.organisation_id = $1 AND p.id = $2 FOR UPDATE OF p`,
      [org, id],
    );
    return current;
  }
}

function nextOf(status: PlacementStatus): string {
  const all: PlacementStatus[] = ['proposed', 'active', 'paused', 'ended-early', 'completed'];
  return all.filter((s) => mayMove(status, s)).join(', ') || 'nothing (it has ended)';
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
