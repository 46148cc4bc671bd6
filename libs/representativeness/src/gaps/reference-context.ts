import { EntityManager } from 'typeorm';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { AnalysisDimension, analysisDimension } from './analysis-dimensions';
import { LocalityRow, loadLocalityCounts } from './locality-references';
import { AreaCounts, loadAreaCounts, populationOf, referenceFor } from './reference-counts';
import { CensusFiguresCache } from './census-figures-cache';

const areaFigures = new CensusFiguresCache<AreaCounts>(64);
const localityFigures = new CensusFiguresCache<Map<string, AreaCounts>>(64);

/** What to compare with: a dataset (default: the programme's, else the organisation's default, else the newest with borough figures) and an area (default: the borough). */
export interface ReferenceRequest {
  intakeId?: string;
  programmeId?: string;
  datasetId?: string;
  referenceLocalityId?: string;
}

export interface ReferenceContext {
  dataset: { id: string; name: string; version: number };
  localities: LocalityRow[];
  area: { kind: 'borough' | 'locality'; name: string; codes: string[] };
  areaCounts: AreaCounts;
  localityCounts: Map<string, AreaCounts>;
  capacity?: number;
}

/** Loads the census figures a population is compared with: the dataset, the area, every locality. */
export async function loadReferenceContext(manager: EntityManager, organisationId: string, request: ReferenceRequest): Promise<ReferenceContext> {
  let programmeId = request.programmeId;
  let capacity: number | undefined;
  if (request.intakeId) {
    const [intake] = await manager.query(`SELECT programme_id, capacity FROM intakes WHERE organisation_id = $1 AND id = $2`, [organisationId, request.intakeId]);
    if (!intake) throw new RepresentativenessError(Code.IntakeNotFound, 'Intake not found', [{ field: 'intakeId', rule: 'exists', message: 'intakeId must be an intake of this organisation' }]);
    programmeId = intake.programme_id;
    capacity = intake.capacity;
  }
  // The first that applies: the dataset asked for, the programme's, the organisation's chosen default,
  // the newest with figures for the borough (a dataset created and never filled is passed over), and
  // only then the newest at all, so the answer names the dataset that has no figures.
  const [chosen] = await manager.query(
    `SELECT d.id, d.name, d.version FROM census_datasets d
      WHERE d.organisation_id = $1
        AND d.id = coalesce($2::uuid,
                            (SELECT census_dataset_id FROM programmes WHERE organisation_id = $1 AND id = $3::uuid),
                            (SELECT default_census_dataset_id FROM organisations WHERE id = $1),
                            (SELECT n.id FROM census_datasets n
                              WHERE n.organisation_id = $1
                                AND EXISTS (SELECT 1 FROM census_counts c WHERE c.organisation_id = $1 AND c.dataset_id = n.id AND c.area_code = (SELECT borough_code FROM organisations WHERE id = $1))
                              ORDER BY n.created_at DESC, n.version DESC LIMIT 1),
                            (SELECT id FROM census_datasets WHERE organisation_id = $1 ORDER BY created_at DESC, version DESC LIMIT 1))`,
    [organisationId, request.datasetId ?? null, programmeId ?? null],
  );
  if (!chosen) {
    throw new RepresentativenessError(
      Code.NoCensusDataset,
      request.datasetId ? 'Census dataset not found' : 'There are no census figures to compare with yet: an admin imports them under /census/datasets',
      request.datasetId ? [{ field: 'datasetId', rule: 'exists', message: 'datasetId must be a census dataset of this organisation' }] : [],
    );
  }
  const localities: LocalityRow[] = await manager.query(`SELECT id, name, ons_codes AS "onsCodes" FROM localities WHERE organisation_id = $1 ORDER BY name`, [organisationId]);
  const [{ borough_code: boroughCode }] = await manager.query(`SELECT borough_code FROM organisations WHERE id = $1`, [organisationId]);
  let area: ReferenceContext['area'] = { kind: 'borough', name: boroughCode, codes: [boroughCode] };
  if (request.referenceLocalityId) {
    const locality = localities.find((l) => l.id === request.referenceLocalityId);
    if (!locality)
      throw new RepresentativenessError(Code.ReferenceAreaWithoutFigures, 'Locality not found', [
        { field: 'referenceLocalityId', rule: 'exists', message: 'referenceLocalityId must be a locality of this organisation' },
      ]);
    if (!locality.onsCodes.length) {
      throw new RepresentativenessError(Code.ReferenceAreaWithoutFigures, `${locality.name} lists no ONS codes, so it has no census figures; add the codes of the areas it covers`, [
        { field: 'referenceLocalityId', rule: 'hasOnsCodes', message: 'the locality must list the ONS codes it covers' },
      ]);
    }
    area = { kind: 'locality', name: locality.name, codes: locality.onsCodes };
  }
  const areaCounts = await areaFigures.get(`${chosen.id}|${area.codes.join(',')}`, () => loadAreaCounts(manager, organisationId, chosen.id, area.codes));
  if (!areaCounts.size) {
    throw new RepresentativenessError(Code.ReferenceAreaWithoutFigures, `Census dataset ${chosen.name} (version ${chosen.version}) has no figures for ${area.name}`, [
      { field: request.referenceLocalityId ? 'referenceLocalityId' : 'datasetId', rule: 'hasFigures', message: `no census figures for ${area.name}` },
    ]);
  }
  const localitiesKey = `${chosen.id}|${localities.map((l) => `${l.id}:${l.onsCodes.join(',')}`).join(';')}`;
  const localityCounts = await localityFigures.get(localitiesKey, () => loadLocalityCounts(manager, organisationId, chosen.id));
  return { dataset: chosen, localities, area, areaCounts, localityCounts, capacity };
}

/** A dimension's reference counts in the chosen area, or the reason there are none. */
export function referenceCountsFor(dimension: AnalysisDimension, context: ReferenceContext, adultsOnly: boolean): Map<string, number> | string {
  if (dimension.key !== 'locality') {
    return referenceFor(dimension, context.areaCounts) ?? `the dataset has no ${dimension.key} table${dimension.derivedFrom ? ` (nor ${dimension.derivedFrom.dimension} to derive it from)` : ''}`;
  }
  if (context.area.kind === 'locality') return 'the reference is itself one locality';
  const sizes = new Map<string, number>();
  for (const locality of context.localities) {
    const counts = context.localityCounts.get(locality.id);
    const size = counts && populationOf(counts, adultsOnly, analysisDimension);
    if (size) sizes.set(locality.name, size);
  }
  return sizes.size ? sizes : 'no locality lists ONS codes that the dataset has figures for';
}
