import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createLocality, createProgramme } from '../../factories/recruitment';
import { CENSUS_TABLES, censusFile } from '../../support/census-files';
import { TestEnvironment } from '../../support/test-environment';

/** Admins import the real ONS Census 2021 files the way a user would; every problem is reported by row and column. */
describe('representativeness: census import', () => {
  let env: TestEnvironment;
  let islington: SignedIn;
  let bolton: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    islington = await signUpOrganisation(env, { organisationName: 'Islington Council', boroughCode: 'E09000019' });
    bolton = await signUpOrganisation(env, { organisationName: 'Bolton Council', boroughCode: 'E08000001' });
  });
  afterAll(() => env.close());

  const newDataset = async (who: SignedIn, name = 'Census 2021') => (await env.http.post('/census/datasets').set(bearer(who)).send({ name }).expect(201)).body;
  const upload = (who: SignedIn, datasetId: string, csv: string, dryRun = false) =>
    env.http
      .post(`/census/datasets/${datasetId}/tables${dryRun ? '?dryRun=true' : ''}`)
      .set(bearer(who))
      .set('Content-Type', 'text/csv')
      .send(csv);

  it('imports every borough table and the small areas for Islington, keeping only Islington’s rows', async () => {
    const dataset = await newDataset(islington);
    expect(dataset).toMatchObject({ name: 'Census 2021', version: 1, dimensions: [] });

    const dry = await upload(islington, dataset.id, censusFile('ethnicity_by_la.csv'), true).expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, rowsRead: 7944, rowsImported: 0, rowsSkippedOtherAreas: 7920, dimensions: ['ethnicity', 'ethnicity_broad'], areas: 1, problems: [] });
    expect((await env.http.get(`/census/datasets/${dataset.id}`).set(bearer(islington)).expect(200)).body.dimensions).toEqual([]);

    for (const table of CENSUS_TABLES) {
      const { body } = await upload(islington, dataset.id, censusFile(table)).expect(201);
      expect({ table, problems: body.problems }).toEqual({ table, problems: [] });
      expect(body.rowsImported).toBeGreaterThan(0);
    }
    const lsoas = await upload(islington, dataset.id, censusFile('lsoa_seed_boroughs.csv')).expect(201);
    expect(lsoas.body).toMatchObject({ rowsImported: 7182, problems: [] });
    expect(lsoas.body.areas).toBeGreaterThan(100);

    const figures = await env.http.get(`/census/datasets/${dataset.id}/figures?areaCode=E09000019&dimension=sex`).set(bearer(islington)).expect(200);
    expect(figures.body).toEqual([
      { areaCode: 'E09000019', areaName: 'Islington', dimension: 'sex', category: 'Female', count: 113291 },
      { areaCode: 'E09000019', areaName: 'Islington', dimension: 'sex', category: 'Male', count: 103298 },
    ]);
    const view = await env.http.get(`/census/datasets/${dataset.id}`).set(bearer(islington)).expect(200);
    expect(view.body.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(
      expect.arrayContaining(['age', 'age_18plus', 'disability', 'disability_broad', 'english_proficiency', 'ethnicity', 'ethnicity_broad', 'population_totals', 'religion', 'sex']),
    );

    // Importing a table twice would double it: every row is a duplicate, and nothing is added.
    const again = await upload(islington, dataset.id, censusFile('sex_by_la.csv')).expect(400);
    expect(again.body.report.problems).toEqual([expect.objectContaining({ row: 590, column: 'category', rule: 'unique' }), expect.objectContaining({ row: 591, column: 'category', rule: 'unique' })]);
  });

  it('imports Bolton’s figures into Bolton’s dataset only', async () => {
    const dataset = await newDataset(bolton);
    await upload(bolton, dataset.id, censusFile('ethnicity_by_la.csv')).expect(201);
    await upload(bolton, dataset.id, censusFile('sex_by_la.csv')).expect(201);
    const sex = await env.http.get(`/census/datasets/${dataset.id}/figures?dimension=sex`).set(bearer(bolton)).expect(200);
    expect(sex.body.map((f: { areaCode: string; count: number }) => [f.areaCode, f.count])).toEqual([
      ['E08000001', 150056],
      ['E08000001', 145907],
    ]);
    await env.http.get(`/census/datasets/${dataset.id}`).set(bearer(islington)).expect(404);
    await upload(islington, dataset.id, censusFile('sex_by_la.csv')).expect(404);
  });

  it('reports every problem by row and column, and a real import with problems stores nothing', async () => {
    const dataset = await newDataset(islington, 'Checked upload');
    await createLocality(env, islington, 'Highbury', ['E01002694']);
    const csv = [
      'area_code,area_name,dimension,category,count',
      'E09000019,Islington,sex,Female,113291',
      'E09000019,Islington,sex,Male,103298',
      'E09000019,Islington,sex,Male,103298',
      'X123,Nowhere,sex,Female,10',
      'E09000019,Islington,ethnicity,Martian,5',
      'E09000019,Islington,religion,Christian,-4',
      'E09000019,Islington,religion,Muslim,lots',
      'E09000019,Islington,age_18plus,18-24,500',
      'E01002694,Islington 019A,sex,Female,800',
      'E08000001,Bolton,sex,Female,150627',
      'E09000019,Islington,Ethnic Group,White,1',
      'E09000019,Islington,age,Aged 20 to 24 years,1000',
    ].join('\n');
    const { body } = await upload(islington, dataset.id, csv, true).expect(201);
    expect(body.problems).toEqual([
      expect.objectContaining({ row: 4, column: 'category', rule: 'unique' }),
      expect.objectContaining({ row: 5, column: 'area_code', rule: 'knownArea' }),
      expect.objectContaining({ row: 6, column: 'category', rule: 'knownCategory' }),
      expect.objectContaining({ row: 7, column: 'count', rule: 'nonNegativeInteger' }),
      expect.objectContaining({ row: 8, column: 'count', rule: 'nonNegativeInteger' }),
      expect.objectContaining({ row: 12, column: 'dimension', rule: 'dimensionName' }),
      expect.objectContaining({ row: 13, column: 'count', rule: 'totalsAgree', message: expect.stringContaining('age table adds up to 1000 but sex to 216589') }),
    ]);
    expect(body.rowsSkippedOtherAreas).toBe(1);

    const refused = await upload(islington, dataset.id, csv).expect(400);
    expect(refused.body).toMatchObject({
      statusCode: 400,
      code: 'CENSUS_TABLE_INVALID',
      details: expect.arrayContaining([{ field: 'row 5: area_code', rule: 'knownArea', message: expect.any(String) }]),
    });
    expect((await env.http.get(`/census/datasets/${dataset.id}/figures`).set(bearer(islington)).expect(200)).body).toEqual([]);

    await upload(islington, dataset.id, '').expect(400);
    const noHeader = await upload(islington, dataset.id, 'code,what,number\nE09000019,x,1', true).expect(201);
    expect(noHeader.body.problems.map((p: { column: string }) => p.column)).toEqual(['area_code', 'dimension', 'category', 'count']);
    const malformed = await upload(islington, dataset.id, 'area_code,area_name,dimension,category,count\n"E09000019,Islington,sex,Female,1', true).expect(201);
    expect(malformed.body.problems[0]).toMatchObject({ rule: 'csv' });
    await env.http.post(`/census/datasets/${dataset.id}/tables`).set(bearer(islington)).send({ csv: 'a' }).expect(400);
  });

  it('versions datasets and lets a coordinator choose which one a programme compares against', async () => {
    const first = await newDataset(islington, 'Borough profile');
    const second = await newDataset(islington, 'borough profile');
    expect([first.version, second.version]).toEqual([1, 2]);
    const coordinator = await addMember(env, islington, Role.Coordinator);
    const programme = await createProgramme(env, coordinator);
    const chosen = await env.http.put(`/programmes/${programme.id}/census-dataset`).set(bearer(coordinator)).send({ datasetId: first.id }).expect(200);
    expect(chosen.body.censusDatasetId).toBe(first.id);
    const boltonDataset = await newDataset(bolton, 'Bolton only');
    const refused = await env.http.put(`/programmes/${programme.id}/census-dataset`).set(bearer(coordinator)).send({ datasetId: boltonDataset.id }).expect(404);
    expect(refused.body.details[0]).toMatchObject({ field: 'datasetId' });
    await env.http.put(`/programmes/${programme.id}/census-dataset`).set(bearer(coordinator)).send({ datasetId: 'latest' }).expect(400);

    // Only admins import; coordinators read; trainers and mentors see no census data here.
    await env.http.post('/census/datasets').set(bearer(coordinator)).send({ name: 'Mine' }).expect(403);
    await upload(coordinator, first.id, censusFile('sex_by_la.csv')).expect(403);
    await env.http.get('/census/datasets').set(bearer(coordinator)).expect(200);
    const trainer = await addMember(env, islington, Role.Trainer);
    await env.http.get('/census/datasets').set(bearer(trainer)).expect(403);
  });
});
