import { Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createIntake, createProgramme, enterApplicant } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, WebBrowser } from './support/browser';

jest.setTimeout(240_000);

interface StoredSelection {
  id: string;
  seed: string;
  panel: string[];
  draw: string;
  inputs: { tickets: number | null; onePerHousehold: boolean };
  exactMinimumProbability: number;
  lotteryMinimumProbability: number;
  probabilities: Array<{ id: string; probability: number }>;
  alternates: { alternates: Array<{ applicationId: string }> };
  createdByName: string | null;
}
interface Binding {
  category: string;
  feature: string;
  bound: 'min' | 'max' | 'exact';
  limit: number;
  poolCount: number;
}

const pct = (p: number, digits: number) => `${(p * 100).toFixed(digits)}%`;

/**
 * The fair-selection page explained: each applicant's chance and why, both smallest chances, earlier
 * runs re-run from their seed, and alternates offered the place when someone declines — by keyboard,
 * at desktop and phone widths, checked against what the API then holds.
 */
describe('web: fair selection, explained', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let coordinator: SignedIn;
  let intake: { id: string };
  const names = new Map<string, string>();
  const idOf = (name: string) => [...names].find(([, n]) => n === name)![0];
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    const admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    const localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['Farnworth', 'Horwich', 'Breightmet']);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const programme = await createProgramme(env, coordinator, { name: 'Peer Navigators', kind: 'paid-role' });
    intake = await createIntake(env, coordinator, programme.id, { name: 'Spring intake', capacity: 30 });
    await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
    const births = ['2004-01-10', '1993-06-01', '1984-02-02', '1975-03-03', '1966-04-04', '1955-05-05'];
    // 38 screened applicants for 30 places: 13 men (every third) and 25 women, so women are held down by their quota.
    for (let i = 0; i < 38; i++) {
      const name = `Applicant ${String(i + 1).padStart(2, '0')}`;
      const applicant = await enterApplicant(env, coordinator, intake.id, { name, dateOfBirth: births[i % births.length], localityId: localities[i % 3].id });
      names.set(applicant.id, name);
      await recordDemographics(env, coordinator, applicant.personId, { sex: i % 3 === 0 ? 'Male' : 'Female', ethnicity: 'White: English, Welsh, Scottish, Northern Irish or British' });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
    }
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  const check = pageChecks(findings, 'selection-explained', { settle: true });
  const selections = async (): Promise<StoredSelection[]> => (await env.http.get(`/intakes/${intake.id}/selections`).set(bearer(coordinator)).expect(200)).body;
  const stageOf = async (applicationId: string) => (await env.http.get(`/applications/${applicationId}`).set(bearer(coordinator)).expect(200)).body.stage;
  const firstRowName = (page: Page) =>
    page
      .getByRole('table', { name: /Chance of selection for each applicant/ })
      .locator('tbody tr:not(.why) th')
      .first()
      .textContent();

  it('at 1366 px: runs with each draw option, explains each chance, re-runs from the seed to the same panel, and offers declined places to the alternates by keyboard', async () => {
    const context = await web.context({ width: 1366, height: 900 });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('status of 401')) consoleErrors.push(message.text());
    });
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${intake.id}`);
    await page.getByRole('heading', { level: 1, name: 'Spring intake' }).waitFor();
    await page.getByRole('table', { name: 'Selections run for this intake, newest first' }).or(page.getByText('No selection has been run for this intake yet.')).waitFor();

    // The default fair lottery, one person per household.
    await page.getByLabel('Places to fill').fill('30');
    await page.getByLabel('Leeway either side of each quota (people)').fill('3');
    await page.getByLabel('Ethnic group', { exact: true }).uncheck();
    await page.getByLabel('Seed (leave empty for a new draw)').fill('spring-fair');
    expect(await page.getByLabel('Fair lottery (recommended)').isChecked()).toBe(true);
    await page.getByLabel('One person per household').check();
    await page.getByRole('button', { name: 'Run fair selection' }).click();
    await page.getByRole('heading', { name: 'Selected 30 of 38' }).waitFor();
    let [latest] = await selections();
    expect(latest).toMatchObject({ seed: 'spring-fair', draw: 'lottery', inputs: { onePerHousehold: true, tickets: null }, createdByName: 'coordinator person' });
    // Both smallest chances, as the API stored them.
    const chances = page.locator('.minimum-chances');
    await expect(chances.textContent()).resolves.toContain(pct(latest.exactMinimumProbability, 2));
    await expect(chances.textContent()).resolves.toContain(pct(latest.lotteryMinimumProbability, 2));
    expect(latest.lotteryMinimumProbability).toBeGreaterThanOrEqual(latest.exactMinimumProbability * 0.99 - 1e-9);

    // An exact draw: nothing lost to rounding.
    await page.getByLabel('Seed (leave empty for a new draw)').fill('spring-exact');
    await page.getByLabel('Exact draw').check();
    await page.getByRole('button', { name: 'Run fair selection' }).click();
    await page.getByText('(the same: an exact draw loses nothing)').waitFor();
    [latest] = await selections();
    expect(latest).toMatchObject({ seed: 'spring-exact', draw: 'exact' });
    expect(latest.lotteryMinimumProbability).toBeCloseTo(latest.exactMinimumProbability, 9);

    // 1,000 tickets for a draw by hand: the one applied below.
    await page.getByLabel('Seed (leave empty for a new draw)').fill('spring-tickets');
    await page.getByLabel('A set number of tickets, for a draw by hand').check();
    await page.getByLabel('Number of tickets', { exact: true }).fill('1000');
    await page.getByLabel('One person per household').uncheck();
    await page.getByRole('button', { name: 'Run fair selection' }).click();
    await page.locator('.minimum-chances').getByText('lottery of 1,000 tickets').waitFor();
    [latest] = await selections();
    expect(latest).toMatchObject({ seed: 'spring-tickets', draw: 'lottery', inputs: { tickets: 1000, onePerHousehold: false } });
    const ticketRun = latest;
    await check(page, 'selection');

    // The chance table by keyboard: sorted by chance (lowest first), then highest first, then by name both ways.
    const table = page.getByRole('table', { name: /Chance of selection for each applicant/ });
    await table.waitFor();
    expect(await table.locator('tbody tr:not(.why)').count()).toBe(38);
    const lowest = Math.min(...ticketRun.probabilities.map((p) => p.probability));
    const highest = Math.max(...ticketRun.probabilities.map((p) => p.probability));
    expect(await table.locator('tbody tr:not(.why) td').first().textContent()).toBe(pct(lowest, 1));
    const chanceSort = table.getByRole('button', { name: /^Chance/ });
    await chanceSort.focus();
    await page.keyboard.press('Enter');
    await table
      .locator('th[aria-sort="descending"]')
      .getByRole('button', { name: /^Chance/ })
      .waitFor();
    expect(await table.locator('tbody tr:not(.why) td').first().textContent()).toBe(pct(highest, 1));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await table.locator('th[aria-sort="ascending"]').getByRole('button', { name: /^Name/ }).waitFor();
    expect(await firstRowName(page)).toBe('Applicant 01');
    await page.keyboard.press('Enter');
    await table.locator('th[aria-sort="descending"]').getByRole('button', { name: /^Name/ }).waitFor();
    expect(await firstRowName(page)).toBe('Applicant 38');

    // Search by name, then "Why this chance?" for one woman, read against the API's explanation.
    await page.getByLabel('Search by name').focus();
    await page.keyboard.type('Applicant 0');
    await page.getByText('9 of 38 applicants match “Applicant 0”.').waitFor();
    await page.keyboard.type('2');
    await page.getByText('1 of 38 applicants match “Applicant 02”.').waitFor();
    const why = page.getByRole('button', { name: 'Why this chance? (Applicant 02)' });
    await why.focus();
    await page.keyboard.press('Enter');
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    const explanations = (await env.http.get(`/selections/${ticketRun.id}/explanations`).set(bearer(coordinator)).expect(200)).body.explanations as Array<{
      applicationId: string;
      probability: number;
      binding: Binding[];
    }>;
    const hers = explanations.find((e) => e.applicationId === idOf('Applicant 02'))!;
    const detail = page.locator(`#why-${hers.applicationId}`);
    await detail.getByText(`Applicant 02 had a ${pct(hers.probability, 1)} chance`).waitFor();
    const sexQuota = hers.binding.find((b) => b.category === 'sex');
    // 25 of the 38 applicants are women, every third of them a man; with 30 places the women's upper bound is what holds her chance down.
    expect(sexQuota).toMatchObject({ feature: 'Female', bound: 'max', poolCount: 25 });
    await detail.getByText(`Women are held to at most ${sexQuota!.limit} of the 30 places, which holds their chance down (25 of the applicants are in this group).`).waitFor();
    expect(await detail.locator('li').count()).toBe(hers.binding.length);
    await page.getByLabel('Search by name').fill('');

    // Earlier runs: seed, who and algorithm; the tickets run re-run from its seed draws the same panel.
    const runs = page.getByRole('table', { name: 'Selections run for this intake, newest first' });
    await runs.getByRole('cell', { name: 'spring-fair', exact: true }).waitFor();
    expect(await runs.locator('tbody tr').count()).toBe(3);
    expect(await runs.locator('tbody tr').first().textContent()).toMatch(/coordinator person.*spring-tickets.*MAXIMIN, lottery of 1,000 tickets.*30 of 38 selected/);
    const rerun = runs.getByRole('button', { name: 'Re-run from this seed (spring-tickets)' });
    await rerun.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Same panel: the re-run from seed spring-tickets selected exactly the same 30 people/).waitFor();
    const [again] = await selections();
    expect(again.seed).toBe('spring-tickets');
    expect(again.id).not.toBe(ticketRun.id);
    expect([...again.panel].sort()).toEqual([...ticketRun.panel].sort());
    await check(page, 'rerun');

    // An earlier run shown again, then the tickets run, whose places are offered.
    await runs.getByRole('button', { name: 'Show this run (seed spring-fair)' }).click();
    await page
      .locator('.selection-result')
      .getByText(/^The selection run .* by coordinator person\.$/)
      .waitFor();
    expect(await page.locator('.selection-result code').first().textContent()).toBe('spring-fair');
    await runs
      .locator('tbody tr')
      .filter({ hasText: 'spring-tickets' })
      .last()
      .getByRole('button', { name: /Show this run/ })
      .click();
    // The earlier run stays on screen until this one has loaded, so wait for its seed rather than read at once.
    await page
      .locator('.selection-result code')
      .first()
      .filter({ hasText: /^spring-tickets$/ })
      .waitFor();
    expect(await page.locator('.selection-result code').first().textContent()).toBe('spring-tickets');
    await page.getByRole('button', { name: 'Offer places to the 30 selected and waitlist the rest' }).click();
    await page.getByText('Done: 30 offered a place and 8 waitlisted.').waitFor();

    // The cohort is now flagged against the borough beside the pool.
    await page.getByLabel('Compare by').selectOption('sex');
    await page
      .getByRole('table', { name: /Sex: the figures behind the charts/ })
      .getByRole('columnheader', { name: 'Cohort against borough' })
      .waitFor();

    // Alternates in order, and the quotas at risk (no drop-out history here, so none).
    const alternates = ticketRun.alternates.alternates.map((a) => a.applicationId);
    expect(alternates.length).toBeGreaterThanOrEqual(3); // at least a tenth of the panel
    const listed = page.locator('ol.alternates li');
    await listed.first().waitFor();
    expect((await listed.allTextContents()).map((text) => text.replace(/ \(drop-out risk .*\)$/, ''))).toEqual(alternates.map((id) => names.get(id)));
    await page.getByText('No quota is at risk').waitFor();

    // Someone declined: chosen and offered by keyboard alone.
    const who = page.getByLabel('Who declined or dropped out?');
    await who.focus();
    await page.keyboard.press('ArrowDown');
    const declined = await who.inputValue();
    expect(ticketRun.panel).toContain(declined);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(new RegExp(`^${names.get(declined)} declined and .* has been offered the place\\.`)).waitFor();
    let recorded = (await env.http.get(`/selections/${ticketRun.id}/replacements`).set(bearer(coordinator)).expect(200)).body as Array<{ declinedApplicationId: string; offeredApplicationId: string }>;
    expect(recorded).toHaveLength(1);
    expect(recorded[0].declinedApplicationId).toBe(declined);
    expect(alternates).toContain(recorded[0].offeredApplicationId);
    expect(await stageOf(declined)).toBe('declined');
    expect(await stageOf(recorded[0].offeredApplicationId)).toBe('offered');
    const replacements = page.getByRole('table', { name: 'Replacements made from the alternates, oldest first' });
    await replacements.getByRole('cell', { name: names.get(recorded[0].offeredApplicationId), exact: true }).waitFor();
    await check(page, 'replacement');

    // Every other alternate offered in turn; then nobody is left, said in plain words and nothing moved.
    const stillOn = ticketRun.panel.filter((id) => id !== declined);
    for (let i = 1; i < alternates.length; i++) {
      await who.selectOption(stillOn[i]);
      await page.getByRole('button', { name: 'Offer the place to the next alternate' }).click();
      await page.getByText(new RegExp(`^${names.get(stillOn[i])} declined and`)).waitFor();
    }
    await who.selectOption(stillOn[0]);
    await page.getByRole('button', { name: 'Offer the place to the next alternate' }).click();
    await page.getByRole('alert').filter({ hasText: 'No alternate is left: everyone on the list has already been offered a place or has moved on. Nobody was moved.' }).waitFor();
    recorded = (await env.http.get(`/selections/${ticketRun.id}/replacements`).set(bearer(coordinator)).expect(200)).body;
    expect(recorded).toHaveLength(alternates.length);
    expect(new Set(recorded.map((r) => r.offeredApplicationId))).toEqual(new Set(alternates));
    expect(await stageOf(stillOn[0])).toBe('offered');
    await check(page, 'no-alternate-left');

    expect(consoleErrors.filter((e) => !e.includes('409'))).toEqual([]);
    expect(findings).toEqual([]);
    await context.close();
  });

  it('at 390 px: opens on the applied selection, with the chance table, its reasons and the replacements usable by keyboard', async () => {
    const context = await web.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${intake.id}`);
    await page.getByRole('heading', { level: 1, name: 'Spring intake' }).waitFor();
    await page.getByText(/whose places were offered/).waitFor();
    expect(await page.locator('.selection-result code').first().textContent()).toBe('spring-tickets');

    await page.getByLabel('Search by name').focus();
    await page.keyboard.type('Applicant 1');
    await page.getByText('10 of 38 applicants match “Applicant 1”.').waitFor();
    const table = page.getByRole('table', { name: /Chance of selection for each applicant/ });
    await table.getByRole('button', { name: /^Name/ }).focus();
    await page.keyboard.press('Enter');
    expect(await firstRowName(page)).toBe('Applicant 10');
    const why = page.getByRole('button', { name: 'Why this chance? (Applicant 10)' });
    await why.focus();
    await page.keyboard.press('Enter');
    await page
      .locator(`#why-${idOf('Applicant 10')}`)
      .getByText(/^Applicant 10 had a/)
      .waitFor();
    await page.getByRole('table', { name: 'Replacements made from the alternates, oldest first' }).waitFor();
    // Nothing in the fair-selection section is wider than the phone's screen: wide tables scroll inside their own region.
    const section = page.locator('section[aria-labelledby="selection-heading"]');
    expect(await section.evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await section.evaluate((el: { getBoundingClientRect(): { right: number } }) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await check(page, 'phone');
    expect(findings).toEqual([]);
    await context.close();
  });
});
