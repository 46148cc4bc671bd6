import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { localityNames } from '@steppingstone/areas';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { APPLICATION_STAGES, Applications, ApplicationStage } from '@steppingstone/recruitment';
import { chooseReplacement } from '../engine/selection/alternates';
import { INTERSECTION_SEPARATOR, Quota, QuotaOutcome } from '../engine/selection/types';
import { resolveDimensions } from '../gaps/gap-analyses';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { loadSelectionPool, PoolMember, SELECTABLE_STAGES } from './selection-pool';
import type { SelectionInputs } from './selection-problem';
import { findSelection, StoredSelection } from './selection-store';

export interface StoredReplacement {
  id: string;
  selectionId: string;
  declinedApplicationId: string;
  offeredApplicationId: string;
  /** True when the panel with the alternate meets every quota (and the household rule). */
  keepsQuotas: boolean;
  /** Quotas outside their bounds after the replacement. */
  brokenQuotas: QuotaOutcome[];
  /** Every quota with the panel's count after the replacement. */
  quotas: QuotaOutcome[];
  reason: string;
  createdAt: Date;
}

const REPLACEMENT_COLUMNS = `id, selection_id AS "selectionId", declined_application_id AS "declinedApplicationId", offered_application_id AS "offeredApplicationId",
  keeps_quotas AS "keepsQuotas", broken_quotas AS "brokenQuotas", quotas, reason, created_at AS "createdAt"`;

/** Where someone who turns down an offered place goes; someone who had accepted withdraws instead. */
const LEAVING: Partial<Record<ApplicationStage, ApplicationStage>> = { offered: 'declined', accepted: 'withdrawn' };
const GONE: ApplicationStage[] = ['declined', 'withdrawn'];

/**
 * Someone on an applied selection's panel declines or drops out: the best of the selection's
 * alternates still waiting is offered the place, in one transaction with the decliner's move and
 * a record of why (the quotas kept, or the ones no alternate could keep).
 */
