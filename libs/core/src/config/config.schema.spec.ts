import { parseConfig } from './config.schema';

describe('parseConfig', () => {
  it('works with no variables at all on a development machine', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/steppingstone');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.DATABASE_APP_URL).toBe('postgres://steppingstone_app@127.0.0.1:5432/steppingstone');
    expect(config.APP_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('names the variable and the rule for a wrong value', () => {
    expect(() => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT must be a whole number \(got "eighty"\)[\s\S]*DATABASE_URL must be a URL starting with postgres:\/\//);
  });

  it('requires secrets in production and hides their values', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', SMTP_HOST: 'smtp.example.org' })).toThrow(/APP_SECRET is required in production/);
    expect(() => parseConfig({ NODE_ENV: 'production', SMTP_HOST: 'smtp.example.org', APP_SECRET: 'short' })).toThrow(/APP_SECRET must be at least 32 characters \(got "\*\*\*"\)/);
  });

  it('splits CORS origins', () => {
    expect(parseConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reads platform operators as lower-case emails, nobody by default, and names a malformed one', () => {
    expect(parseConfig({}).OPERATOR_EMAILS).toEqual([]);
    expect(parseConfig({ OPERATOR_EMAILS: 'Ops@Example.org, second@example.org,' }).OPERATOR_EMAILS).toEqual(['ops@example.org', 'second@example.org']);
    expect(() => parseConfig({ OPERATOR_EMAILS: 'ops@example.org; second' })).toThrow(/OPERATOR_EMAILS must be email addresses separated by commas/);
  });

  it('trusts no proxy by default, and reads TRUST_PROXY as a hop count or a list of addresses and CIDR blocks', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,2001:db8::/32, loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', 'loopback']);
    for (const wrong of ['true', 'everyone', '10.0.0.0/33', '300.1.1.1', '1,2']) {
      expect(() => parseConfig({ TRUST_PROXY: wrong })).toThrow(/TRUST_PROXY must be a number of proxies \(e\.g\. 1\) or their addresses or CIDR blocks/);
    }
  });

  it('reads the public form limit and its window', () => {
    expect(parseConfig({}).PUBLIC_FORM_RATE_WINDOW_SECONDS).toBe(3600);
    expect(parseConfig({ PUBLIC_FORM_RATE_LIMIT: '50', PUBLIC_FORM_RATE_WINDOW_SECONDS: '600' })).toMatchObject({ PUBLIC_FORM_RATE_LIMIT: 50, PUBLIC_FORM_RATE_WINDOW_SECONDS: 600 });
    expect(() => parseConfig({ PUBLIC_FORM_RATE_WINDOW_SECONDS: '0' })).toThrow(/PUBLIC_FORM_RATE_WINDOW_SECONDS must be at least 1/);
  });
});
