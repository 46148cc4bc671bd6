import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, NamedParams, queryNamed, Tenancy } from '@steppingstone/core';
import { CohortAccess, teachesOnly } from '../cohorts/cohort-access';
import { share } from '../engine/dropout-stats';
import { DROPOUT_FIGURES_SQL } from './dropout-figures.sql';

export interface DropoutFilter {
  programmeId?: string;
  startsFrom?: string;
  startsTo?: string;
}

interface RawFigures {
  cohorts: number;
  enrolled: number;
  withdrawn: number;
  completed: number;
  medianDropoutWeek: number | null;
  retention: Array<{ week: number; cohorts: number; enrolled: number; retained: number }>;
  reasons: Array<{ reason: string; count: number }>;
  byLocality: Array<{
    localityId: string | null;
    localityName: string | null;
    enrolled: number;
    withdrawn: number;
    completed: number;
    medianDropoutWeek: number | null;
    reasons: Record<string, number>;
    retention: Array<{ week: number; enrolled: number; retained: number }>;
  }>;
}

export type DropoutFigures = ReturnType<typeof shapeFigures>;

/** Adds the shares to the counts the database returned. */
export function shapeFigures(raw: RawFigures) {
  return {
    cohorts: raw.cohorts,
    enrolled: raw.enrolled,
    withdrawn: raw.withdrawn,
    completed: raw.completed,
    dropoutRate: share(raw.withdrawn, raw.enrolled),
    medianDropoutWeek: raw.medianDropoutWeek,
    retentionByWeek: raw.retention.map((r) => ({ ...r, retention: share(r.retained, r.enrolled) })),
    reasons: raw.reasons.map((r) => ({ ...r, share: share(r.count, raw.withdrawn) })),
    byLocality: raw.byLocality.map(({ retention, ...g }) => ({
      ...g,
      dropoutRate: share(g.withdrawn, g.enrolled),
      retentionByWeek: retention.map((r) => ({ ...r, retention: share(r.retained, r.enrolled) })),
    })),
  };
}

/** Drop-out figures for one cohort or across cohorts, computed in SQL. */
@Injectable()
export class DropoutFiguresReport {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly access: CohortAccess,
  ) {}

  forCohort(actor: Actor, cohortId: string): Promise<DropoutFigures> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.access.cohort(manager, actor, cohortId);
      return this.query(manager, { organisation: actor.organisationId, cohortIds: [cohortId], programme: null, startsFrom: null, startsTo: null, trainer: null });
    });
  }

  /** A trainer's figures cover only the cohorts they teach. */
  acrossCohorts(actor: Actor, filter: DropoutFilter): Promise<DropoutFigures> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      return this.query(manager, {
        organisation: actor.organisationId,
        cohortIds: null,
        programme: filter.programmeId ?? null,
        startsFrom: filter.startsFrom ?? null,
        startsTo: filter.startsTo ?? null,
        trainer: teachesOnly(actor) ? actor.userId : null,
      });
    });
  }

  /**
   * The planner's row guesses for the CTEs put the statement's cost far above its real work, which
   * would switch on JIT compilation: seconds of compiling for a query that runs in tens of
   * milliseconds. JIT is turned off for this transaction only.
   */
  private async query(manager: EntityManager, params: NamedParams): Promise<DropoutFigures> {
    await manager.query(`SELECT set_config('jit', 'off', true)`);
    const [{ figures }] = await queryNamed<Array<{ figures: RawFigures }>>(manager, DROPOUT_FIGURES_SQL, params);
    return shapeFigures(figures);
  }
}