@Injectable()
export class SelectionReplacements {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly applications: Applications,
  ) {}

  list(actor: Actor, selectionId: string): Promise<StoredReplacement[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await findSelection(manager, actor.organisationId, selectionId);
      return replacementsOf(manager, actor.organisationId, selectionId);
    });
  }

  replace(actor: Actor, selectionId: string, declinedApplicationId: string): Promise<StoredReplacement & { alternatesLeft: number }> {
    const org = actor.organisationId;
    return this.tenancy.run(org, async (manager) => {
      // The lock orders replacements on one selection, so two declines never offer the same alternate.
      const selection = await findSelection(manager, org, selectionId, true);
      if (selection.status !== 'done' || !selection.appliedAt) {
        throw new RepresentativenessError(Code.SelectionNotApplied, 'Only a selection whose places have been offered (applied) can have replacements', [
          { field: 'selection', rule: 'applied', message: selection.status === 'done' ? 'the selection has not been applied' : `the selection is ${selection.status}` },
        ]);
      }
      const declined = await this.applications.find(manager, org, declinedApplicationId, true);
      const earlier = await replacementsOf(manager, org, selectionId);
      const panel = currentPanel(selection, earlier);
      if (!panel.includes(declined.id)) {
        throw new RepresentativenessError(Code.SelectionInvalid, 'This applicant is not on the selection’s panel', [
          { field: 'applicationId', rule: 'onPanel', message: 'applicationId must be on the selection’s panel (as drawn, or as a replacement)' },
        ]);
      }

      const pool = await loadPoolOf(manager, org, selection);
      const byId = new Map(pool.map((member) => [member.id, member]));
      const used = new Set(earlier.map((r) => r.offeredApplicationId));
      // Alternates still waiting: not offered already, and not moved on by themselves (withdrawn, or offered elsewhere).
      const waiting = (selection.alternates?.alternates ?? []).map((a) => a.applicationId).filter((id) => !used.has(id) && SELECTABLE_STAGES.includes(byId.get(id)?.stage ?? ''));
      if (!waiting.length) {
        throw new RepresentativenessError(Code.SelectionNoAlternate, 'No alternate is left to offer this place to', [
          { field: 'selection', rule: 'alternateLeft', message: 'every alternate of this selection has been offered a place or has moved on' },
        ]);
      }
      const quotas = (selection.quotaTable ?? []).map(({ category, feature, min, max }) => ({ category, feature, min, max }));
      const respondents = [...panel, ...waiting].map((id) => byId.get(id)!);
      const choice = chooseReplacement({ respondents, quotas, panel, declined: declined.id, alternates: waiting });
      const offeredId = choice.replacement!;

      const leaving = LEAVING[declined.stage];
      if (leaving) await this.applications.moveInTransaction(manager, actor, declined, leaving, `Declined a place from fair selection ${selectionId}`);
      else if (!GONE.includes(declined.stage)) await this.applications.moveInTransaction(manager, actor, declined, 'declined', `Declined a place from fair selection ${selectionId}`);
      const offered = await this.applications.find(manager, org, offeredId, true);
      await this.applications.moveInTransaction(manager, actor, offered, 'offered', `Alternate offered the place ${declined.id} declined (fair selection ${selectionId})`);

      const after = panel.filter((id) => id !== declined.id).concat(offeredId);
      const counts = quotaCounts(
        quotas,
        after.map((id) => byId.get(id)!),
      );
      const id = randomUUID();
      await manager.query(
        `INSERT INTO selection_replacements (organisation_id, id, selection_id, declined_application_id, offered_application_id, keeps_quotas, broken_quotas, quotas, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [org, id, selectionId, declined.id, offeredId, choice.keepsQuotas, JSON.stringify(choice.brokenQuotas), JSON.stringify(counts), choice.reason, actor.userId],
      );
      await this.audit.record(manager, actor, {
        action: 'selection.replacement',
        entityType: 'selection',
        entityId: selectionId,
        details: { declined: declined.id, offered: offeredId, keepsQuotas: choice.keepsQuotas, brokenQuotas: choice.brokenQuotas, reason: choice.reason },
      });
      const [stored] = await manager.query(`SELECT ${REPLACEMENT_COLUMNS} FROM selection_replacements WHERE organisation_id = $1 AND id = $2`, [org, id]);
      return { ...stored, alternatesLeft: waiting.length - 1 };
    });
  }
}

function replacementsOf(manager: EntityManager, organisationId: string, selectionId: string): Promise<StoredReplacement[]> {
  return manager.query(`SELECT ${REPLACEMENT_COLUMNS} FROM selection_replacements WHERE organisation_id = $1 AND selection_id = $2 ORDER BY created_at, id`, [organisationId, selectionId]);
}

/** The drawn panel with each replacement so far applied in turn. */
function currentPanel(selection: StoredSelection, replacements: StoredReplacement[]): string[] {
  let panel = [...(selection.panel ?? [])];
  for (const r of replacements) panel = panel.filter((id) => id !== r.declinedApplicationId).concat(r.offeredApplicationId);
  return panel;
}

/** Everyone in the intake at any stage, with their answers read as the selection read them. */
async function loadPoolOf(manager: EntityManager, organisationId: string, selection: StoredSelection): Promise<PoolMember[]> {
  const inputs: Partial<SelectionInputs> = selection.inputs ?? {};
  return loadSelectionPool(
    manager,
    organisationId,
    selection.intakeId,
    [...APPLICATION_STAGES],
    resolveDimensions(inputs.dimensions ?? [], 'dimensions'),
    inputs.referenceDate ?? new Date().toISOString().slice(0, 10),
    await localityNames(manager, organisationId),
    {
      households: inputs.onePerHousehold === true,
    },
  );
}

/** Each quota counted over people's recorded answers; an intersection matches every component. */
function quotaCounts(quotas: Quota[], people: PoolMember[]): QuotaOutcome[] {
  return quotas.map((q) => {
    const categories = q.category.split(INTERSECTION_SEPARATOR).map((c) => c.trim());
    const features = q.feature.split(INTERSECTION_SEPARATOR).map((f) => f.trim());
    const selected = people.filter((p) => categories.every((c, i) => p.features[c] === (categories.length === 1 ? q.feature : features[i]))).length;
    return { ...q, selected };
  });
}
