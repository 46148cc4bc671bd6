import { AddressInfo } from 'node:net';
import { parseConfig } from '@steppingstone/core';
import { BOLTON_APPROVED, DEMO_HOURLY_PENCE, TEXTING_TRAINEES } from '../../../scripts/demo-field';
import { DEMO, seedDemo } from '../../../scripts/demo-seed';
import { SECOND_DEMO } from '../../../scripts/demo-second-organisation';
import { NotifyStandIn, notifyApiKey } from '../../../scripts/notify-stand-in';
import { TestEnvironment } from '../../support/test-environment';

/** Until `condition` holds, checked every 100 ms. */
async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `npm run demo` loads its data through the public API; this runs that same seeding against a fresh database. */
describe('demo data', () => {
  let env: TestEnvironment;
  let api: string;
  // The demo's Notify stand-in, printing as `npm run demo` prints (here into a list), with the worker sending.
  const printed: string[] = [];
  const notify = new NotifyStandIn((line) => printed.push(line));
  const apiKey = notifyApiKey('steppingstone_demo');

  beforeAll(async () => {
    await notify.start();
    notify.accept(apiKey);
    env = await TestEnvironment.start({ worker: true, smtp: true, env: { NOTIFY_BASE_URL: notify.url, REMINDERS_RECONCILE_SECONDS: '2' } });
    env.api.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => env.api.getHttpServer().once('listening', resolve));
    api = `http://127.0.0.1:${(env.api.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await env?.close();
    await notify.stop();
  });

  it('loads an organisation a new user can sign in to and find working: users of every role, census figures, an over-subscribed intake from several partners by every channel', async () => {
    const demo = await seedDemo(api, parseConfig(process.env).APP_SECRET, parseConfig(process.env).DATABASE_URL, apiKey);
    expect(demo.publicUrl).toMatch(/\/apply\/[A-Za-z0-9_-]+$/);
    expect(demo.eventLink!.url).toMatch(new RegExp(`^${demo.publicUrl}\\?event=\\d+\\.[\\w-]+$`));
    const eventToken = new URL(demo.eventLink!.url).searchParams.get('event')!;
    const slug = new URL(demo.publicUrl!).pathname.split('/').pop();
    expect((await env.http.get(`/public/intakes/${slug}?event=${encodeURIComponent(eventToken)}`).expect(200)).body.eventLink).toEqual({ valid: true, expiresAt: demo.eventLink!.expiresAt });

    const signIn = async (email: string) => {
      const response = await env.http.post('/auth/login').send({ email, password: DEMO.password }).expect(200);
      return { Authorization: `Bearer ${response.body.token}` };
    };
    for (const user of DEMO.users) {
      const me = await env.http
        .get('/auth/me')
        .set(await signIn(user.email))
        .expect(200);
      expect(me.body.role).toBe(user.role);
    }
    const coordinator = await signIn(DEMO.users[1].email);
    const intakes = (await env.http.get('/intakes').set(coordinator).expect(200)).body;
    const intake = intakes.find((i: { name: string }) => i.name === 'Spring intake');
    const pipeline = await env.http.get(`/intakes/${intake.id}/pipeline`).set(coordinator).expect(200);
    expect(pipeline.body).toMatchObject({ capacity: 45, total: 55, stages: { applied: 5, screened: 50 } });
    const gaps = await env.http.post('/representativeness/gap-analysis').set(coordinator).send({ intakeId: intake.id }).expect(200);
    expect(gaps.body.population.size).toBe(55);
    expect(gaps.body.unavailable).toEqual([]);
    expect(gaps.body.whoIsntThere.length).toBeGreaterThan(0);

    // The spring applicants came every way: the public form, paper forms and phone calls, several partners, some phone only.
    const total = async (query: Record<string, string>) =>
      (
        await env.http
          .get('/applications')
          .query({ intakeId: intake.id, ...query })
          .set(coordinator)
          .expect(200)
      ).body.total as number;
    expect([await total({ channel: 'online' }), await total({ channel: 'paper' }), await total({ channel: 'phone' })]).toEqual([20, 20, 15]);
    const phoneOnly = (await env.http.get('/applications').query({ intakeId: intake.id, channel: 'online', pageSize: 100 }).set(coordinator).expect(200)).body.items.filter(
      (a: { email: string | null }) => a.email === null,
    );
    expect(phoneOnly).toHaveLength(7);
    const partners = (await env.http.get('/referral-partners').set(coordinator).expect(200)).body;
    expect(partners).toHaveLength(6);
    const byPartner = (await env.http.get(`/intakes/${intake.id}/pipeline/by-partner`).set(coordinator).expect(200)).body.partners;
    expect(byPartner.filter((p: { partnerId: string | null }) => p.partnerId).length).toBe(6);
    // Some answered the equality questions, some preferred not to say, some left them.
    const sex = gaps.body.dimensions.find((d: { dimension: string }) => d.dimension === 'sex');
    const undisclosed = Object.fromEntries(sex.undisclosed.map((u: { category: string; count: number }) => [u.category, u.count]));
    expect(undisclosed['Prefer not to say']).toBeGreaterThan(0);
    expect(undisclosed['Not recorded']).toBeGreaterThan(0);
    expect(sex.disclosed).toBeGreaterThan(30);
    // The dashboard can name the partners who brought a missing group before (last winter's intake).
    const reach = (await env.http.get(`/intakes/${intake.id}/partner-reach`).set(coordinator).expect(200)).body;
    expect(reach.groups.some((g: { partners: Array<{ otherIntakes: number }> }) => g.partners.some((p) => p.otherIntakes > 0))).toBe(true);

    // The later stages: a cohort under way with registers taken, the mentor's own record, a placement and a job.
    const trainer = await signIn(DEMO.users[2].email);
    const [cohort] = (await env.http.get('/cohorts').set(trainer).expect(200)).body.items ?? (await env.http.get('/cohorts').set(trainer).expect(200)).body;
    const sessions = (await env.http.get(`/cohorts/${cohort.id}/sessions`).set(trainer).expect(200)).body;
    expect(sessions.filter((s: { registerSavedAt: string | null }) => s.registerSavedAt).length).toBeGreaterThanOrEqual(5);
    const mentor = await signIn(DEMO.users[3].email);
    const placements = await env.http.get('/me/placements').set(mentor).expect(200);
    expect(JSON.stringify(placements.body)).toContain('Islington Mind');
    const funnel = await env.http.get('/funnel').set(coordinator).expect(200);
    const counts = (funnel.body.stages as Array<{ stage: string; count: number }>).map((s) => s.count);
    // Stages are cumulative: 55 spring + 12 autumn + 24 winter registrations; only last winter's
    // cohort has finished (19 of 24 completed, 13 placed, 8 in paid work), the autumn one is mid-course.
    expect(counts.slice(0, 4)).toEqual([91, 19, 13, 8]);
    const dropout = await env.http.get('/dropout-figures').set(coordinator).expect(200);
    expect(JSON.stringify(dropout.body)).toContain('health-or-recovery');

    // Running it again changes nothing (the demo may be restarted on the same database).
    await seedDemo(api, parseConfig(process.env).APP_SECRET);
    expect((await env.http.get(`/intakes/${intake.id}/pipeline`).set(coordinator).expect(200)).body.total).toBe(55);
  }, 240_000);

  it('shows work in the field: the mentor’s activity, claims and checks, and texts to the trainees who prefer them at the Notify stand-in', async () => {
    const signIn = async (email: string) => ({ Authorization: `Bearer ${(await env.http.post('/auth/login').send({ email, password: DEMO.password }).expect(200)).body.token}` });
    const coordinator = await signIn(DEMO.users[1].email);
    const mentor = await signIn(DEMO.users[3].email);

    // By hand: approved 180 + 60 + 150 + 120 + 45 = 555 minutes (9.25 hours), reaching 1 + 34 + 1 = 36; at £12.21 an hour £112.94.
    const totals = (await env.http.get('/activity-totals').query({ by: 'person' }).set(coordinator).expect(200)).body;
    expect(totals.total).toMatchObject({ entries: 5, minutes: 555, hours: 9.25, peopleReached: 36, people: 1 });
    expect(totals.socialValuePence).toBe(Math.round((555 * DEMO_HOURLY_PENCE) / 60));
    const mine = (await env.http.get('/me/activity').set(mentor).expect(200)).body.items as Array<{ status: string }>;
    expect(mine.map((a) => a.status).sort()).toEqual(['approved', 'approved', 'approved', 'approved', 'approved', 'queried', 'submitted']);

    // The bus fare went in one payment batch; mileage (6.4 miles at 45p = £2.88) waits for the next, parking for approval.
    const batches = (await env.http.get('/expense-batches').set(coordinator).expect(200)).body;
    expect(batches).toEqual([expect.objectContaining({ claimCount: 1, totalPence: 350 })]);
    const claims = (await env.http.get('/me/expense-claims').set(mentor).expect(200)).body.items as Array<{
      category: string;
      status: string;
      amountPence: number;
      exportBatchId: string | null;
      receipts: unknown[];
    }>;
    expect(claims.map((c) => [c.category, c.status, c.amountPence, !!c.exportBatchId]).sort()).toEqual([
      ['mileage', 'approved', 288, false],
      ['parking', 'submitted', 240, false],
      ['public-transport', 'approved', 350, true],
    ]);
    expect(claims.find((c) => c.category === 'public-transport')!.receipts).toHaveLength(1);
    const expiring = (await env.http.get('/checks/expiring').set(coordinator).expect(200)).body;
    expect(JSON.stringify(expiring)).toContain('Safeguarding adults level 1');

    // The coordinator's message to the autumn cohort (11 still enrolled): texts to the five who want them.
    const [message] = (await env.http.get('/messages').set(coordinator).expect(200)).body;
    expect(message.recipients).toBe(11);
    const londonHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(new Date(message.createdAt)));
    const texts = () => notify.messages.filter((m) => m.reference?.startsWith(`coordinator-message:${message.id}:`));
    if (londonHour >= 8) {
      // The worker also works through the demo's other mail (invitations, reminders, reports) first: allow for a busy machine.
      await until('five texts of the message at the stand-in', () => texts().length >= TEXTING_TRAINEES.length, 180_000).catch(async (error) => {
        const { Client } = await import('pg');
        const db = new Client({ connectionString: env.databaseUrl });
        await db.connect();
        const rows = (await db.query(`SELECT channel, status, error, count(*)::int AS n FROM deliveries WHERE key LIKE $1 GROUP BY 1, 2, 3`, [`coordinator-message:${message.id}:%`])).rows;
        const waiting = (await db.query(`SELECT status, count(*)::int AS n FROM deliveries GROUP BY 1`)).rows;
        await db.end();
        throw new Error(
          `${error.message}: this message's deliveries ${JSON.stringify(rows)}, all deliveries ${JSON.stringify(waiting)}, texts at the stand-in ${JSON.stringify(notify.messages.map((m) => m.reference))}`,
        );
      });
      // The words as the coordinator wrote them, signed with the organisation's name.
      expect(texts().map((t) => t.body)).toEqual(Array(TEXTING_TRAINEES.length).fill(`${message.body} ${DEMO.organisationName}`));
      expect(printed.filter((line) => line.includes('[text] to 07700 9002') && line.includes('Central Library'))).toHaveLength(TEXTING_TRAINEES.length);
      // The mentor's safeguarding training expires within the month: the reminder goes by text too.
      await until('the check-expiring text', () => notify.messages.some((m) => m.reference?.startsWith('check-expiring:') && m.to === '07700 900201'), 180_000).catch(async (error) => {
        const { Client } = await import('pg');
        const db = new Client({ connectionString: env.databaseUrl });
        await db.connect();
        const rows = (await db.query(`SELECT key, channel, recipient, status, error FROM deliveries WHERE key LIKE 'check-expiring%'`)).rows;
        const checks = (await db.query(`SELECT kind, title, expires_on, checked_on FROM safety_checks`)).rows;
        await db.end();
        throw new Error(`${error.message}: ${JSON.stringify(rows)} ${JSON.stringify(checks)} ${JSON.stringify(notify.messages.map((m) => [m.reference, m.to]))}`);
      });
    } else {
      // Sent at night in London: held until 08:00, so nothing has gone yet.
      expect(texts()).toHaveLength(0);
    }
  }, 480_000);

  it('holds a second organisation, Bolton, whose admin sees its own intake and applicants and none of Islington’s', async () => {
    const signIn = async (email: string) => ({ Authorization: `Bearer ${(await env.http.post('/auth/login').send({ email, password: DEMO.password }).expect(200)).body.token}` });
    const bolton = await signIn(SECOND_DEMO.admin.email);
    const me = await env.http.get('/auth/me').set(bolton).expect(200);
    expect(me.body).toMatchObject({ role: 'admin', organisation: { name: SECOND_DEMO.organisationName, boroughCode: 'E08000001' } });
    const [boltonIntake] = (await env.http.get('/intakes').set(bolton).expect(200)).body;
    expect(boltonIntake).toMatchObject({ name: 'Navigator recruitment', status: 'open' });
    expect((await env.http.get(`/intakes/${boltonIntake.id}/pipeline`).set(bolton).expect(200)).body.total).toBe(5);

    const islington = await signIn(DEMO.users[1].email);
    const islingtonIntake = (await env.http.get('/intakes').set(islington).expect(200)).body.find((i: { name: string }) => i.name === 'Spring intake');
    await env.http.get(`/intakes/${islingtonIntake.id}`).set(bolton).expect(404);
    await env.http.get(`/intakes/${boltonIntake.id}`).set(islington).expect(404);
    const boltonPeople = JSON.stringify((await env.http.get('/people').set(bolton).expect(200)).body);
    expect(boltonPeople).toContain('Zainab Ali');
    expect(boltonPeople).not.toContain('@demo.steppingstone.local');

    // Bolton's navigators "reached out to over 600 people": out of the product, from approved activity only.
    const totals = (await env.http.get('/activity-totals').query({ by: 'person' }).set(bolton).expect(200)).body;
    expect(totals.total).toMatchObject({ entries: BOLTON_APPROVED.entries, hours: BOLTON_APPROVED.hours, peopleReached: 615, people: 4 });
    expect(totals.socialValuePence).toBe(BOLTON_APPROVED.socialValuePence);
    // The queried open day (30) and the contact waiting for review (1) count once approved.
    const all = (await env.http.get('/activity-totals').query({ status: 'all' }).set(bolton).expect(200)).body;
    expect(all.total).toMatchObject({ entries: 42, peopleReached: 646 });
    // Islington's coordinator sees none of it.
    expect((await env.http.get('/activity-totals').set(islington).expect(200)).body.total.peopleReached).toBe(36);
  });
});
