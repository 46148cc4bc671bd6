/*
 * The web app on the demo data, in Debian's headless Chromium (the browser the web tests drive):
 *   web-first-content-<page>  ms from the start of navigation until the page shows its own content:
 *                             its heading is on screen with no spinner or loading note left, and the
 *                             browser has painted (the later of that moment and first contentful paint).
 *                             The median of five visits, signed in, after one visit to warm the cache.
 *                             Pages: dashboard, intake, selection (the intake's fair-selection section),
 *                             register (a trainer's), mentor-home (a mentor's /me).
 *   web-sign-in-js-kb         the JavaScript the sign-in page loads, gzipped as a server would send it (kB).
 * The demo data is the size, so --full changes nothing.
 */
import { gzipSync } from 'node:zlib';
import { BrowserContext } from 'playwright-core';
import { parseConfig } from '@steppingstone/core';
import { DEMO, seedDemo } from '../../../scripts/demo-seed';
import { signIn, WebBrowser } from '../../e2e/web/support/browser';
import { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const VISITS = 5;
// Done loading: the page's heading is there and nothing says it is still fetching.
const LOADED = `document.querySelector('main h1') && !document.querySelector('.spinner, .loading:not(:empty)')`;

interface PageToTime {
  name: string;
  path: string;
  /** A further element that must be on screen, for a page whose content is one section of a route. */
  also?: string;
}

async function apiToken(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO.password }) });
  return ((await response.json()) as { token: string }).token;
}

async function apiGet<T>(base: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** One visit: the moment (ms since navigation start) the page first showed its content, as the page itself saw it. */
async function firstContent(context: BrowserContext, base: string, target: PageToTime): Promise<number> {
  const ready = target.also ? `${LOADED} && document.querySelector(${JSON.stringify(target.also)})` : LOADED;
  // A fresh tab each visit (init scripts stay with a tab); the context keeps the session and the cache.
  const page = await context.newPage();
  // Plain script text: this file is compiled without the DOM's types, and the code runs in the page.
  await page.addInitScript({
    content: `new MutationObserver(() => { if (window.__contentAt === undefined && (${ready})) window.__contentAt = performance.now(); })
      .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });`,
  });
  await page.goto(`${base}${target.path}`);
  // Functions, not strings: the app's CSP forbids eval, and Playwright calls functions without it.
  type Timed = { __contentAt?: number; performance: { getEntriesByName(name: string): Array<{ startTime: number }> } };
  await page.waitForFunction(() => (globalThis as unknown as Timed).__contentAt !== undefined, undefined, { timeout: 60_000 });
  const at = await page.evaluate(() => {
    const timed = globalThis as unknown as Timed;
    return Math.max(timed.__contentAt ?? 0, timed.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0);
  });
  await page.close();
  return at;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timePages(web: WebBrowser, base: string, email: string, pages: PageToTime[], options: BenchOptions): Promise<BenchMeasure[]> {
  const context = await web.context({ width: 1366, height: 900 });
  const signInPage = await context.newPage();
  await signIn(signInPage, base, email, DEMO.password);
  await signInPage.close();
  const measures: BenchMeasure[] = [];
  for (const target of pages) {
    const name = `web-first-content-${target.name}`;
    if (!options.wants(name)) continue;
    await firstContent(context, base, target);
    const visits: number[] = [];
    for (let i = 0; i < VISITS; i++) visits.push(await firstContent(context, base, target));
    options.log(`${name}: ${visits.map((v) => Math.round(v)).join(', ')} ms`);
    measures.push({ name, value: Math.round(median(visits)), unit: 'ms', note: `median of ${VISITS}, ${target.path.replace(/[0-9a-f-]{36}/g, ':id')}` });
  }
  await context.close();
  return measures;
}

async function signInJavaScript(web: WebBrowser, base: string): Promise<BenchMeasure> {
  const context = await web.context({ width: 390, height: 844 });
  const page = await context.newPage();
  const scripts: Array<Promise<number>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => gzipSync(body).length));
  });
  await page.goto(`${base}/sign-in`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0);
  await context.close();
  return { name: 'web-sign-in-js-kb', value: Math.round((bytes / 1024) * 10) / 10, unit: 'kB', note: `${scripts.length} script file(s), gzip level 6` };
}

export const benchCase: BenchCase = {
  name: 'web',
  measures: ['web-first-content-dashboard', 'web-first-content-intake', 'web-first-content-selection', 'web-first-content-register', 'web-first-content-mentor-home', 'web-sign-in-js-kb'],
  async run(options) {
    const env = await TestEnvironment.start({ listen: true });
    const web = await WebBrowser.launch();
    try {
      const base = await env.listen();
      options.log('web: loading the demo data');
      await seedDemo(base.replace('localhost', '127.0.0.1'), parseConfig(process.env).APP_SECRET);
      const [, coordinator, trainer, mentor] = DEMO.users;
      const coordinatorToken = await apiToken(base, coordinator.email);
      const intakes = await apiGet<Array<{ id: string; status: string }>>(base, coordinatorToken, '/intakes');
      const intake = intakes.find((i) => i.status === 'open') ?? intakes[0];
      const trainerToken = await apiToken(base, trainer.email);
      // The trainer's running cohort: the one with registers taken and sessions still to come.
      const cohorts = await apiGet<Array<{ id: string }>>(base, trainerToken, '/cohorts');
      let taken: { id: string } | undefined;
      for (const cohort of cohorts) {
        const sessions = await apiGet<Array<{ id: string; registerSavedAt: string | null }>>(base, trainerToken, `/cohorts/${cohort.id}/sessions`);
        taken = sessions.filter((s) => s.registerSavedAt).pop() ?? taken;
        if (taken && sessions.some((s) => !s.registerSavedAt)) break;
      }
      if (!taken) throw new Error('the demo trainer has no register taken');

      const measures: BenchMeasure[] = [];
      if (options.wants('web-sign-in-js-kb')) measures.push(await signInJavaScript(web, base));
      measures.push(
        ...(await timePages(
          web,
          base,
          coordinator.email,
          [
            { name: 'dashboard', path: '/dashboard' },
            { name: 'intake', path: `/intakes/${intake.id}` },
            { name: 'selection', path: `/intakes/${intake.id}`, also: '#selection-heading' },
          ],
          options,
        )),
      );
      measures.push(...(await timePages(web, base, trainer.email, [{ name: 'register', path: `/sessions/${taken.id}/register`, also: '[data-testid="register-status"]' }], options)));
      measures.push(...(await timePages(web, base, mentor.email, [{ name: 'mentor-home', path: '/me' }], options)));
      return measures;
    } finally {
      await web.close();
      await env.close();
    }
  },
};
