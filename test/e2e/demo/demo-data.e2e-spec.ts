import { AddressInfo } from 'node:net';
import { parseConfig } from '@steppingstone/core';
import { DEMO, seedDemo } from '../../../scripts/demo-seed';
import { SECOND_DEMO } from '../../../scripts/demo-second-organisation';
import { TestEnvironment } from '../../support/test-environment';

/** `npm run demo` loads its data through the public API; this runs that same seeding against a fresh database. */
describe('demo data', () => {
  let env: TestEnvironment;
  let api: string;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    env.api.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => env.api.getHttpServer().once('listening', resolve));
    api = `http://127.0.0.1:${(env.api.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => env.close());

  it('loads an organisation a new user can sign in to and find working: users of every role, census figures, an over-subscribed intake from several partners by every channel', async () => {
    const demo = await seedDemo(api, parseConfig(process.env).APP_SECRET);
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
      const me = await env.http.get('/auth/me').set(await signIn(user.email)).expect(200);
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
    const total = async (query: Record<string, string>) => (await env.http.get('/applications').query({ intakeId: intake.id, ...query }).set(coordinator).expect(200)).body.total as number;
    expect([await total({ channel: 'online' }), await total({ channel: 'paper' }), await total({ channel: 'phone' })]).toEqual([20, 20, 15]);
    const phoneOnly = (await env.http.get('/applications').query({ intakeId: intake.id, channel: 'online', pageSize: 100 }).set(coordinator).expect(200)).body.items.filter((a: { email: string | null }) => a.email === null);
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
  });

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
  });
});
