import { Page } from 'playwright-core';
import { parseConfig } from '@steppingstone/core';
import { DEMO, seedDemo } from '../../../scripts/demo-seed';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, VIEWPORTS, WebBrowser } from './support/browser';

jest.setTimeout(240_000);

/** The main menu of a coordinator, and of an admin (who coordinates too). */
const COORDINATING_MENU = ['Dashboard', 'Intakes', 'People', 'Cohorts', 'At risk', 'Placements and hosts', 'Job outcomes', 'Reports', 'Approvals', 'Payments', 'Checks due', 'Messages'];

/** `npm run demo`'s organisation, clicked through page by page for every role at both widths (a desktop and a phone), as a new user would: each page checked with axe and photographed. */
describe('web: the demo, every page for every role', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  const findings: AxeFinding[] = [];
  const check = pageChecks(findings, 'demo', { atWidth: true });

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
      await check(page, `${role}-${label.toLowerCase().replace(/ /g, '-')}`);
    }
    return labels;
  }

  it('lets the coordinator open every page, see the Spring intake’s gaps and select fairly where the quotas first conflict', async () => {
    for (const viewport of VIEWPORTS) {
      const context = await web.context(viewport);
      const page = await context.newPage();
      await signIn(page, base, DEMO.users[1].email, DEMO.password);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(await visitEveryMenuPage(page, 'coordinator')).toEqual(COORDINATING_MENU);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intakes' }).click();
      await page.getByRole('link', { name: 'Spring intake' }).click();
      await page.getByTestId('gap-chart').locator('.recharts-bar-rectangle').first().waitFor();
      if (viewport === VIEWPORTS[0]) {
        await page.getByRole('button', { name: 'Run fair selection' }).click();
        // The demo's pool cannot meet every census quota at once: the page says so and offers the nearest that can.
        await page.getByRole('button', { name: 'Select with the nearest quotas that can be met' }).click();
      }
      // On the desktop the selection is made; on the phone the page shows the stored one.
      await (viewport === VIEWPORTS[0] ? page.getByRole('heading', { name: /^Selected 45 of 50$/ }) : page.locator('#selection-heading')).waitFor();
      await check(page, 'coordinator-intake');
      await context.close();
    }
    expect(findings).toEqual([]);
  }, 480_000);

  it('lets the admin open every page of both menus, the demo’s settings, census and localities among them', async () => {
    for (const viewport of VIEWPORTS) {
      const context = await web.context(viewport);
      const page = await context.newPage();
      await signIn(page, base, DEMO.users[0].email, DEMO.password);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(await visitEveryMenuPage(page, 'admin')).toEqual(COORDINATING_MENU);
      expect(await visitEveryMenuPage(page, 'admin', 'Administration')).toEqual(['Members', 'Invitations', 'Settings', 'Census datasets', 'Localities', 'Audit log', 'Failed deliveries']);
      // What the demo loaded shows on the admin's pages.
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Localities' }).click();
      for (const name of ['North', 'Centre', 'South']) await page.getByRole('heading', { level: 2, name }).waitFor();
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Settings' }).click();
      expect(await page.getByLabel('Keep people’s records for (months)').inputValue()).toBe('36');
      await context.close();
    }
    expect(findings).toEqual([]);
    // Nineteen pages at two widths, each checked with axe and photographed: a long allowance on a loaded machine.
  }, 900_000);

  it('lets the trainer and the mentor open every page of theirs', async () => {
    for (const [user, first, viewport] of [DEMO.users[2], DEMO.users[3]].flatMap((user) =>
      VIEWPORTS.map((viewport) => [user, user.role === 'trainer' ? 'My cohorts' : 'My sessions', viewport] as const),
    )) {
      const context = await web.context(viewport);
      const page = await context.newPage();
      await signIn(page, base, user.email, DEMO.password);
      await page.getByRole('heading', { level: 1, name: first }).waitFor();
      await visitEveryMenuPage(page, user.role);
      if (user.role === 'trainer') {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My cohorts' }).click();
        await page.getByRole('link', { name: 'Peer Mentor training, autumn cohort' }).click();
        await page
          .getByRole('table', { name: 'Withdrawals by reason' })
          .getByRole('row', { name: /Caring duties/ })
          .waitFor();
        await check(page, 'trainer-cohort');
      }
      await context.close();
    }
    expect(findings).toEqual([]);
  }, 480_000);
});
