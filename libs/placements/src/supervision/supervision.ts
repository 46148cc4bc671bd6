import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, organisationToday, Role, Tenancy } from '@steppingstone/core';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';
import { loadPlacements, PlacementView } from '../placements/placement-view';

export interface SupervisionCommand {
  heldOn: string;
  /** Defaults to the placement's supervisor. */
  supervisorName?: string;
  notes?: string | null;
  actions?: string | null;
  wellbeingConcern?: boolean;
  /** The mentor may now visit alone (they first visit with a navigator); signed off once, in a supervision session. */
  loneWorkingSignedOff?: boolean;
}

export interface SupervisionRecord {
  id: string;
  placementId: string;
  heldOn: string;
  supervisorName: string;
  /** Present only for coordinators and admins. */
  notes?: string | null;
  actions: string | null;
  wellbeingConcern: boolean;
  loneWorkingSignedOff: boolean;
  recordedAt: Date;
}

export interface ReviewCommand {
  week: number;
  heldOn: string;
  outcome: 'continue' | 'change-needed' | 'end';
  summary?: string | null;
}

/** Whether a caller may read supervision notes: coordinators and admins only. */
export function readsSupervisionNotes(actor: Actor): boolean {
  return actor.role === Role.Admin || actor.role === Role.Coordinator;
}

/** Supervision sessions and the reviews at set points of a placement; the next due date follows from them. */
@Injectable()
export class Supervision {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  record(actor: Actor, placementId: string, command: SupervisionCommand): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const placement = await this.placement(manager, actor.organisationId, placementId);
      await this.refuseDate(manager, actor.organisationId, placement, command.heldOn, 'heldOn');
      const id = randomUUID();
      await manager.query(
        `INSERT INTO supervision_records (organisation_id, id, placement_id, held_on, supervisor_name, notes, actions, wellbeing_concern, recorded_by, lone_working_signed_off) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          actor.organisationId,
          id,
          placementId,
          command.heldOn,
          command.supervisorName ?? placement.supervisorName,
          command.notes ?? null,
          command.actions ?? null,
          command.wellbeingConcern ?? false,
          actor.userId,
          command.loneWorkingSignedOff ?? false,
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'supervision.recorded',
        entityType: 'placement',
        entityId: placementId,
        details: { supervisionId: id, heldOn: command.heldOn, wellbeingConcern: command.wellbeingConcern ?? false, loneWorkingSignedOff: command.loneWorkingSignedOff ?? false },
      });
      return (await loadPlacements(manager, actor.organisationId, 'p.id = :id', { id: placementId }))[0];
    });
  }

  list(actor: Actor, placementId: string): Promise<SupervisionRecord[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.placement(manager, actor.organisationId, placementId);
      return supervisionRecords(manager, actor.organisationId, 'placement_id = $2', [placementId], readsSupervisionNotes(actor));
    });
  }

  /** A review at one of the placement's set points; recording the same week again replaces it. */
  review(actor: Actor, placementId: string, command: ReviewCommand): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const placement = await this.placement(manager, actor.organisationId, placementId);
      if (!placement.reviewWeeks.includes(command.week)) {
        throw new PlacementsError(Code.InvalidReference, `week must be one of the placement's review points: ${placement.reviewWeeks.join(', ')}`, [
          { field: 'week', rule: 'reviewPoint', message: `week must be one of ${placement.reviewWeeks.join(', ')}` },
        ]);
      }
      await this.refuseDate(manager, actor.organisationId, placement, command.heldOn, 'heldOn');
      await manager.query(
        `INSERT INTO placement_reviews (organisation_id, placement_id, week, held_on, outcome, summary, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (organisation_id, placement_id, week) DO UPDATE SET held_on = EXCLUDED.held_on, outcome = EXCLUDED.outcome, summary = EXCLUDED.summary, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [actor.organisationId, placementId, command.week, command.heldOn, command.outcome, command.summary ?? null, actor.userId],
      );
      await this.audit.record(manager, actor, { action: 'placement.reviewed', entityType: 'placement', entityId: placementId, details: { week: command.week, outcome: command.outcome } });
      return (await loadPlacements(manager, actor.organisationId, 'p.id = :id', { id: placementId }))[0];
    });
  }

  private async placement(manager: EntityManager, org: string, id: string): Promise<PlacementView> {
    const [placement] = await loadPlacements(manager, org, 'p.id = :id', { id });
    if (!placement) throw new PlacementsError(Code.PlacementNotFound, 'Placement not found');
    return placement;
  }

  /** Sessions are recorded after they happen, within the placement's dates. */
  private async refuseDate(manager: EntityManager, org: string, placement: PlacementView, date: string, field: string): Promise<void> {
    const today = await organisationToday(manager, org);
    const problem = date < placement.startsOn ? `${field} must not be before the placement started (${placement.startsOn})` : date > today ? `${field} must not be in the future` : null;
    if (problem) throw new PlacementsError(Code.InvalidDates, problem, [{ field, rule: 'withinPlacement', message: problem }]);
  }
}

/** Supervision records matching `where` (over supervision_records, parameters after the organisation), notes only when asked for. */
export async function supervisionRecords(manager: EntityManager, org: string, where: string, params: unknown[], withNotes: boolean): Promise<SupervisionRecord[]> {
  const rows: SupervisionRecord[] = await manager.query(
    `SELECT id, placement_id AS "placementId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", supervisor_name AS "supervisorName", ${withNotes ? 'notes,' : ''}
            actions, wellbeing_concern AS "wellbeingConcern", lone_working_signed_off AS "loneWorkingSignedOff", recorded_at AS "recordedAt"
       FROM supervision_records WHERE organisation_id = $1 AND ${where} ORDER BY held_on DESC, recorded_at DESC`,
    [org, ...params],
  );
  return rows;
}
