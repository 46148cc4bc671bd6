import { Page } from 'playwright-core';
import { parseConfig } from '@steppingstone/core';
import { DEMO, seedDemo } from '../../../scripts/demo-seed';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, screenshot, seriousAccessibilityFindings, signIn, WebBrowser } from './support/browser';

jest.setTimeout(240_000);

/** `npm run demo`'s organisation, clicked through page by page for every role, as a new user would. */
describe('web: the demo, every page for every role', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    await seedDemo(base.replace('localhost', '127.0.0.1'), parseConfig(process.env).APP_SECRET);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  async function visitEveryMenuPage(page: Page, role: string, menu = 'Main'): Promise<string[]> {
    const nav = page.getByRole('navigation', { name: menu });
    const labels = await nav.getByRole('link').allTextContents();
    for (const label of labels) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      // A page still loading after this long is a failure, not something to look past. (The dashboard
      // keeps an empty live region with the class for its "Updating the figures…" note; empty is done.)
      await page.locator('.spinner, .loading:not(:empty)').first().waitFor({ state: 'detached', timeout: 15_000 });
      expect({ role, label, errors: await page.locator('.error').allTextContents() }).toEqual({ role, label, errors: [] });
      findings.push(...(await seriousAccessibilityFindings(page, `${role} ${label}`)));
      await screenshot(page, `demo-${role}-${label.toLowerCase().replace(/ /g, '-')}`);
    }
    return labels;
  }

  it('lets the coordinator open every page, see the Spring intake’s gaps and select fairly where the quotas first conflict', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await signIn(page, base, DEMO.users[1].email, DEMO.password);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await visitEveryMenuPage(page, 'coordinator')).toEqual(['Dashboard', 'Intakes', 'People', 'Cohorts', 'At risk', 'Placements and hosts', 'Job outcomes', 'Reports', 'Approvals', 'Payments', 'Checks due', 'Messages']);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intakes' }).click();
    await page.getByRole('link', { name: 'Spring intake' }).click();
    await page.getByTestId('gap-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByRole('button', { name: 'Run fair selection' }).click();
    // The demo's pool cannot meet every census quota at once: the page says so and offers the nearest that can.
    await page.getByRole('button', { name: 'Select with the nearest quotas that can be met' }).click();
    await page.getByRole('heading', { name: /^Selected 45 of 50$/ }).waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'coordinator intake')));
    await screenshot(page, 'demo-coordinator-intake');
    expect(findings).toEqual([]);
    await context.close();
  });

  it('lets the admin open every page of both menus, the demo’s settings, census and localities among them', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await signIn(page, base, DEMO.users[0].email, DEMO.password);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await visitEveryMenuPage(page, 'admin')).toEqual(['Dashboard', 'Intakes', 'People', 'Cohorts', 'At risk', 'Placements and hosts', 'Job outcomes', 'Reports', 'Approvals', 'Payments', 'Checks due', 'Messages']);
    expect(await visitEveryMenuPage(page, 'admin', 'Administration')).toEqual(['Members', 'Invitations', 'Settings', 'Census datasets', 'Localities', 'Audit log', 'Failed deliveries']);
    // What the demo loaded shows on the admin's pages.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Localities' }).click();
    for (const name of ['North', 'Centre', 'South']) await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByLabel('Keep people’s records for (months)').inputValue()).toBe('36');
    expect(findings).toEqual([]);
    await context.close();
    // Fourteen pages, each checked with axe and photographed: twice the others' allowance on a loaded machine.
  }, 480_000);

  it('lets the trainer and the mentor open every page of theirs', async () => {
    for (const [user, first] of [
      [DEMO.users[2], 'My cohorts'],
      [DEMO.users[3], 'My sessions'],
    ] as const) {
      const context = await web.context({ width: 390, height: 844 });
      const page = await context.newPage();
      await signIn(page, base, user.email, DEMO.password);
      await page.getByRole('heading', { level: 1, name: first }).waitFor();
      await visitEveryMenuPage(page, user.role);
      if (user.role === 'trainer') {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My cohorts' }).click();
        await page.getByRole('link', { name: 'Peer Mentor training, autumn cohort' }).click();
        await page.getByRole('table', { name: 'Withdrawals by reason' }).getByRole('row', { name: /Caring duties/ }).waitFor();
        findings.push(...(await seriousAccessibilityFindings(page, 'trainer cohort')));
        await screenshot(page, 'demo-trainer-cohort');
      }
      await context.close();
    }
    expect(findings).toEqual([]);
  });
});
