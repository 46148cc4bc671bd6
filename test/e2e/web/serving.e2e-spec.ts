import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findWebBuild } from '../../../apps/api/src/web/web-app';
import { TestEnvironment } from '../../support/test-environment';
import { WebBrowser } from './support/browser';

jest.setTimeout(120_000);

const APP_SHELL = '<div id="root"></div>';
const FIRST_PAGE_BUDGET = 300 * 1024;

/** The api serves the web app at / without getting in the way of the API that shares its addresses. */
describe('web: the app served by the api', () => {
  let env: TestEnvironment;
  let base: string;

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
  });
  afterAll(() => env?.close());

  it('answers a browser navigation with the app, under a CSP without inline script', async () => {
    for (const path of ['/', '/sign-in', '/people/8d0c1b8e-1f4e-4a53-9a53-4d1b8f0f3d11', '/sessions/8d0c1b8e-1f4e-4a53-9a53-4d1b8f0f3d11/register']) {
      const response = await env.http.get(path).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(200);
      expect(response.text).toContain(APP_SHELL);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = response.headers['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('still answers API clients with JSON: the same addresses, errors and all', async () => {
    const people = await env.http.get('/people').set('Accept', 'application/json').expect(401);
    expect(people.headers['content-type']).toMatch(/application\/json/);
    expect(people.body).toMatchObject({ statusCode: 401 });
    const bare = await env.http.get('/people').expect(401);
    expect(bare.body.statusCode).toBe(401);
    const missing = await env.http.get('/no-such-endpoint').set('Accept', 'application/json').expect(404);
    expect(missing.body.statusCode).toBe(404);
    const login = await env.http.post('/auth/login').set('Accept', 'text/html').send({ email: 'nobody@example.org', password: 'wrong password here' });
    expect(login.status).toBe(401);
    expect(login.text).not.toContain(APP_SHELL);
  });

  it('leaves the server’s own pages alone: the OpenAPI UI, the queue board and the health checks', async () => {
    for (const path of ['/api/docs', '/admin/queues', '/ready', '/health']) {
      const response = await env.http.get(path).set('Accept', 'text/html');
      expect(response.text ?? '').not.toContain(APP_SHELL);
    }
  });

  it('serves hashed assets cached for a year, and a missing asset as 404 rather than the app', async () => {
    const assets = readdirSync(join(findWebBuild()!, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'))!;
    const response = await env.http.get(`/assets/${script}`).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await env.http.get('/assets/missing-0000.js').set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.text ?? '').not.toContain(APP_SHELL);
  });

  it('keeps the JavaScript of the sign-in page under 300 kB gzipped, charts left for the pages that need them', async () => {
    const web = await WebBrowser.launch();
    try {
      const context = await web.context({ width: 390, height: 844 });
      const page = await context.newPage();
      const scripts: Array<{ url: string; gzipped: number }> = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), gzipped: gzipSync(await response.body()).length });
      });
      await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: 'Sign in to Steppingstone' }).waitFor();
      const total = scripts.reduce((sum, s) => sum + s.gzipped, 0);
      console.log(`BENCH web-first-page-js-gzipped ${(total / 1024).toFixed(1)} kB (${scripts.length} files)`);
      expect(scripts.length).toBeGreaterThan(0);
      expect(total).toBeLessThan(FIRST_PAGE_BUDGET);
      expect(scripts.map((s) => s.url).join(' ')).not.toMatch(/RepresentativenessPanel|Dashboard/);
      await context.close();
    } finally {
      await web.close();
    }
  });
});
