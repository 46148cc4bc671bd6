import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { findWebBuild } from '../../../apps/api/src/web/web-app';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson } from '../../factories/people';
import { TestEnvironment } from '../../support/test-environment';
import { WebBrowser } from '../web/support/browser';

jest.setTimeout(120_000);

type Headers = Record<string, string | undefined>;
const HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';

/** Framing refused the same way by both headers, never SAMEORIGIN beside frame-ancestors 'none'. */
function expectFramingRefused(headers: Headers, what: string): void {
  expect({ what, xFrameOptions: headers['x-frame-options'], frameAncestors: /frame-ancestors ([^;]+)/.exec(headers['content-security-policy'] ?? '')?.[1] }).toEqual({
    what,
    xFrameOptions: 'DENY',
    frameAncestors: "'none'",
  });
}

/** The script sources a CSP allows: script-src, or default-src when it has none. */
function scriptSources(csp: string): string {
  return (/(?:^|;\s*)script-src ([^;]+)/.exec(csp) ?? /(?:^|;\s*)default-src ([^;]+)/.exec(csp))?.[1] ?? '';
}

describe('security headers: scripts, caching and framing', () => {
  const operatorEmail = `operator-${Date.now().toString(36)}@steppingstone.example`;
  let env: TestEnvironment;
  let base: string;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let personId: string;
  let browser: WebBrowser;

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true, env: { OPERATOR_EMAILS: operatorEmail } });
    base = await env.listen();
    admin = await signUpOrganisation(env, { email: operatorEmail, organisationName: 'Headers Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    personId = (await createPerson(env, coordinator, { name: 'Nadia Okoro' })).id;
    browser = await WebBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('answers the API, signed in or not and errors included, with Cache-Control: no-store', async () => {
    const answers = {
      'GET /people': await env.http.get('/people').set(bearer(coordinator)).expect(200),
      'GET /people/:id': await env.http.get(`/people/${personId}`).set(bearer(coordinator)).expect(200),
      'GET /auth/me': await env.http.get('/auth/me').set(bearer(coordinator)).expect(200),
      'GET /members': await env.http.get('/members').set(bearer(admin)).expect(200),
      'GET /people/:id (404)': await env.http.get('/people/8d0c1b8e-1f4e-4a53-9a53-4d1b8f0f3d11').set(bearer(coordinator)).expect(404),
      'POST /auth/login': await env.http.post('/auth/login').send({ email: coordinator.email, password: coordinator.password }).expect(200),
    };
    expect(answers['GET /people/:id'].body.name).toBe('Nadia Okoro');
    for (const [what, answer] of Object.entries(answers)) {
      expect({ what, cacheControl: answer.headers['cache-control'] }).toEqual({ what, cacheControl: 'no-store' });
      expectFramingRefused(answer.headers, what);
    }
  });

  it('keeps the long cache on the web app’s hashed assets, and serves its pages under a CSP with no inline script', async () => {
    const root = findWebBuild();
    expect(root).toBeDefined(); // npm run build:web
    const script = readdirSync(join(root!, 'assets')).find((name) => name.endsWith('.js'))!;
    const asset = await env.http.get(`/assets/${script}`).expect(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(asset.headers['cache-control']).not.toContain('no-store');

    for (const path of ['/', '/sign-in', '/people']) {
      const page = await env.http.get(path).set('Accept', HTML).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(scriptSources(page.headers['content-security-policy'])).toBe("'self'");
      expectFramingRefused(page.headers, path);
    }
  });

  it('sends the HTML report as a sandboxed document that may run no script and is never stored', async () => {
    const { body: report } = await env.http.post('/reports').set(bearer(coordinator)).send({ preset: 'last-month' }).expect(202);
    const deadline = Date.now() + 60_000;
    while ((await env.http.get(`/reports/${report.id}`).set(bearer(coordinator)).expect(200)).body.status !== 'done') {
      if (Date.now() > deadline) throw new Error('the report was not done within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const download = await env.http.get(`/reports/${report.id}/download`).query({ format: 'html' }).set(bearer(coordinator)).expect(200);
    expect(download.headers['content-type']).toMatch(/text\/html/);
    const csp = download.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toMatch(/script-src/);
    expect(scriptSources(csp)).toBe("'none'");
    expect(download.headers['cache-control']).toContain('no-store');
    expectFramingRefused(download.headers, 'the HTML report');
  });

  /** Opens a page in Chromium and records every request to another site and every CSP refusal it logs. */
  async function visit(path: string, ready: (page: Page) => Promise<unknown>, cookie?: string): Promise<{ elsewhere: string[]; refused: string[] }> {
    const context = await browser.context();
    if (cookie) await context.addCookies([{ name: 'steppingstone_session', value: cookie, url: base }]);
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const refused: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    try {
      const response = await page.goto(`${base}${path}`);
      expect(scriptSources(response!.headers()['content-security-policy'] ?? '')).not.toContain("'unsafe-inline'");
      await ready(page);
      return { elsewhere, refused };
    } finally {
      await context.close();
    }
  }

  it('runs the OpenAPI UI under the same strict CSP: it renders, nothing is refused, nothing comes from elsewhere', async () => {
    const seen = await visit('/api/docs', (page) => page.getByText('/auth/login', { exact: true }).first().waitFor());
    expect(seen).toEqual({ elsewhere: [], refused: [] });
  });

  it('shows the queue admin page with nothing loaded from another site (no Google Fonts), and nothing refused', async () => {
    const page = await env.http.get('/admin/queues').set('Cookie', `steppingstone_session=${admin.token}`).expect(200);
    expect(page.text).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
    expect(page.text).not.toMatch(/(?:href|src)=["']?(?:https?:)?\/\//);
    expect(page.headers['cache-control']).toBe('no-store');
    expectFramingRefused(page.headers, '/admin/queues');

    const seen = await visit('/admin/queues', (board) => board.getByText('maintenance').first().waitFor(), admin.token);
    expect(seen).toEqual({ elsewhere: [], refused: [] });
  });
});
