import { EntityManager } from 'typeorm';
import { LocalityCodes, localityCensusFigures } from '@steppingstone/areas';
import { AreaCounts, countsByDimension } from './reference-counts';

export type LocalityRow = LocalityCodes;

/** Each locality's census counts: the sum over the small areas (ONS codes) it covers. */
export async function loadLocalityCounts(manager: EntityManager, organisationId: string, datasetId: string): Promise<Map<string, AreaCounts>> {
  const figures = await localityCensusFigures(manager, organisationId, datasetId);
  const byLocality = new Map<string, typeof figures>();
  for (const figure of figures) {
    const list = byLocality.get(figure.localityId) ?? [];
    list.push(figure);
    byLocality.set(figure.localityId, list);
  }
  return new Map([...byLocality].map(([id, list]) => [id, countsByDimension(list)]));
}
