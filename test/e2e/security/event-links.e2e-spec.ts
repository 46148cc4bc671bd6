import { Client } from 'pg';
import { parseConfig, Role } from '@steppingstone/core';
import { eventLinkToken } from '@steppingstone/recruitment';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const LIMIT = 2;
const WINDOW_SECONDS = 600;

let n = 0;
const form = (overrides: Record<string, unknown> = {}) => ({ name: 'Sam Taylor', email: `sam-${++n}@example.org`, postcode: 'N7 8JL', consent: true, ...overrides });

describe('the public form’s limit per address, and event links that lift it for one intake', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let intake: IntakeView;
  let other: IntakeView;
  let db: Client;
  const apply = (slug: string, body: Record<string, unknown>, event?: string) =>
    env.http.post(`/public/intakes/${slug}/applications${event === undefined ? '' : `?event=${encodeURIComponent(event)}`}`).send(body);
  const applications = async (intakeId: string) => (await db.query(`SELECT count(*)::int AS n FROM applications WHERE intake_id = $1`, [intakeId])).rows[0].n as number;
  const tokenOf = (url: string) => new URL(url).searchParams.get('event')!;

  beforeAll(async () => {
    // No TRUST_PROXY: every request here comes from one address, as at an event.
    env = await TestEnvironment.start({ env: { PUBLIC_FORM_RATE_LIMIT: String(LIMIT), PUBLIC_FORM_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS) } });
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    intake = await openIntake(env, coordinator);
    other = await openIntake(env, coordinator, { name: 'Autumn intake' });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('honours PUBLIC_FORM_RATE_LIMIT per PUBLIC_FORM_RATE_WINDOW_SECONDS, and says the real wait in Retry-After and in words', async () => {
    for (let i = 0; i < LIMIT; i++) await apply(intake.publicSlug, form()).expect(201);
    const limited = await apply(intake.publicSlug, form()).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(limited.body.message).toBe(`Too many applications from this address; please try again in ${Math.ceil(retryAfter / 60)} minutes`);
  });

  it('lets a coordinator create an event link for the intake: a signed URL of its public form that works for the hours asked', async () => {
    const before = Date.now();
    const created = await env.http.post(`/intakes/${intake.id}/event-links`).set(bearer(coordinator)).send({ hours: 3 }).expect(201);
    expect(created.body).toEqual({ url: expect.stringMatching(new RegExp(`^http://localhost:3000/apply/${intake.publicSlug}\\?event=\\d+\\.[\\w-]+$`)), expiresAt: expect.any(String) });
    const expiresAt = new Date(created.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3 * 3600_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3 * 3600_000);
    const described = await env.http.get(`/public/intakes/${intake.publicSlug}?event=${encodeURIComponent(tokenOf(created.body.url))}`).expect(200);
    expect(described.body.eventLink).toEqual({ valid: true, expiresAt: created.body.expiresAt });
    const audited = await db.query(`SELECT actor_user_id, details FROM audit_log WHERE action = 'intake.event-link.created'`);
    expect(audited.rows).toEqual([{ actor_user_id: coordinator.userId, details: { expiresAt: created.body.expiresAt } }]);
  });

  it('takes applications through the event link from an address the plain form already refuses', async () => {
    const token = tokenOf((await env.http.post(`/intakes/${intake.id}/event-links`).set(bearer(coordinator)).send({ hours: 2 }).expect(201)).body.url);
    await apply(intake.publicSlug, form()).expect(429);
    const before = await applications(intake.id);
    for (let i = 0; i < LIMIT * 5; i++) await apply(intake.publicSlug, form(), token).expect(201);
    expect(await applications(intake.id)).toBe(before + LIMIT * 5);
    await apply(intake.publicSlug, form()).expect(429); // the plain form is still limited
  });

  it('keeps the honeypot, the field checks and the open-intake check through an event link, and the same person twice is still listed as a likely duplicate', async () => {
    const token = tokenOf((await env.http.post(`/intakes/${intake.id}/event-links`).set(bearer(admin)).send({ hours: 1 }).expect(201)).body.url);
    const before = await applications(intake.id);
    await apply(intake.publicSlug, form({ website: 'http://cheap-pills.example' }), token).expect(201);
    expect(await applications(intake.id)).toBe(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.bot-refused'`)).rows[0].n).toBe(1);
    expect((await apply(intake.publicSlug, form({ email: 'not-an-email', consent: false }), token).expect(400)).body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'consent',
      'email',
    ]);

    const twice = form({ name: 'Jo Twice', email: 'jo.twice@example.org' });
    await apply(intake.publicSlug, twice, token).expect(201);
    await apply(intake.publicSlug, twice, token).expect(201);
    const duplicates = await env.http.get('/people/duplicates').set(bearer(coordinator)).expect(200);
    expect(duplicates.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ people: [expect.objectContaining({ name: 'Jo Twice' }), expect.objectContaining({ name: 'Jo Twice' })], matchedOn: ['email'] })]),
    );

    const closing = await openIntake(env, coordinator, { name: 'Closing intake' });
    const closingToken = tokenOf((await env.http.post(`/intakes/${closing.id}/event-links`).set(bearer(coordinator)).send({ hours: 1 }).expect(201)).body.url);
    await env.http.post(`/intakes/${closing.id}/status`).set(bearer(coordinator)).send({ status: 'closed' }).expect(200);
    await apply(closing.publicSlug, form(), closingToken).expect(409);
  });

  it('gives no way round the limit with another intake’s link, an expired link, or one whose expiry or signature was changed', async () => {
    const secret = parseConfig(process.env).APP_SECRET;
    const othersToken = tokenOf((await env.http.post(`/intakes/${other.id}/event-links`).set(bearer(coordinator)).send({ hours: 1 }).expect(201)).body.url);
    const expired = eventLinkToken(secret, intake.publicSlug, new Date(Date.now() - 60_000));
    const [expires, mac] = othersToken.split('.');
    const ownToken = tokenOf((await env.http.post(`/intakes/${intake.id}/event-links`).set(bearer(coordinator)).send({ hours: 1 }).expect(201)).body.url);
    const [ownExpires, ownMac] = ownToken.split('.');
    for (const token of [
      othersToken,
      expired,
      `${Number(ownExpires) + 86_400}.${ownMac}`,
      `${ownExpires}.${mac}`,
      eventLinkToken('another secret of at least thirty-two characters', intake.publicSlug, new Date(Date.now() + 3600_000)),
      'nonsense',
      `${expires}`,
    ]) {
      await apply(intake.publicSlug, form(), token).expect(429);
      expect((await env.http.get(`/public/intakes/${intake.publicSlug}?event=${encodeURIComponent(token)}`).expect(200)).body.eventLink).toEqual({ valid: false, expiresAt: null });
    }
  });

  it('lets only admins and coordinators of the intake’s organisation create one, and names a wrong number of hours', async () => {
    const trainer = await addMember(env, admin, Role.Trainer);
    const mentor = await addMember(env, admin, Role.Mentor);
    const stranger = await signUpOrganisation(env);
    const create = (who: SignedIn | undefined, id = intake.id, body: Record<string, unknown> = { hours: 1 }) => {
      const call = env.http.post(`/intakes/${id}/event-links`).send(body);
      return who ? call.set(bearer(who)) : call;
    };
    await create(undefined).expect(401);
    await create(trainer).expect(403);
    await create(mentor).expect(403);
    await create(stranger).expect(404);
    await create(admin, '5f0c1e9a-3b7d-4c2e-9f1a-8d6b4e2c0a11').expect(404);
    for (const hours of [0, 169, 1.5, 'six', undefined]) {
      const refused = await create(coordinator, intake.id, { hours }).expect(400);
      expect(new Set(refused.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['hours']));
    }
  });
});
