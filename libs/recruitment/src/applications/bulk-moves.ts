import { Injectable } from '@nestjs/common';
import { Actor, ErrorDetail, queryNamed, Tenancy } from '@steppingstone/core';
import { personNameSql } from '@steppingstone/people';
import { Application, ApplicationStage } from '../entities/application.entity';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { applicationOf, ApplicationRow, Applications } from './applications';
import { canMove, NEXT_STAGES } from './stage-machine';

export const BULK_MOVE_MAX = 500;

export interface BulkMoveInput {
  to: ApplicationStage;
  note?: string;
  /** Each with the version the coordinator saw, if they want a move on a stale view refused. */
  applications: Array<{ id: string; version?: number }>;
}

/** Why one application of a bulk move could not move. */
export interface BulkMoveFailure {
  applicationId: string;
  /** Absent when the application is not found. */
  reference?: string;
  name?: string;
  code: Code.ApplicationNotFound | Code.IllegalTransition | Code.StaleVersion;
  message: string;
  stage?: ApplicationStage;
  allowed?: readonly ApplicationStage[];
}

export interface BulkMoveResult {
  to: ApplicationStage;
  moved: Array<{ id: string; reference: string; from: ApplicationStage; to: ApplicationStage; version: number }>;
}

/**
 * Moves many applications to one stage in one action: all of them or, if any cannot move, none,
 * with every failure named (which application, why, and where it could go), so the coordinator
 * can deselect those and move the rest again. Each application still gets its own stage-history
 * row and audit entry, as if moved one by one.
 */
@Injectable()
export class BulkMoves {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly applications: Applications,
  ) {}

  run(actor: Actor, input: BulkMoveInput): Promise<BulkMoveResult> {
    const organisationId = actor.organisationId;
    return this.tenancy.run(organisationId, async (manager) => {
      const ids = [...new Set(input.applications.map((a) => a.id))].sort();
      // Locked in id order, so two bulk moves over overlapping selections cannot deadlock.
      const found: Array<ApplicationRow & { name: string }> = await queryNamed(
        manager,
        `SELECT a.*, ${personNameSql('a.organisation_id', 'a.person_id')} AS name FROM applications a
          WHERE a.organisation_id = :org AND a.id = ANY(:ids::uuid[]) ORDER BY a.id FOR UPDATE OF a`,
        { org: organisationId, ids },
      );
      const rows = found.map((row) => ({ ...applicationOf(row), name: row.name }));
      const byId = new Map(rows.map((row) => [row.id, row]));

      const failures: BulkMoveFailure[] = [];
      for (const wanted of input.applications) {
        const application = byId.get(wanted.id);
        if (!application) {
          failures.push({ applicationId: wanted.id, code: Code.ApplicationNotFound, message: 'Application not found' });
        } else if (wanted.version !== undefined && wanted.version !== application.version) {
          failures.push({ ...about(application), code: Code.StaleVersion, message: `${application.name}: someone moved this application since you loaded it (it is now ${application.stage})` });
        } else if (!canMove(application.stage, input.to)) {
          const allowed = NEXT_STAGES[application.stage];
          failures.push({
            ...about(application),
            code: Code.IllegalTransition,
            message: allowed.length
              ? `${application.name} is ${application.stage}, which can move to ${allowed.join(', ')}, not ${input.to}`
              : `${application.name} is ${application.stage} and cannot move any more`,
            allowed,
          });
        }
      }
      if (failures.length) throw refused(input, failures);

      const moved: BulkMoveResult['moved'] = [];
      for (const application of rows) {
        await this.applications.moveInTransaction(manager, actor, application, input.to, input.note);
        moved.push({ id: application.id, reference: application.reference, from: application.stage, to: input.to, version: application.version + 1 });
      }
      return { to: input.to, moved };
    });
  }
}

function about(application: Application & { name: string }): Pick<BulkMoveFailure, 'applicationId' | 'reference' | 'name' | 'stage'> {
  return { applicationId: application.id, reference: application.reference, name: application.name, stage: application.stage };
}

/** Any unknown id makes it a "not found" (404), as for a single application; otherwise a conflict (409). */
function refused(input: BulkMoveInput, failures: BulkMoveFailure[]): RecruitmentError {
  const index = new Map(input.applications.map((a, i) => [a.id, i]));
  const details: ErrorDetail[] = failures.map((f) => ({ field: `applications[${index.get(f.applicationId)}].id`, rule: f.code, message: f.message }));
  const missing = failures.filter((f) => f.code === Code.ApplicationNotFound).length;
  const message = `${failures.length} of ${input.applications.length} applications cannot move to ${input.to}, so none was moved`;
  return new RecruitmentError(missing ? Code.ApplicationNotFound : Code.BulkMoveRefused, message, details, { failures });
}
