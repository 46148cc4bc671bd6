import { EntityManager } from 'typeorm';

/** A census dataset as an analysis names it. */
export interface CensusDatasetName {
  id: string;
  name: string;
  version: number;
}

/** The datasets to try, first that exists wins; the caller reads the programme's and the organisation's choices from their owners. */
export interface CensusDatasetPreference {
  requested?: string | null;
  programmeDefault?: string | null;
  organisationDefault?: string | null;
  /** A dataset with figures for this area comes before one without. */
  boroughCode: string;
}

/**
 * The dataset an analysis compares with: the first of the one asked for, the programme's, the
 * organisation's default, the newest with figures for the borough (a dataset created and never
 * filled is passed over), and only then the newest at all, so the answer names the dataset that has
 * no figures. Undefined when the organisation has none (or the one asked for is not its own).
 */
export async function chooseCensusDataset(manager: EntityManager, organisationId: string, preference: CensusDatasetPreference): Promise<CensusDatasetName | undefined> {
  const [chosen]: CensusDatasetName[] = await manager.query(
    `SELECT d.id, d.name, d.version FROM census_datasets d
      WHERE d.organisation_id = $1
        AND d.id = coalesce($2::uuid, $3::uuid, $4::uuid,
                            (SELECT n.id FROM census_datasets n
                              WHERE n.organisation_id = $1
                                AND EXISTS (SELECT 1 FROM census_counts c WHERE c.organisation_id = $1 AND c.dataset_id = n.id AND c.area_code = $5)
                              ORDER BY n.created_at DESC, n.version DESC LIMIT 1),
                            (SELECT id FROM census_datasets WHERE organisation_id = $1 ORDER BY created_at DESC, version DESC LIMIT 1))`,
    [organisationId, preference.requested ?? null, preference.programmeDefault ?? null, preference.organisationDefault ?? null, preference.boroughCode],
  );
  return chosen;
}

/** One census figure: how many people of an area (or a locality) fall in a dimension's category. */
export interface CensusCategoryCount {
  dimension: string;
  category: string;
  count: number;
}

/** A dataset's figures for a set of areas, summed over the areas. */
export function areaCensusFigures(manager: EntityManager, organisationId: string, datasetId: string, areaCodes: string[]): Promise<CensusCategoryCount[]> {
  return manager.query(
    `SELECT dimension, category, sum(count)::int AS count FROM census_counts
      WHERE organisation_id = $1 AND dataset_id = $2 AND area_code = ANY($3) GROUP BY dimension, category`,
    [organisationId, datasetId, areaCodes],
  );
}

/** A dataset's figures for each of the organisation's localities: the sum over the small areas (ONS codes) it covers, in one query. */
export function localityCensusFigures(manager: EntityManager, organisationId: string, datasetId: string): Promise<Array<CensusCategoryCount & { localityId: string }>> {
  return manager.query(
    `SELECT l.id AS "localityId", c.dimension, c.category, sum(c.count)::int AS count
       FROM localities l
       JOIN census_counts c ON c.organisation_id = l.organisation_id AND c.dataset_id = $2 AND c.area_code = ANY(l.ons_codes)
      WHERE l.organisation_id = $1
      GROUP BY l.id, c.dimension, c.category`,
    [organisationId, datasetId],
  );
}
