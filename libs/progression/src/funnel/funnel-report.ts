import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { UNDISCLOSED_CATEGORIES } from '@steppingstone/areas/engine';
import { analysisDimension, ANALYSIS_DIMENSION_KEYS, personGrouping } from '@steppingstone/representativeness';
import { addCounts, DEFAULT_MINIMUM_GROUP_SIZE, DEFAULT_SHORTFALL_RATIO, emptyCounts, EquityGroup, equityGroup, EquityOptions, FunnelStageView, funnelStages, StageCounts } from '../engine/funnel';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { FunnelFilter, funnelQuery } from './funnel-query';

export interface FunnelReport {
  filter: FunnelFilter;
  stages: FunnelStageView[];
}

export interface EquityFunnelReport {
  filter: FunnelFilter;
  dimension: { key: string; label: string };
  shortfallRatio: number;
  minimumGroupSize: number;
  overall: FunnelStageView[];
  groups: EquityGroup[];
}

export type EquityCommand = FunnelFilter & EquityOptions & { dimension: string };

/** The funnel from registration to sustained work, and the same split by a demographic dimension. */
@Injectable()
export class FunnelReports {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  funnel(actor: Actor, filter: FunnelFilter): Promise<FunnelReport> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const query = funnelQuery(actor.organisationId, await prepare(manager, actor.organisationId), filter);
      const [counts]: StageCounts[] = await manager.query(query.sql, query.params);
      return { filter, stages: funnelStages(counts) };
    });
  }

  /**
   * Groups are the gap analysis's own (the same mapping from a person's answer to a census
   * category), with "Prefer not to say" and "Not recorded" kept as groups of their own. Reading it
   * touches special-category data, even in aggregate, so each read is written to the audit log.
   */
  equity(actor: Actor, command: EquityCommand): Promise<EquityFunnelReport> {
    if (!analysisDimension(command.dimension)) {
      const message = `dimension must be one of ${ANALYSIS_DIMENSION_KEYS.join(', ')}`;
      throw new ProgressionError(Code.UnknownDimension, message, [{ field: 'dimension', rule: 'isIn', message }]);
    }
    const { dimension: key, shortfallRatio, minimumGroupSize, ...filter } = command;
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const today = await prepare(manager, actor.organisationId);
      const grouping = (await personGrouping(manager, actor.organisationId, key))!;
      const query = funnelQuery(actor.organisationId, today, filter, grouping.personValues);
      const rows: Array<StageCounts & { value: string | null }> = await manager.query(query.sql, query.params);
      const byGroup = new Map<string, StageCounts>();
      const overall = emptyCounts();
      for (const { value, ...counts } of rows) {
        const group = grouping.groupOf(value);
        byGroup.set(group, addCounts(byGroup.get(group) ?? emptyCounts(), counts));
        addCounts(overall, counts);
      }
      const options = { shortfallRatio, minimumGroupSize };
      const groups = [...byGroup.entries()]
        .map(([group, counts]) => equityGroup(group, UNDISCLOSED_CATEGORIES.includes(group), counts, overall, options))
        .sort((a, b) => Number(a.undisclosed) - Number(b.undisclosed) || b.stages[0].count - a.stages[0].count || a.group.localeCompare(b.group));
      await this.audit.record(manager, actor, { action: 'equity-funnel.read', entityType: 'organisation', entityId: actor.organisationId, details: { dimension: grouping.dimension.key, filter } });
      return {
        filter,
        dimension: grouping.dimension,
        shortfallRatio: shortfallRatio ?? DEFAULT_SHORTFALL_RATIO,
        minimumGroupSize: minimumGroupSize ?? DEFAULT_MINIMUM_GROUP_SIZE,
        overall: funnelStages(overall),
        groups,
      };
    });
  }
}

/**
 * Today's date in the organisation's calendar (ages are taken on it), and settings for this
 * transaction only: enough memory for the per-person fold to stay in one in-memory hash at 100,000
 * people (the default 4 MB spills to disk), and no parallel workers, because the planner cannot
 * estimate the fold's groups (a UNION has no statistics), splits it into partial aggregates and
 * then sorts and merges some 200,000 rows, which measured slower than one pass.
 */
async function prepare(manager: EntityManager, organisationId: string): Promise<string> {
  const [row]: Array<{ today: string }> = await manager.query(
    `SELECT to_char(organisation_today($1), 'YYYY-MM-DD') AS today, set_config('work_mem', '32MB', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    [organisationId],
  );
  return row.today;
}
