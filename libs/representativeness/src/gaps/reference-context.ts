import { EntityManager } from 'typeorm';
import { chooseCensusDataset, localitiesWithCodes } from '@steppingstone/areas';
import { organisationCensusSettings } from '@steppingstone/organisations';
import { intakeFacts, programmeCensusDatasetId } from '@steppingstone/recruitment';
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
  let programmeDefault = request.programmeId ? await programmeCensusDatasetId(manager, organisationId, request.programmeId) : null;
  let capacity: number | undefined;
  if (request.intakeId) {
    const intake = await intakeFacts(manager, organisationId, request.intakeId);
    if (!intake) throw new RepresentativenessError(Code.IntakeNotFound, 'Intake not found', [{ field: 'intakeId', rule: 'exists', message: 'intakeId must be an intake of this organisation' }]);
    programmeDefault = intake.censusDatasetId;
    capacity = intake.capacity;
  }
  const { boroughCode, defaultCensusDatasetId } = await organisationCensusSettings(manager, organisationId);
  const chosen = await chooseCensusDataset(manager, organisationId, { requested: request.datasetId, programmeDefault, organisationDefault: defaultCensusDatasetId, boroughCode });
  if (!chosen) {
    throw new RepresentativenessError(
      Code.NoCensusDataset,
      request.datasetId ? 'Census dataset not found' : 'There are no census figures to compare with yet: an admin imports them under /census/datasets',
      request.datasetId ? [{ field: 'datasetId', rule: 'exists', message: 'datasetId must be a census dataset of this organisation' }] : [],
    );
  }
  const localities: LocalityRow[] = await localitiesWithCodes(manager, organisationId);
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
