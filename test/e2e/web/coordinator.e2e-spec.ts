import { Locator, Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createIntake, createProgramme, enterApplicant } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, screenshot, seriousAccessibilityFindings, signIn, VIEWPORTS, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** Names carry the width, so the two runs' intakes and applicants are told apart. */
const applicantName = (width: number, n: number) => `Applicant ${String(n).padStart(2, '0')} (${width} px)`;

/** A coordinator in the browser, on a laptop and on a phone: from sign-in to a fairly selected cohort, with the gaps in view. */
describe('web: a coordinator selects a cohort', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let coordinator: SignedIn;
  let admin: SignedIn;
  let intake: { id: string; publicSlug: string };
  // One intake per width, each with its own 40 applicants, so one run's selection and moves never change the other's.
  const intakes = new Map<number, { id: string; publicSlug: string; name: string }>();
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    // The coordinator signs in once per width, once more for the other pages and twice to choose an organisation: past the default five a quarter-hour.
    env = await TestEnvironment.start({ listen: true, env: { LOGIN_RATE_LIMIT: '50' } });
    base = await env.listen();
    web = await WebBrowser.launch();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    const localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['Farnworth', 'Horwich', 'Breightmet']);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const programme = await createProgramme(env, coordinator, { name: 'Peer Navigators', kind: 'paid-role' });
    const births = ['2004-01-10', '1993-06-01', '1984-02-02', '1975-03-03', '1966-04-04', '1955-05-05'];
    for (const { width } of VIEWPORTS) {
      const name = `Spring intake (${width} px)`;
      const created = await createIntake(env, coordinator, programme.id, { name, capacity: 30 });
      await env.http.post(`/intakes/${created.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
      // 40 applicants, women over-represented, for 30 places.
      for (let i = 0; i < 40; i++) {
        const applicant = await enterApplicant(env, coordinator, created.id, {
          name: applicantName(width, i + 1),
          dateOfBirth: births[i % births.length],
          localityId: localities[i % 3].id,
        });
        await recordDemographics(env, coordinator, applicant.personId, { sex: i % 3 === 0 ? 'Male' : 'Female', ethnicity: 'White: English, Welsh, Scottish, Northern Irish or British' });
        if (i < 38) await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      }
      intakes.set(width, { ...created, name });
    }
    intake = intakes.get(1366)!;
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  /** The page's console errors, collected as they come. */
  function watchConsole(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (message) => {
      // Opening a page signed out answers 401 by design (that is what sends the browser to sign in).
      if (message.type() === 'error' && !message.text().includes('status of 401')) errors.push(message.text());
    });
    return errors;
  }

  it.each(VIEWPORTS)('at $width px: signs in, opens the intake, sees who isn’t there, runs a fair selection, applies it and moves applicants on the board by keyboard', async (viewport) => {
    const { width } = viewport;
    const intake = intakes.get(width)!;
    const applicant = (n: number) => applicantName(width, n);
    const findings: AxeFinding[] = [];
    const check = pageChecks(findings, 'coordinator', { atWidth: true });
    const context = await web.context(viewport);
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);

    await page.goto(`${base}/sign-in`);
    await check(page, 'sign-in');
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${intake.id}`);
    // Sent to sign in from the intake's address, and brought back to it.
    await page.waitForURL(`**/intakes/${intake.id}`);
    await page.getByRole('heading', { level: 1, name: intake.name }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).waitFor();

    // The gap chart: pool, cohort and borough side by side, and the table behind it.
    const chart = page.getByTestId('gap-chart');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByLabel('Compare by').selectOption('sex');
    await page.getByRole('table', { name: /Sex: the figures behind the charts/ }).waitFor();
    const maleRow = page.getByRole('row', { name: /^Male/ }).first();
    await expect(maleRow.textContent()).resolves.toContain('14');
    await expect(page.getByRole('table', { name: /Groups with fewer applicants/ }).textContent()).resolves.toMatch(/Sex: Male/);
    await check(page, 'intake');

    // Fair selection with quotas on sex and age, and three people's leeway.
    await page.getByLabel('Places to fill').fill('30');
    await page.getByLabel('Leeway either side of each quota (people)').fill('3');
    await page.getByLabel('Ethnic group').uncheck();
    await page.getByLabel('Seed (leave empty for a new draw)').fill('bolton-spring');
    await page.getByRole('button', { name: 'Run fair selection' }).click();
    await page.getByRole('heading', { name: 'Selected 30 of 38' }).waitFor();
    const explanation = await page.locator('.selection-result').textContent();
    expect(explanation).toContain('78.9%'); // 30 places ÷ 38 applicants
    expect(explanation).toContain('bolton-spring');
    await page.getByRole('table', { name: 'Quotas and who was selected' }).waitFor();
    await check(page, 'selection');

    await page.getByRole('button', { name: /Offer places to the 30 selected/ }).click();
    await page.getByText('Done: 30 offered a place and 8 waitlisted.').waitFor();
    const pipeline = await env.http.get(`/intakes/${intake.id}/pipeline`).set(bearer(coordinator)).expect(200);
    expect(pipeline.body.stages).toMatchObject({ offered: 30, waitlisted: 8, screened: 0, applied: 2 });
    // The selected cohort is now flagged against the borough beside the pool, one verdict per group.
    const figures = page.getByRole('table', { name: /Sex: the figures behind the charts/ });
    await figures.getByRole('columnheader', { name: 'Cohort against borough' }).waitFor();
    const cohortVerdicts = await figures.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.lastElementChild?.textContent ?? ''));
    expect(cohortVerdicts.every((verdict) => /^(Under by \d+\.\d|Over by \d+\.\d|About right|Not counted in the shares)$/.test(verdict))).toBe(true);
    expect(await page.locator('.pie, .recharts-pie').count()).toBe(0);

    // Moving applicants on the board with the keyboard alone: each control is focused and pressed with Enter.
    const press = async (target: Locator) => {
      await target.focus();
      await page.keyboard.press('Enter');
    };
    await press(page.getByRole('button', { name: /^Applied/ }));
    await press(page.getByRole('button', { name: `Move ${applicant(39)} to Screened` }));
    await page
      .getByRole('status')
      .filter({ hasText: `${applicant(39)} moved to Screened.` })
      .waitFor();
    await press(page.getByRole('button', { name: /^Offered/ }));
    await page.getByRole('table', { name: /Offered: 30 applicants/ }).waitFor();
    await press(page.getByRole('button', { name: /to Accepted$/ }).first());
    await page
      .getByRole('status')
      .filter({ hasText: /moved to Accepted\./ })
      .waitFor();
    const after = await env.http.get(`/intakes/${intake.id}/pipeline`).set(bearer(coordinator)).expect(200);
    expect(after.body.stages).toMatchObject({ applied: 1, screened: 1, offered: 29, accepted: 1 });
    await press(page.getByRole('button', { name: /^Accepted/ }));
    await check(page, 'pipeline');

    expect(consoleErrors).toEqual([]);
    expect(findings).toEqual([]);
    await context.close();
  });

  // The rest of a coordinator's pages are visited at both widths by the demo walkthrough; here, what they do, on a laptop.
  it('opens the other coordinator pages without an error, asks for a report, reveals a profile behind an audit-logged step, records a job and adds a host', async () => {
    const findings: AxeFinding[] = [];
    const check = pageChecks(findings, 'coordinator', { atWidth: true });
    const context = await web.context(VIEWPORTS[0]);
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    await signIn(page, base, coordinator.email, PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    for (const [link, heading] of [
      ['Dashboard', 'Dashboard'],
      ['People', 'People'],
      ['Cohorts', 'Cohorts'],
      ['Placements and hosts', 'Placements and hosts'],
      ['Job outcomes', 'Job outcomes'],
      ['Reports', 'Reports'],
    ]) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.error').count()).toBe(0);
      await check(page, heading.toLowerCase().replace(/ /g, '-'));
    }

    // A report asked for from the Reports page is queued for the worker and listed while it is prepared.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('button', { name: 'Ask for a report' }).click();
    await page.getByText('Your report is being prepared.').waitFor();
    await page.getByRole('table', { name: 'Reports, newest first' }).getByRole('cell', { name: 'Being prepared' }).waitFor();
    const reports = await env.http.get('/reports').set(bearer(coordinator)).expect(200);
    expect(reports.body.total).toBe(1);

    // A person's page keeps the demographic profile behind an explicit, audit-logged reveal.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('link', { name: applicantName(1366, 1) }).click();
    await page.getByRole('heading', { level: 1, name: applicantName(1366, 1) }).waitFor();
    expect(await page.getByText('Female').count()).toBe(0);
    await page.getByRole('button', { name: 'Reveal demographic profile' }).click();
    await page.getByText('Male', { exact: true }).waitFor();
    const audit = await env.http.get(`/audit-log?action=person.demographics.read`).set(bearer(admin)).expect(200);
    expect(audit.body.total).toBe(1);

    // A job outcome, with its 13- and 26-week checks scheduled from the start date.
    await page.getByLabel('Job title').fill('Peer support worker');
    await page.getByLabel('Employer').fill('Bolton NHS Foundation Trust');
    await page.getByRole('button', { name: 'Record job' }).click();
    await page.getByText('Peer support worker at Bolton NHS Foundation Trust').waitFor();
    await page.getByText(/13-week check, due/).waitFor();
    await check(page, 'person');

    // A new host organisation for placements.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Placements and hosts' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Farnworth Recovery Hub');
    await page.getByRole('button', { name: 'Add host' }).click();
    await page.getByRole('cell', { name: 'Farnworth Recovery Hub' }).waitFor();

    expect(consoleErrors).toEqual([]);
    expect(findings).toEqual([]);
    await context.close();
  });

  it('lets someone in two organisations choose one at sign-in, then switch, with the menu of their role there', async () => {
    const wigan = await signUpOrganisation(env, { organisationName: 'Wigan Volunteer Bureau', boroughCode: 'E08000010' });
    await addMember(env, wigan, Role.Trainer, coordinator.email);
    const context = await web.context();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(coordinator.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('group', { name: 'Organisation' }).waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'sign-in-choice')));
    await page.getByLabel('Bolton Peer Navigators (Coordinator)').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.getByLabel('Organisation').selectOption({ label: 'Wigan Volunteer Bureau (Trainer)' });
    await page.getByRole('heading', { level: 1, name: 'My cohorts' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My cohorts', 'At risk']);
    // The old organisation's pages are not this role's: the app says so, and the API agrees.
    await page.goto(`${base}/intakes/${intake.id}`);
    await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
    await screenshot(page, 'switched-organisation');
    expect(findings).toEqual([]);
    await context.close();
  });

  it('takes an application through the intake’s public link without signing in, with the refusals next to the fields', async () => {
    const context = await web.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${base}/apply/${intake.publicSlug}`);
    await page.getByRole('heading', { level: 1, name: /Apply: Peer Navigators/ }).waitFor();
    await page.getByLabel('Your name').fill('Sam Public');
    await page.getByLabel('Email address').fill('sam.public@example.org');
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Tick the box to agree to be contacted/ })
      .waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'apply-refused')));
    await page.getByLabel('I agree to be contacted about my application').check();
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
    await screenshot(page, 'public-apply');
    findings.push(...(await seriousAccessibilityFindings(page, 'apply-received')));
    const applied = await env.http.get(`/applications?intakeId=${intake.id}&q=Sam%20Public`).set(bearer(coordinator)).expect(200);
    expect(applied.body.items).toEqual([expect.objectContaining({ name: 'Sam Public', stage: 'applied' })]);
    expect(findings).toEqual([]);
    await context.close();
  });
});
