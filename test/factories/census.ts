import { censusFile } from '../support/census-files';
import { TestEnvironment } from '../support/test-environment';
import { bearer, SignedIn } from './organisations';
import { createLocality } from './recruitment';

/** The small-area (LSOA) codes of a borough in the census files, sorted. */
export function smallAreasOf(boroughCode: string): string[] {
  const rows = censusFile('lsoa_seed_boroughs.csv').split('\n');
  return [...new Set(rows.filter((l) => l.includes(`,${boroughCode},`)).map((l) => l.split(',')[0]))].sort();
}

/** Localities that split a borough's small areas evenly between them, through POST /localities. */
export async function localitiesOfSmallAreas(env: TestEnvironment, admin: SignedIn, boroughCode: string, names: string[]): Promise<Array<{ id: string; name: string }>> {
  const codes = smallAreasOf(boroughCode);
  const share = Math.ceil(codes.length / names.length);
  const localities = [];
  for (const [i, name] of names.entries()) localities.push(await createLocality(env, admin, name, codes.slice(i * share, (i + 1) * share)));
  return localities;
}

/** A "Census 2021" dataset with the given census files imported through the API, as an admin would. */
export async function importCensus(env: TestEnvironment, admin: SignedIn, files: string[]): Promise<{ id: string }> {
  const { body: dataset } = await env.http.post('/census/datasets').set(bearer(admin)).send({ name: 'Census 2021' }).expect(201);
  for (const file of files) await env.http.post(`/census/datasets/${dataset.id}/tables`).set(bearer(admin)).set('Content-Type', 'text/csv').send(censusFile(file)).expect(201);
  return dataset;
}
