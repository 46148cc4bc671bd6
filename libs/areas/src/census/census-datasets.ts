import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { AreasError, AreasErrorCode as Code } from '../areas.error';
import { CensusDataset } from './census-dataset.entity';
import { CensusCheckContext, checkCensusTable, CensusRowProblem } from './census-table-check';
import { TOTALS_DIMENSION } from './census-universes';

export interface CensusImportReport {
  dryRun: boolean;
  datasetId: string;
  rowsRead: number;
  rowsImported: number;
  /** Rows of other local authorities in a national file, which are not this organisation's. */
  rowsSkippedOtherAreas: number;
  dimensions: string[];
  areas: number;
  problems: CensusRowProblem[];
}

export interface CensusDatasetView extends CensusDataset {
  dimensions: Array<{ dimension: string; areas: number; rows: number }>;
}

export interface CensusFigure {
  areaCode: string;
  areaName: string;
  dimension: string;
  category: string;
  count: number;
}

/** Census datasets: created as numbered versions of a name, filled table by table, never half-imported. */
@Injectable()
export class CensusDatasets {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  /** A new version of the named dataset (version 1 if the name is new). */
  create(actor: Actor, input: { name: string; description?: string }): Promise<CensusDatasetView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM census_datasets WHERE organisation_id = $1 AND lower(name) = lower($2)`, [
        actor.organisationId,
        input.name,
      ]);
      const id = randomUUID();
      await manager.insert(CensusDataset, { organisationId: actor.organisationId, id, name: input.name, version: next, description: input.description ?? '', createdBy: actor.userId });
      await this.audit.record(manager, actor, { action: 'census.dataset.created', entityType: 'census-dataset', entityId: id, details: { name: input.name, version: next } });
      return this.view(manager, actor.organisationId, id);
    });
  }

  /**
   * Checks a table against the organisation's borough and localities and the tables already in the
   * dataset. A dry run only reports; a real import stores every row or, if any problem, none.
   * `boroughCode` is the organisation's local authority, which the caller has from organisations
   * (areas sits below them and never reads their table); it is fixed when the organisation signs up.
   */
  importTable(actor: Actor, datasetId: string, csv: string, dryRun: boolean, boroughCode: string): Promise<CensusImportReport> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, datasetId, true);
      const context = await this.checkContext(manager, actor.organisationId, datasetId, boroughCode);
      const result = checkCensusTable(csv, context);
      const report: CensusImportReport = {
        dryRun,
        datasetId,
        rowsRead: result.rowsRead,
        rowsImported: dryRun || result.problems.length ? 0 : result.kept.length,
        rowsSkippedOtherAreas: result.skippedOtherAreas,
        dimensions: [...new Set(result.kept.map((r) => r.dimension))].sort(),
        areas: new Set(result.kept.map((r) => r.areaCode)).size,
        problems: result.problems,
      };
      if (!result.problems.length && !result.kept.length) {
        report.problems = [{ row: 1, column: 'area_code', rule: 'rowsForBorough', message: `The file has no rows for ${context.boroughCode}, its small areas or your localities` }];
      }
      if (dryRun) return report;
      if (report.problems.length) {
        throw new AreasError(
          Code.CensusTableInvalid,
          `The table was not imported: ${report.problems.length} problem(s), the first in row ${report.problems[0].row} (${report.problems[0].message})`,
          report.problems.slice(0, 200).map((p) => ({ field: `row ${p.row}: ${p.column}`, rule: p.rule, message: p.message })),
          { report },
        );
      }
      await manager.query(
        `INSERT INTO census_counts (organisation_id, dataset_id, area_code, area_name, parent_code, dimension, category, count)
         SELECT $1, $2, r.area_code, r.area_name, r.parent_code, r.dimension, r.category, r.count
           FROM jsonb_to_recordset($3::jsonb) AS r(area_code text, area_name text, parent_code text, dimension text, category text, count int)`,
        [
          actor.organisationId,
          datasetId,
          JSON.stringify(result.kept.map((r) => ({ area_code: r.areaCode, area_name: r.areaName, parent_code: r.parentCode, dimension: r.dimension, category: r.category, count: r.count }))),
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'census.table.imported',
        entityType: 'census-dataset',
        entityId: datasetId,
        details: { rows: report.rowsImported, dimensions: report.dimensions },
      });
      return report;
    });
  }

  list(actor: Actor): Promise<CensusDatasetView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const datasets = await manager.find(CensusDataset, { where: { organisationId: actor.organisationId }, order: { name: 'ASC', version: 'DESC' } });
      const dimensions = await this.dimensionsOf(manager, actor.organisationId);
      return datasets.map((d) => ({ ...d, dimensions: dimensions.get(d.id) ?? [] }));
    });
  }

  get(actor: Actor, id: string): Promise<CensusDatasetView> {
    return this.tenancy.run(actor.organisationId, (manager) => this.view(manager, actor.organisationId, id));
  }

  figures(actor: Actor, id: string, filter: { areaCode?: string; dimension?: string }): Promise<CensusFigure[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, id);
      return manager.query(
        `SELECT area_code AS "areaCode", area_name AS "areaName", dimension, category, count
           FROM census_counts
          WHERE organisation_id = $1 AND dataset_id = $2 AND ($3::text IS NULL OR area_code = $3) AND ($4::text IS NULL OR dimension = $4)
          ORDER BY dimension, area_code, category`,
        [actor.organisationId, id, filter.areaCode ?? null, filter.dimension ?? null],
      );
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false, field?: string): Promise<CensusDataset> {
    const dataset = await manager.findOne(CensusDataset, { where: { organisationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!dataset)
      throw new AreasError(Code.CensusDatasetNotFound, 'Census dataset not found', field ? [{ field, rule: 'exists', message: `${field} must be a census dataset of this organisation` }] : []);
    return dataset;
  }

  private async view(manager: EntityManager, organisationId: string, id: string): Promise<CensusDatasetView> {
    const dataset = await this.find(manager, organisationId, id);
    return { ...dataset, dimensions: (await this.dimensionsOf(manager, organisationId, id)).get(id) ?? [] };
  }

  private async dimensionsOf(manager: EntityManager, organisationId: string, datasetId?: string): Promise<Map<string, CensusDatasetView['dimensions']>> {
    const rows: Array<{ dataset_id: string; dimension: string; areas: number; rows: number }> = await manager.query(
      `SELECT dataset_id, dimension, count(DISTINCT area_code)::int AS areas, count(*)::int AS rows
         FROM census_counts WHERE organisation_id = $1 AND ($2::uuid IS NULL OR dataset_id = $2)
        GROUP BY dataset_id, dimension ORDER BY dimension`,
      [organisationId, datasetId ?? null],
    );
    const byDataset = new Map<string, CensusDatasetView['dimensions']>();
    for (const r of rows) byDataset.set(r.dataset_id, [...(byDataset.get(r.dataset_id) ?? []), { dimension: r.dimension, areas: r.areas, rows: r.rows }]);
    return byDataset;
  }

  private async checkContext(manager: EntityManager, organisationId: string, datasetId: string, boroughCode: string): Promise<CensusCheckContext> {
    const [{ codes }] = await manager.query(`SELECT coalesce(array_agg(DISTINCT code), '{}') AS codes FROM localities, unnest(ons_codes) AS code WHERE organisation_id = $1`, [organisationId]);
    const existing: Array<{ dimension: string; area_code: string; category: string; count: number }> = await manager.query(
      `SELECT dimension, area_code, category, count FROM census_counts WHERE organisation_id = $1 AND dataset_id = $2`,
      [organisationId, datasetId],
    );
    const existingSums = new Map<string, number>();
    for (const r of existing) if (r.dimension !== TOTALS_DIMENSION) existingSums.set(`${r.area_code}|${r.dimension}`, (existingSums.get(`${r.area_code}|${r.dimension}`) ?? 0) + r.count);
    return {
      boroughCode,
      localityCodes: new Set<string>(codes),
      existingKeys: new Set(existing.map((r) => `${r.dimension}|${r.area_code}|${r.category}`)),
      existingSums,
    };
  }
}
