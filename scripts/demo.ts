/*
 * `npm run demo`: migrates, starts the built api and worker (and a mail catcher and a GOV.UK Notify
 * stand-in that print what the product emails and texts), loads a demo organisation through the public API, and prints where to go and how
 * to sign in. Ctrl+C stops everything.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { migrate, parseConfig } from '@steppingstone/core';
import { DEMO, seedDemo } from './demo-seed';
import { NotifyStandIn } from './notify-stand-in';
import { SECOND_DEMO } from './demo-second-organisation';

// Told to use another port (3000 taken), the demo's links, emails and the origin the api accepts
// signed-in writes from follow it, unless PUBLIC_URL says otherwise.
if (!process.env.PUBLIC_URL && process.env.PORT) process.env.PUBLIC_URL = `http://localhost:${process.env.PORT}`;
const config = parseConfig(process.env);
const children: ChildProcess[] = [];

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function startMailCatcher(): Promise<void> {
  if (config.SMTP_HOST !== '127.0.0.1' || !(await portFree(config.SMTP_PORT))) return;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, done) => {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to?.text;
          console.log(
            `\n[mail] to ${to}: ${mail.subject}\n${(mail.text ?? '')
              .split('\n')
              .map((l) => `       ${l}`)
              .join('\n')}`,
          );
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(config.SMTP_PORT, '127.0.0.1', () => resolve()));
  console.log(`Mail catcher: emails the product sends are printed here (SMTP on 127.0.0.1:${(server.server.address() as AddressInfo).port})`);
}

/**
 * The demo organisation's Notify key: fixed, so a demo started again on the same database still
 * sends its texts. It works only against the stand-in, which accepts it.
 */
const DEMO_NOTIFY_API_KEY = 'steppingstone_demo-5f0c1c39-8b7e-4d2a-9a43-1d2c3b4a5e6f-0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

/**
 * Unless NOTIFY_BASE_URL names somewhere else, a local stand-in for GOV.UK Notify (on the loopback
 * port NOTIFY_BASE_URL names, or any free one) that prints every text; the api and worker are
 * pointed at it. Answers the key to give the demo organisation, or nothing when texts go elsewhere.
 */
async function startNotifyStandIn(): Promise<string | undefined> {
  let port = 0;
  if (process.env.NOTIFY_BASE_URL) {
    const url = new URL(config.NOTIFY_BASE_URL);
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) || !url.port || !(await portFree(Number(url.port)))) return undefined;
    port = Number(url.port);
  }
  const notify = await new NotifyStandIn(true).start(port);
  notify.accept(DEMO_NOTIFY_API_KEY);
  process.env.NOTIFY_BASE_URL = notify.url;
  console.log(`Notify stand-in: texts the product sends are printed here (GOV.UK Notify's API on ${notify.url})`);
  return DEMO_NOTIFY_API_KEY;
}

function start(name: string, script: string): void {
  // The demo admin is the platform operator too, so the queue admin view can be tried at /admin/queues.
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', OPERATOR_EMAILS: process.env.OPERATOR_EMAILS ?? DEMO.users[0].email };
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => {
    if (code !== null && code !== 0) {
      console.error(`The ${name} stopped (exit ${code}); stopping the demo.`);
      shutdown(1);
    }
  });
  children.push(child);
}

async function waitForReady(url: string, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready within ${seconds} s`);
}

function shutdown(code = 0): void {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

async function main(): Promise<void> {
  for (const port of [config.PORT, config.WORKER_PORT]) {
    if (!(await portFree(port))) throw new Error(`Port ${port} is in use (is a demo already running?). Set PORT / WORKER_PORT to free ones.`);
  }
  await migrate(config, (line) => console.log(line));
  await startMailCatcher();
  const notifyApiKey = await startNotifyStandIn();
  start('api', 'dist/apps/api/apps/api/src/main.js');
  start('worker', 'dist/apps/worker/apps/worker/src/main.js');
  const api = `http://127.0.0.1:${config.PORT}`;
  await waitForReady(`${api}/ready`);
  await waitForReady(`http://127.0.0.1:${config.WORKER_PORT}/ready`);
  const demo = await seedDemo(api, config.APP_SECRET, config.DATABASE_URL, notifyApiKey);

  console.log(`
Steppingstone demo is running.
  Web app:  ${config.PUBLIC_URL}/  (sign in as any demo user below; each role has its own pages)
  API:      ${config.PUBLIC_URL}
  OpenAPI:  ${config.PUBLIC_URL}/api/docs
  Health:   ${config.PUBLIC_URL}/ready  (worker: http://localhost:${config.WORKER_PORT}/ready)
  Queues:   ${config.PUBLIC_URL}/admin/queues  (signed in as the demo admin, a platform operator)

Demo organisation: ${demo.organisationName} (borough ${demo.boroughCode})
Sign in to the web app (or POST /auth/login {"email", "password"}); every demo user's password is: ${demo.password}
${demo.users.map((u) => `  ${u.role.padEnd(12)} ${u.email}`).join('\n')}

Work in the field: the mentor has logged activity (most approved, one queried), claimed expenses (a bus fare
exported in a payment batch, mileage approved, parking waiting) and holds safety checks (safeguarding training
expires within the month); five of the autumn cohort, the mentor among them, prefer texts, so the coordinator's
message to the cohort reaches them as texts${notifyApiKey ? ' (printed above by the Notify stand-in; held until 08:00 at night)' : ' (none sent: NOTIFY_BASE_URL names a Notify other than the stand-in, and the demo has no key for it)'}.

A second organisation, ${SECOND_DEMO.organisationName} (borough ${SECOND_DEMO.boroughCode}), holds a programme, an
open intake and five applicants, and four peer navigators whose approved activity reached 615 people
(GET /activity-totals); sign in as its admin (same password) to try the wall between organisations:
  ${SECOND_DEMO.admin.role.padEnd(12)} ${SECOND_DEMO.admin.email}

${
  demo.publicUrl
    ? `The Spring intake (55 applicants for 45 places, census figures for Islington imported) takes public applications at
  ${demo.publicUrl}
  (POST /public/intakes/<slug>/applications; a phone number alone is enough, and the equality questions follow)
Its applicants came from six referral partners, by the form, on paper and by phone; each partner has its own link:
${(demo.partnerLinks ?? []).map((l) => `  ${l.name.padEnd(32)} ${l.url}`).join('\n')}
`
    : ''
}${
    demo.eventLink
      ? `For a recruitment event (many people on one connection), its event link takes applications without the
per-address limit until ${new Date(demo.eventLink.expiresAt).toUTCString()} (coordinators make more on the intake's page):
  ${demo.eventLink.url}
`
      : ''
  }
Try:  curl -s -X POST ${config.PUBLIC_URL}/auth/login -H 'content-type: application/json' \\
        -d '{"email":"${demo.users[0].email}","password":"${demo.password}"}'
Press Ctrl+C to stop.`);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch((error: Error) => {
  console.error(`The demo could not start: ${error.message}`);
  shutdown(1);
});
