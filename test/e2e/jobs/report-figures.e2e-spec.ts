import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { createCohort, isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { backdateApplications, createHost, jobBody, placementBody } from '../../factories/progression';
import { enterApplicant } from '../../factories/recruitment';
import { pdfText } from '../../support/pdf-text';
import { tablesOf } from '../../support/report-tables';
import { TestEnvironment } from '../../support/test-environment';

const CENSUS_FILES = ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv'];
const LONG_LOCALITY = 'Finsbury Park, Stroud Green and Crouch Hill below Hornsey Rise';
const LONG_LABELS = ['of which paid roles in the programme', LONG_LOCALITY];

/** Whether the words of `phrase` appear in `text` in order (a wrapped table cell has the row's figures between its lines). */
function wordsInOrder(text: string, phrase: string): boolean {
  const words = text.split(/\s+/);
  let at = 0;
  for (const word of phrase.split(/\s+/)) {
    at = words.indexOf(word, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

/**
 * The demo's finished cohort in miniature: people who registered ten months ago, trained, were
 * placed, got jobs seven months ago and had their 13- and 26-week checks recorded today (as the
 * demo records them), in an organisation whose newest census dataset was created and never filled.
 */
describe('an organisation-wide report: its census dataset, its figures and its labels', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let census: { id: string };

  const produce = async (body: Record<string, unknown>) => {
    const { body: report } = await env.http.post('/reports').set(bearer(coordinator)).send(body).expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body: current } = await env.http.get(`/reports/${report.id}`).set(bearer(coordinator)).expect(200);
      if (current.status === 'done') break;
      if (current.status === 'failed' || Date.now() > deadline) throw new Error(`report ${report.id} is ${current.status}: ${current.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const download = async (format: string) =>
      (
        await env.http
          .get(`/reports/${report.id}/download`)
          .query({ format })
          .set(bearer(coordinator))
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body as Buffer;
    return { csv: tablesOf((await download('csv')).toString('utf8')), html: (await download('html')).toString('utf8'), pdf: await pdfText(await download('pdf')) };
  };
  const referenceDataset = async () => (await env.http.post('/representativeness/gap-analysis').set(bearer(coordinator)).send({}).expect(200)).body.reference.datasetId;

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true });
    admin = await signUpOrganisation(env, { organisationName: 'Islington Peer Mentors', boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    census = await importCensus(env, admin, CENSUS_FILES);
    // Created later, so the newest, but with no tables in it.
    await env.http.post('/census/datasets').set(bearer(admin)).send({ name: 'Census 2021 (blank)' }).expect(201);
    const [north] = await localitiesOfSmallAreas(env, admin, 'E09000019', [LONG_LOCALITY, 'South']);

    const cohort = await createCohort(env, coordinator, [], { capacity: 30 });
    const people: string[] = [];
    for (let i = 0; i < 12; i++) {
      const application = await enterApplicant(env, coordinator, cohort.intakeId, { localityId: north.id });
      people.push(application.personId);
      await recordDemographics(env, coordinator, application.personId, {
        sex: i % 2 ? 'Male' : 'Female',
        ethnicity: i % 3 ? 'White: English, Welsh, Scottish, Northern Irish or British' : 'Black, Black British, Black Welsh, Caribbean or African: African',
      });
    }
    await backdateApplications(env, admin.organisationId, people, isoDaysFromToday(-320));
    const { body: enrolments } = await env.http.post(`/cohorts/${cohort.id}/enrolments`).set(bearer(coordinator)).send({ personIds: people }).expect(201);
    for (const enrolment of enrolments.slice(0, 10)) await env.http.post(`/enrolments/${enrolment.id}/completion`).set(bearer(coordinator)).expect(200);
    const host = await createHost(env, coordinator);
    for (const personId of people.slice(0, 9)) {
      const { body: placement } = await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(personId, host.id, -190, { status: 'active' }))
        .expect(201);
      await env.http
        .post(`/placements/${placement.id}/status`)
        .set(bearer(coordinator))
        .send({ status: 'completed', endedOn: isoDaysFromToday(-107) })
        .expect(200);
    }
    for (const [i, personId] of people.slice(0, 8).entries()) {
      const { body: job } = await env.http
        .post(`/people/${personId}/jobs`)
        .set(bearer(coordinator))
        .send(jobBody({ startsOn: isoDaysFromToday(-200) }))
        .expect(201);
      await env.http
        .post(`/jobs/${job.id}/sustainment-checks`)
        .set(bearer(coordinator))
        .send({ week: 13, result: i < 7 ? 'sustained' : 'not-sustained' })
        .expect(200);
      if (i < 7)
        await env.http
          .post(`/jobs/${job.id}/sustainment-checks`)
          .set(bearer(coordinator))
          .send({ week: 26, result: i < 6 ? 'sustained' : 'unknown' })
          .expect(200);
    }
  });
  afterAll(() => env?.close());

  let report: Awaited<ReturnType<typeof produce>>;

  it('compares with the newest dataset that has figures for the borough, passing over one created without tables', async () => {
    report = await produce({ preset: 'last-12-months' });
    expect(report.html).toContain('against the census figures for E09000019 (Census 2021, version 1)');
    expect(report.html).not.toContain('has no figures');
    expect(report.csv.get('representativeness-pool-sex')!.rows.length).toBeGreaterThan(0);
  });

  it('counts people who reached placement, work and 26 weeks in work the same in the funnel and in the outcomes table to date', async () => {
    const funnel = Object.fromEntries(report.csv.get('funnel')!.rows.map((r) => [r[0], Number(r[1])]));
    const outcomes = Object.fromEntries(report.csv.get('outcomes')!.rows.map((r) => [r[0], Number(r[2])]));
    expect(funnel).toMatchObject({ Registered: 12, 'Completed training': 10, 'Started a placement': 9, 'Entered employment': 8, 'Sustained 26 weeks': 6 });
    expect(outcomes['Placements started']).toBe(funnel['Started a placement']);
    expect(outcomes['Jobs started']).toBe(funnel['Entered employment']);
    expect(outcomes['Jobs sustained at 26 weeks']).toBe(funnel['Sustained 26 weeks']);
  });

  it('prints long labels in full in the HTML tables, the charts and the PDF', async () => {
    const svgText = [...report.html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((svg) => [...svg[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]).join(' ')).join('\n');
    for (const label of LONG_LABELS) {
      expect(report.html).toContain(`<th scope="row">${label}</th>`);
      expect(svgText).toContain(label);
    }
    expect(report.html).not.toContain('…');
    expect(report.pdf).not.toContain('…');
    for (const label of LONG_LABELS) expect(wordsInOrder(report.pdf, label)).toBe(true);
  });

  it('uses the dataset an admin chooses, which must be one of the organisation’s own', async () => {
    const refresh = await importCensus(env, admin, CENSUS_FILES);
    // A newer dataset with figures is the one compared with, until an admin chooses another.
    expect(await referenceDataset()).toBe(refresh.id);
    const { body: datasets } = await env.http.get('/census/datasets').set(bearer(admin)).expect(200);
    expect(datasets.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([census.id, refresh.id]));

    const chosen = await env.http.patch('/organisation').set(bearer(admin)).send({ defaultCensusDatasetId: census.id }).expect(200);
    expect(chosen.body.defaultCensusDatasetId).toBe(census.id);
    expect(await referenceDataset()).toBe(census.id);

    const other = await signUpOrganisation(env);
    const theirs = await importCensus(env, other, ['sex_by_la.csv']);
    for (const value of [theirs.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await env.http.patch('/organisation').set(bearer(admin)).send({ defaultCensusDatasetId: value }).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'defaultCensusDatasetId', rule: 'ownDataset' })]);
    }
    const malformed = await env.http.patch('/organisation').set(bearer(admin)).send({ defaultCensusDatasetId: 'census-2021' }).expect(400);
    expect(malformed.body.details[0]).toMatchObject({ field: 'defaultCensusDatasetId' });
    await env.http.patch('/organisation').set(bearer(coordinator)).send({ defaultCensusDatasetId: refresh.id }).expect(403);
    await env.http.patch('/organisation').set(bearer(other)).send({ defaultCensusDatasetId: census.id }).expect(400);
    expect((await env.http.get('/organisation').set(bearer(admin)).expect(200)).body.defaultCensusDatasetId).toBe(census.id);

    const cleared = await env.http.patch('/organisation').set(bearer(admin)).send({ defaultCensusDatasetId: null }).expect(200);
    expect(cleared.body.defaultCensusDatasetId).toBeNull();
    expect(await referenceDataset()).toBe(refresh.id);
  });
});
