import { appContentSecurityPolicy, isAppNavigation } from './web-app';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const request = (method: string, path: string, accept?: string) => ({ method, path, headers: accept === undefined ? {} : { accept } });

describe('which requests get the web app', () => {
  it('gives a browser navigation the app, at the app’s addresses that the API shares', () => {
    for (const path of ['/', '/sign-in', '/people/1f0c', '/intakes/1f0c', '/sessions/1f0c/register', '/apply/abc']) {
      expect(isAppNavigation(request('GET', path, HTML))).toBe(true);
    }
    expect(isAppNavigation(request('HEAD', '/people', HTML))).toBe(true);
  });

  it('leaves API calls to the controllers: other methods, JSON, no Accept, anything-goes Accept', () => {
    expect(isAppNavigation(request('POST', '/people', HTML))).toBe(false);
    expect(isAppNavigation(request('GET', '/people', 'application/json'))).toBe(false);
    expect(isAppNavigation(request('GET', '/people'))).toBe(false);
    expect(isAppNavigation(request('GET', '/people', '*/*'))).toBe(false);
  });

  it('never covers the pages the server renders itself, nor its health checks', () => {
    for (const path of ['/api/docs', '/api/docs/swagger-ui.css', '/api/docs-json', '/admin/queues', '/admin/queues/queue/email', '/health', '/ready']) {
      expect({ path, app: isAppNavigation(request('GET', path, HTML)) }).toEqual({ path, app: false });
    }
    expect(isAppNavigation(request('GET', '/administration', HTML))).toBe(true);
    expect(isAppNavigation(request('GET', '/healthy-start', HTML))).toBe(true);
  });
});

describe('the app’s content security policy', () => {
  it('allows only same-origin script, and upgrades requests only on an HTTPS site', () => {
    const local = appContentSecurityPolicy('http://localhost:3000');
    expect(local).toContain("script-src 'self';");
    expect(local).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(local).not.toContain('upgrade-insecure-requests');
    expect(appContentSecurityPolicy('https://steppingstone.example')).toContain('upgrade-insecure-requests');
  });
});
