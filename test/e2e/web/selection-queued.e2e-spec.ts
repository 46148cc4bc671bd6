import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createIntake, createProgramme, enterApplicant } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, seriousAccessibilityFindings, signIn, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** A pool above SELECTION_ASYNC_POOL_SIZE: the page follows the worker's selection until it is done. */
describe('web: a fair selection the worker makes', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let coordinator: SignedIn;
  let intake: { id: string };
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, listen: true, env: { SELECTION_ASYNC_POOL_SIZE: '20' } });
    base = await env.listen();
    web = await WebBrowser.launch();
    const admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    const localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['Farnworth', 'Horwich', 'Breightmet']);
    await importCensus(env, admin, ['sex_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const programme = await createProgramme(env, coordinator, { name: 'Peer Navigators', kind: 'paid-role' });
    intake = await createIntake(env, coordinator, programme.id, { name: 'Autumn intake', capacity: 15 });
    await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
    const births = ['2004-01-10', '1993-06-01', '1984-02-02', '1975-03-03', '1966-04-04', '1955-05-05'];
    for (let i = 0; i < 30; i++) {
      const applicant = await enterApplicant(env, coordinator, intake.id, {
        name: `Applicant ${String(i + 1).padStart(2, '0')}`,
        dateOfBirth: births[i % births.length],
        localityId: localities[i % 3].id,
      });
      await recordDemographics(env, coordinator, applicant.personId, { sex: i % 2 ? 'Male' : 'Female' });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
    }
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('is told the selection is queued, then sees the selected cohort once the worker has made it', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${intake.id}`);
    await page.getByRole('heading', { level: 1, name: 'Autumn intake' }).waitFor();

    await page.getByLabel('Places to fill').fill('15');
    await page.getByLabel('Leeway either side of each quota (people)').fill('3');
    await page.getByLabel('Ethnic group').uncheck();
    await page.getByLabel('Seed (leave empty for a new draw)').fill('autumn-draw');
    // Held in the queue until the page has said so, so that what it shows while waiting is seen whatever the machine's speed.
    const selections = env.worker!.get<Queue>(getQueueToken('selections'));
    await selections.pause();
    const answered = page.waitForResponse((response) => response.url().endsWith(`/intakes/${intake.id}/selections`) && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Run fair selection' }).click();
    expect((await answered).status()).toBe(202);
    await page.getByRole('status').filter({ hasText: 'Queued: 30 applicants is a large pool' }).waitFor();
    expect(await page.getByRole('button', { name: 'Selecting…' }).isDisabled()).toBe(true);
    findings.push(...(await seriousAccessibilityFindings(page, 'selection-queued')));
    await selections.resume();

    await page.getByRole('heading', { name: 'Selected 15 of 30' }).waitFor({ timeout: 120_000 });
    expect(await page.locator('.selection-result').textContent()).toContain('autumn-draw');
    await page.getByRole('table', { name: 'Quotas and who was selected' }).waitFor();
    const { body } = await env.http.get(`/intakes/${intake.id}/selections`).set(bearer(coordinator)).expect(200);
    expect(body.map((s: { status: string; seed: string }) => [s.status, s.seed])).toEqual([['done', 'autumn-draw']]);
    await context.close();
    expect(findings).toEqual([]);
  });
});
