import { EntityManager } from 'typeorm';
import { AreaCounts } from './reference-counts';

export interface LocalityRow {
  id: string;
  name: string;
  onsCodes: string[];
}

/** Each locality's census counts: the sum over the small areas (ONS codes) it covers, in one query. */
export async function loadLocalityCounts(manager: EntityManager, organisationId: string, datasetId: string): Promise<Map<string, AreaCounts>> {
  const rows: Array<{ locality_id: string; dimension: string; category: string; count: number }> = await manager.query(
    `SELECT l.id AS locality_id, c.dimension, c.category, sum(c.count)::int AS count
       FROM localities l
       JOIN census_counts c ON c.organisation_id = l.organisation_id AND c.dataset_id = $2 AND c.area_code = ANY(l.ons_codes)
      WHERE l.organisation_id = $1
      GROUP BY l.id, c.dimension, c.category`,
    [organisationId, datasetId],
  );
  const byLocality = new Map<string, AreaCounts>();
  for (const r of rows) {
    const counts = byLocality.get(r.locality_id) ?? new Map();
    if (!counts.has(r.dimension)) counts.set(r.dimension, new Map());
    counts.get(r.dimension)!.set(r.category, r.count);
    byLocality.set(r.locality_id, counts);
  }
  return byLocality;
}
