import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, AppConfig, AuditLog, InjectConfig, Outbox, QueueName, Tenancy } from '@steppingstone/core';
import { Applications, intakeFacts } from '@steppingstone/recruitment';
import { newSeed } from '../engine/selection/seeded-random';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { RUN_SELECTION, RunSelectionJob, runSelectionJobId } from './selection-jobs';
import { SELECTABLE_STAGES } from './selection-pool';
import { asDomainError, checkSelectionInput, currentFingerprint, loadSelectionProblem, outcomeValues, poolChanged, SelectionRequest, settle } from './selection-problem';
import { findExplanations, findSelection, insertDoneSelection, insertQueuedSelection, SELECTION_COLUMNS, StoredSelection } from './selection-store';
import { SolverThread } from './solver-thread';

export type { SelectionRequest } from './selection-problem';
export type { StoredExplanation, StoredSelection } from './selection-store';

/**
 * Fair selection of a cohort from an over-subscribed intake: quotas from the census met on every
 * dimension at once, and among the panels that meet them a published lottery that gives every
 * applicant as equal a chance as the quotas allow (the engine's MAXIMIN or LEXIMIN).
 *
 * The solve holds no database connection: the pool is read in one transaction, solved on the
 * solver's thread, and the outcome stored in another, which first checks the pool is still the one
 * solved. Pools larger than SELECTION_ASYNC_POOL_SIZE are left to the worker (SelectionRuns).
 */
@Injectable()
export class FairSelections {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly applications: Applications,
    private readonly solver: SolverThread,
    private readonly outbox: Outbox,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Done at once (`queued: false`), or queued for the worker with a status to follow. */
  async run(actor: Actor, intakeId: string, request: SelectionRequest): Promise<{ selection: StoredSelection; queued: boolean }> {
    const org = actor.organisationId;
    const settled = settle(request, newSeed);
    const problem = await this.tenancy.run(org, (manager) => loadSelectionProblem(manager, org, intakeId, settled));
    const poolSize = problem.input.respondents.length;
    const id = randomUUID();

    if (poolSize > this.config.SELECTION_ASYNC_POOL_SIZE) {
      checkSelectionInput(problem.input);
      const selection = await this.tenancy.run(org, async (manager) => {
        await insertQueuedSelection(manager, { organisationId: org, id, intakeId, createdBy: actor.userId, request: settled, poolSize });
        const job: RunSelectionJob = { organisationId: org, selectionId: id };
        await this.outbox.stage(manager, org, { queue: QueueName.Selections, jobName: RUN_SELECTION, jobId: runSelectionJobId(id), payload: { ...job } });
        await this.audit.record(manager, actor, {
          action: 'selection.queued',
          entityType: 'selection',
          entityId: id,
          details: { intakeId, panelSize: settled.panelSize, poolSize, seed: settled.seed, algorithm: settled.algorithm },
        });
        return findSelection(manager, org, id);
      });
      await this.outbox.relaySoon(org);
      return { selection, queued: true };
    }

    const result = await this.solver.solve(problem.input).catch((error: unknown) => {
      throw asDomainError(error);
    });
    const selection = await this.tenancy.run(org, async (manager) => {
      if ((await currentFingerprint(manager, org, intakeId, problem, settled.referenceDate)) !== problem.fingerprint) throw poolChanged();
      await insertDoneSelection(manager, { organisationId: org, id, intakeId, createdBy: actor.userId, request: settled, poolSize }, outcomeValues(problem, result));
      await this.audit.record(manager, actor, {
        action: 'selection.run',
        entityType: 'selection',
        entityId: id,
        details: { intakeId, panelSize: settled.panelSize, poolSize, seed: settled.seed, algorithm: settled.algorithm },
      });
      return findSelection(manager, org, id);
    });
    return { selection, queued: false };
  }

  get(actor: Actor, id: string): Promise<StoredSelection> {
    return this.tenancy.run(actor.organisationId, (manager) => findSelection(manager, actor.organisationId, id));
  }

  /** Per applicant, the quotas that bind for their kind; null for a selection not done (or stored before explanations were kept). */
  explanations(actor: Actor, id: string) {
    return this.tenancy.run(actor.organisationId, (manager) => findExplanations(manager, actor.organisationId, id));
  }

  list(actor: Actor, intakeId: string): Promise<StoredSelection[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      // An empty list would tell nobody that the intake is not theirs (or does not exist): that is a 404.
      const intake = await intakeFacts(manager, actor.organisationId, intakeId);
      if (!intake) throw new RepresentativenessError(Code.IntakeNotFound, 'Intake not found');
      const rows = await manager.query(`SELECT ${SELECTION_COLUMNS} FROM selections WHERE organisation_id = $1 AND intake_id = $2 ORDER BY created_at DESC`, [actor.organisationId, intakeId]);
      return rows as StoredSelection[];
    });
  }

  /** Offers a place to everyone selected and waitlists the rest of the pool, in one transaction. */
  apply(actor: Actor, id: string): Promise<StoredSelection & { moved: { offered: number; waitlisted: number } }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const selection = await findSelection(manager, actor.organisationId, id, true);
      if (selection.status !== 'done') {
        throw new RepresentativenessError(Code.SelectionNotFinished, `This selection is ${selection.status}; only a finished selection can be applied`, [
          { field: 'selection', rule: 'done', message: `the selection is ${selection.status}` },
        ]);
      }
      if (selection.appliedAt) throw new RepresentativenessError(Code.SelectionAlreadyApplied, 'This selection has already been applied', [], { appliedAt: selection.appliedAt });
      const chosen = new Set(selection.panel);
      let offered = 0;
      let waitlisted = 0;
      for (const { id: applicationId } of selection.probabilities ?? []) {
        const application = await this.applications.find(manager, actor.organisationId, applicationId, true);
        const to = chosen.has(applicationId) ? 'offered' : 'waitlisted';
        if (application.stage === to) continue;
        if (!SELECTABLE_STAGES.includes(application.stage)) {
          throw new RepresentativenessError(Code.SelectionAlreadyApplied, `An applicant in this selection has moved on since it was run (now ${application.stage}); run the selection again`, [
            { field: 'selection', rule: 'poolUnchanged', message: `application ${applicationId} is ${application.stage}` },
          ]);
        }
        await this.applications.moveInTransaction(manager, actor, application, to, `Fair selection ${id}`);
        if (to === 'offered') offered++;
        else waitlisted++;
      }
      await manager.query(`UPDATE selections SET applied_at = now(), applied_by = $3 WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, id, actor.userId]);
      await this.audit.record(manager, actor, { action: 'selection.applied', entityType: 'selection', entityId: id, details: { offered, waitlisted } });
      return { ...(await findSelection(manager, actor.organisationId, id)), moved: { offered, waitlisted } };
    });
  }
}
