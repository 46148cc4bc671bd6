import { isIP } from 'node:net';
import { z } from 'zod';

const DEVELOPMENT_SECRET = 'development-only-secret-change-me-in-production-0123456789';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** Express's names for the private ranges, accepted beside addresses and CIDR blocks. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Which hops may say who the client is through X-Forwarded-For: a number of proxies in front of the
 * api, or their addresses. Unset, nobody is trusted and every limit counts the connection's own address.
 */
const trustProxy = z
  .string()
  .refine((value) => /^\d{1,2}$/.test(value) || value.split(',').every((entry) => isProxyAddress(entry.trim())), {
    message: 'must be a number of proxies (e.g. 1) or their addresses or CIDR blocks separated by commas (e.g. 10.0.0.0/8, 192.0.2.7)',
  })
  .transform((value): number | string[] => (/^\d{1,2}$/.test(value) ? Number(value) : value.split(',').map((entry) => entry.trim())));

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
    PORT: int(0, 65535).default(3000),
    WORKER_PORT: int(0, 65535).default(3001),
    PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/steppingstone'),
    /** The connection the api and worker use: a role without superuser or BYPASSRLS, so row-level security applies. */
    DATABASE_APP_URL: url(['postgres:', 'postgresql:']).optional(),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9-]+$/, { message: 'must be lower-case letters, digits and dashes' })
      .default('steppingstone'),
    APP_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
    SMTP_HOST: z.string().min(1).default('127.0.0.1'),
    SMTP_PORT: int(1, 65535).default(1025),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    /** Connections the worker keeps open to the mail server; each carries one message at a time. */
    SMTP_MAX_CONNECTIONS: int(1, 100).default(32),
    /** Messages over one connection before the worker replaces it (a server allowing fewer closes it sooner, and the pool opens another). */
    SMTP_MAX_MESSAGES: int(1, 100000).default(1000),
    MAIL_FROM: z.string().min(3).default('Steppingstone <no-reply@steppingstone.local>'),
    /** GOV.UK Notify's API; the demo and the tests point it at the local stand-in. */
    NOTIFY_BASE_URL: url(['http:', 'https:']).default('https://api.notifications.service.gov.uk'),
    /** The largest receipt photo or PDF an expense claim takes. */
    RECEIPT_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, { message: 'must look like 500kb or 5mb' })
      .default('5mb'),
    SESSION_IDLE_MINUTES: int(1, 24 * 60).default(60),
    SESSION_ABSOLUTE_HOURS: int(1, 24 * 30).default(12),
    INVITATION_TTL_HOURS: int(1, 24 * 30).default(72),
    LOGIN_RATE_LIMIT: int(1, 10000).default(5),
    LOGIN_RATE_WINDOW_SECONDS: int(1, 86400).default(900),
    /** Public application forms one address may submit per window (a household or a library PC may send a few; an event uses an event link). */
    PUBLIC_FORM_RATE_LIMIT: int(1, 10000).default(20),
    PUBLIC_FORM_RATE_WINDOW_SECONDS: int(1, 7 * 86400).default(3600),
    TRUST_PROXY: trustProxy.optional(),
    CORS_ORIGINS: z.string().default(''),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, { message: 'must look like 100kb or 1mb' })
      .default('100kb'),
    /** CSV uploads (census tables, applicant spreadsheets) are bigger than any JSON body. */
    CSV_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, { message: 'must look like 100kb or 20mb' })
      .default('20mb'),
    /**
     * Platform operators (comma-separated sign-in emails): the only people who see the queue admin
     * view, since queues are shared by every organisation. Empty: nobody does.
     */
    OPERATOR_EMAILS: z
      .string()
      .refine(
        (value) =>
          value
            .split(',')
            .map((e) => e.trim())
            .filter(Boolean)
            .every((e) => /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(e)),
        { message: 'must be email addresses separated by commas' },
      )
      .default(''),
    /** How often the worker relays staged work the request could not (seconds). */
    OUTBOX_RELAY_SECONDS: int(1, 3600).default(10),
    /** How often the worker adds again relayed work that Redis lost (seconds). */
    OUTBOX_RECOVER_SECONDS: int(1, 86400).default(300),
    /** How often reminders are re-derived from PostgreSQL (seconds): the longest a reminder Redis lost stays missing. */
    REMINDERS_RECONCILE_SECONDS: int(1, 86400).default(900),
    /** How often each worker checks that Redis still holds the job schedulers, and puts back any it lost (seconds). */
    SCHEDULES_CHECK_SECONDS: int(1, 3600).default(60),
    /** Fair selections from pools larger than this run in the worker (202 and a status to poll); smaller ones answer at once. */
    SELECTION_ASYNC_POOL_SIZE: int(0, 1_000_000).default(300),
    /** How often the worker re-enqueues selections PostgreSQL says are waiting but Redis no longer holds (seconds). */
    SELECTIONS_RECONCILE_SECONDS: int(1, 86400).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production') {
      if (!config.APP_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'is required in production (at least 32 random characters)' });
      }
      if (config.SMTP_HOST === '127.0.0.1') {
        ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'must name a real mail server in production' });
      }
    }
  })
  .transform((config) => ({
    ...config,
    APP_SECRET: config.APP_SECRET ?? DEVELOPMENT_SECRET,
    DATABASE_APP_URL: config.DATABASE_APP_URL ?? appUrlFromOwnerUrl(config.DATABASE_URL),
    TRUST_PROXY: config.TRUST_PROXY ?? (false as const),
    CORS_ORIGINS: config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    OPERATOR_EMAILS: config.OPERATOR_EMAILS.split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  }));

export type AppConfig = z.output<typeof configSchema>;

export const APP_DATABASE_ROLE = 'steppingstone_app';

/** Locally (trust auth) the app role needs no password, so the owner URL with the user swapped is enough. */
export function appUrlFromOwnerUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_DATABASE_ROLE;
  url.password = '';
  return url.toString();
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, unknown>): AppConfig {
  const relevant = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = configSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const given = name in relevant ? ` (got ${JSON.stringify(name.includes('SECRET') || name.includes('PASSWORD') ? '***' : relevant[name])})` : '';
      return `  ${name} ${issue.message}${given}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
