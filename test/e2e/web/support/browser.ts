import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', '..', '..', 'test-output', 'screenshots');

/**
 * One headless Debian Chromium per test file. The flags keep it from calling out to Google on a
 * closed network (it would otherwise stall on background connections). playwright-core gives every
 * launch a fresh temporary profile, so files never see each other's cookies.
 */
export class WebBrowser {
  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<WebBrowser> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return new WebBrowser(browser);
  }

  /** A fresh context (no cookies) with en-GB and the viewport asked for: 390 px wide is a typical phone. */
  async context(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
    return this.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export async function signIn(page: Page, base: string, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  // The URL changes before the shell has loaded who is signed in; until then there is no menu to
  // read, and a test that reads it at once finds it empty.
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export interface AxeFinding {
  page: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe-core on what the page shows now and returns the serious and critical findings (WCAG 2.x A and AA, 2.2 included). */
export async function seriousAccessibilityFindings(page: Page, label: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: label, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The two widths each flow is run at: a laptop and a typical phone. */
export const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;

/** How wide the page's content is: wider than the viewport means the whole page scrolls sideways. */
export async function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/**
 * Fails if the page scrolls sideways, naming the page, both widths and the first elements that reach
 * past the right edge (a wide table may scroll in its own region, and is not named), so a failure says what to fix.
 */
export async function fitsTheWidth(page: Page, label: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const scrollWidth = await pageScrollWidth(page);
  if (scrollWidth <= width) return;
  // Named: the outermost elements past the edge, and the innermost whose own content (a long word, say)
  // spills past it, in neither case held in a region that clips or scrolls and itself fits. Run in the
  // page as text: this file is compiled without the DOM's types.
  const beyond = await page.evaluate<string[]>(`(() => {
    const width = document.documentElement.clientWidth;
    const left = (el) => el.getBoundingClientRect().left + window.scrollX;
    const right = (el) => el.getBoundingClientRect().right + window.scrollX;
    const past = (el) => el.getBoundingClientRect().width > 0 && right(el) > width + 1;
    const spills = (el) => getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && left(el) + el.scrollWidth > width + 1;
    // A region clips what lies inside it, except an absolutely placed element whose containing block is outside it.
    const held = (el) => {
      let skipping = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      const block = el.offsetParent;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (skipping && p !== block) continue;
        skipping = false;
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return !past(p);
      }
      return false;
    };
    const all = [...document.querySelectorAll('body *')].filter((el) => !held(el));
    const outside = new Set(all.filter(past));
    const spilling = all.filter((el) => !outside.has(el) && spills(el));
    const name = (el, edge) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/ +/g, '.') : '') + ' (' + Math.round(edge) + ' px): ' + (el.textContent || '').trim().slice(0, 60);
    return [
      ...[...outside].filter((el) => !outside.has(el.parentElement)).map((el) => name(el, right(el))),
      ...spilling.filter((el) => !spilling.some((other) => other !== el && el.contains(other))).map((el) => 'content of ' + name(el, left(el) + el.scrollWidth)),
    ].slice(0, 5);
  })()`);
  throw new Error(`${label}: the page is ${scrollWidth} px wide in a ${width} px viewport, so it scrolls sideways; past the edge: ${beyond.join('; ')}`);
}

/** Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user would reach it; fails if it never does. */
export async function tabTo(page: Page, target: Locator, { backwards = false, presses = 40 } = {}): Promise<void> {
  for (let i = 0; ; i++) {
    if (await target.evaluate((el) => el.matches(':focus'))) return;
    if (i === presses) break;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate<string>("(() => { const el = document.activeElement; return el ? el.tagName.toLowerCase() + ' ' + (el.textContent || '').trim().slice(0, 40) : 'nothing'; })()");
  throw new Error(`${target.toString()} was not reached with the ${backwards ? 'Shift+Tab' : 'Tab'} key (focus ended on ${focused})`);
}

/**
 * The checks a flow makes on each page it reaches: a full-page screenshot named `<flow>-<label>`,
 * axe's serious findings added to `findings` (which the test expects empty at its end) and, with
 * `atWidth`, the viewport's width in both names and a failure if the page scrolls sideways.
 * `settle` waits for the page's requests to finish first, for pages that fill in after they show.
 */
export function pageChecks(findings: AxeFinding[], flow: string, { atWidth = false, settle = false } = {}): (page: Page, label: string) => Promise<void> {
  return async (page, label) => {
    if (settle) await page.waitForLoadState('networkidle');
    const width = page.viewportSize()?.width;
    const named = atWidth ? `${label} at ${width} px` : label;
    await screenshot(page, atWidth ? `${flow}-${label}-${width}` : `${flow}-${label}`);
    findings.push(...(await seriousAccessibilityFindings(page, named)));
    if (atWidth) await fitsTheWidth(page, named);
  };
}
