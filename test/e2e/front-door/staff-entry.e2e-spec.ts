import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { EQUALITY_CONSENT_WORDING } from '@steppingstone/people';
import { importCensus } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const today = () => new Date().toISOString().slice(0, 10);

describe('staff enter applications that came by phone or on paper, and record or correct equality answers', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let intake: IntakeView;
  let partner: { id: string; code: string };
  let db: Client;
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  const enter = (who: SignedIn, body: Record<string, unknown>, intakeId = intake.id) => env.http.post(`/intakes/${intakeId}/applications`).set(bearer(who)).send(body);
  const sexCounts = async () => {
    const { body } = await env.http
      .post('/representativeness/gap-analysis')
      .set(bearer(coordinator))
      .send({ intakeId: intake.id, dimensions: ['sex', 'religion'] })
      .expect(200);
    return Object.fromEntries(
      body.dimensions.map((d: { dimension: string; categories: Array<{ category: string; count: number }>; undisclosed: Array<{ category: string; count: number }> }) => [
        d.dimension,
        Object.fromEntries([...d.categories, ...d.undisclosed].filter((c) => c.count).map((c) => [c.category, c.count])),
      ]),
    );
  };

  beforeAll(async () => {
    env = await TestEnvironment.start();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    await importCensus(env, admin, ['sex_by_la.csv', 'religion_by_la.csv']);
    intake = await openIntake(env, coordinator);
    partner = (await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Archway Medical Centre', kind: 'gp-surgery', code: 'ARCHGP' }).expect(201)).body;
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('enters a paper form with its equality answers and both consents as the paper gave them, dated from the paper, by whom', async () => {
    const paperDate = '2026-01-12';
    const { body } = await enter(coordinator, {
      channel: 'paper',
      receivedOn: '2026-01-14',
      partnerCode: 'archgp',
      person: { name: 'Rosa Delgado', address: '3 Hornsey Road\nLondon', postcode: 'N7 7EE', dateOfBirth: '1968-09-01' },
      contactConsent: { method: 'paper-form', givenOn: paperDate, takenBy: admin.userId },
      equality: {
        consent: { method: 'paper-form', givenOn: paperDate },
        answers: { sex: 'Female', religion: 'Other religion', religionOther: 'Rastafari', ethnicity: 'Prefer not to say', sexualOrientation: 'Straight or Heterosexual' },
      },
    }).expect(201);
    expect(body).toMatchObject({
      intakeId: intake.id,
      stage: 'applied',
      channel: 'paper',
      source: 'referral',
      partnerId: partner.id,
      reference: expect.stringMatching(/^[2-9A-Z]{8}$/),
      equalityRecorded: true,
    });
    expect(body.appliedAt).toBe('2026-01-14T12:00:00.000Z');

    const consents = await sql(`SELECT purpose, method, wording, given_at, recorded_by FROM consents WHERE person_id = $1 ORDER BY purpose`, [body.personId]);
    expect(consents).toEqual([
      { purpose: 'contact', method: 'paper-form', wording: 'I agree to be contacted about my application', given_at: new Date(`${paperDate}T12:00:00Z`), recorded_by: admin.userId },
      { purpose: 'demographic-monitoring', method: 'paper-form', wording: EQUALITY_CONSENT_WORDING, given_at: new Date(`${paperDate}T12:00:00Z`), recorded_by: coordinator.userId },
    ]);
    const profile = await env.http.get(`/people/${body.personId}/demographics`).set(bearer(coordinator)).expect(200);
    expect(profile.body.profile).toMatchObject({
      sex: 'Female',
      religion: 'Other religion',
      religionOther: 'Rastafari',
      ethnicity: 'Prefer not to say',
      sexualOrientation: 'Straight or Heterosexual',
      disability: null,
    });
    const person = await env.http.get(`/people/${body.personId}`).set(bearer(coordinator)).expect(200);
    expect(person.body).toMatchObject({ address: '3 Hornsey Road\nLondon', contactPreferences: ['post'], email: null, phone: null });

    // The history starts on the day it arrived; the audit log has the entry and the equality answers recorded (then the read above).
    const application = await env.http.get(`/applications/${body.id}`).set(bearer(coordinator)).expect(200);
    expect(application.body.history).toEqual([expect.objectContaining({ toStage: 'applied', actorUserId: coordinator.userId, occurredAt: '2026-01-14T12:00:00.000Z' })]);
    const audit = await sql(`SELECT action, details FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`, [body.id, body.personId]);
    expect(audit.map((a) => a.action)).toEqual(['application.created', 'person.demographics.recorded', 'person.demographics.read']);
    expect(audit[0].details).toMatchObject({ channel: 'paper', partnerId: partner.id, receivedOn: '2026-01-14' });
    expect(audit[1].details.answered.sort()).toEqual(['ethnicity', 'religion', 'religionOther', 'sex', 'sexualOrientation']);
    expect((await sexCounts()).sex).toEqual({ Female: 1 });
  });

  it('enters a phone call with only a phone number and verbal consent, and no equality answers', async () => {
    const { body } = await enter(coordinator, {
      channel: 'phone',
      receivedOn: today(),
      person: { name: 'Tom Price', phone: '07700 900881' },
      contactConsent: { method: 'verbal', givenOn: today() },
    }).expect(201);
    expect(body).toMatchObject({ channel: 'phone', source: 'coordinator', partnerId: null, equalityRecorded: false });
    expect(await sql(`SELECT purpose, method, recorded_by FROM consents WHERE person_id = $1`, [body.personId])).toEqual([{ purpose: 'contact', method: 'verbal', recorded_by: coordinator.userId }]);
    expect((await env.http.get(`/people/${body.personId}/demographics`).set(bearer(coordinator)).expect(200)).body.profile).toBeNull();
    expect((await sexCounts()).sex).toEqual({ Female: 1, 'Not recorded': 1 });
  });

  it('refuses what it cannot keep: equality answers without their consent, an unknown code, a consent taken by someone who is not staff here, a date in the future', async () => {
    const base = { channel: 'paper', receivedOn: today(), contactConsent: { method: 'paper-form', givenOn: today() } };
    const noConsent = await enter(coordinator, { ...base, person: { name: 'No Consent' }, equality: { answers: { sex: 'Male' } } }).expect(400);
    expect(noConsent.body.details).toEqual([expect.objectContaining({ field: 'equality.consent' })]);
    const unknownCode = await enter(coordinator, { ...base, person: { name: 'Bad Code' }, partnerCode: 'NOPE99' }).expect(400);
    expect(unknownCode.body).toMatchObject({ code: 'UNKNOWN_PARTNER_CODE', details: [{ field: 'partnerCode' }] });
    const outsider = await signUpOrganisation(env);
    const stranger = await enter(coordinator, { ...base, person: { name: 'Stranger' }, contactConsent: { method: 'verbal', givenOn: today(), takenBy: outsider.userId } }).expect(400);
    expect(stranger.body).toMatchObject({ code: 'UNKNOWN_MEMBER', details: [{ field: 'contactConsent.takenBy' }] });
    const future = await enter(coordinator, { ...base, receivedOn: '2099-01-01', person: { name: 'Later' }, contactConsent: { method: 'paper-form', givenOn: '2099-01-01' } }).expect(400);
    expect(future.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort()).toEqual(['contactConsent.givenOn:notInFuture', 'receivedOn:notInFuture']);
    expect(await sql(`SELECT count(*)::int AS n FROM people WHERE name IN ('No Consent', 'Bad Code', 'Stranger', 'Later')`)).toEqual([{ n: 0 }]);
  });

  it('lets only admins and coordinators enter applications, into their own organisation’s intakes', async () => {
    const body = { channel: 'phone', receivedOn: today(), person: { name: 'Someone' }, contactConsent: { method: 'verbal', givenOn: today() } };
    await enter(trainer, body).expect(403);
    const outsider = await signUpOrganisation(env);
    await enter(outsider, body).expect(404);
    await env.http.post(`/intakes/${intake.id}/applications`).send(body).expect(401);
  });

  it('records equality answers from a paper form on the person page, and corrects them under the same consent, audit-logged without the answers', async () => {
    const { body } = await enter(coordinator, {
      channel: 'in-person',
      receivedOn: today(),
      person: { name: 'Uma Bell', phone: '07700 900882' },
      contactConsent: { method: 'verbal', givenOn: today() },
    }).expect(201);
    // Nothing to correct until there is a consent.
    const early = await env.http.patch(`/people/${body.personId}/demographics`).set(bearer(coordinator)).send({ sex: 'Female' }).expect(400);
    expect(early.body.code).toBe('CONSENT_REQUIRED');
    await env.http
      .put(`/people/${body.personId}/demographics`)
      .set(bearer(coordinator))
      .send({
        sex: 'Male',
        religion: 'Other religion',
        religionOther: 'Jain',
        consent: { wording: EQUALITY_CONSENT_WORDING, method: 'paper-form', givenAt: new Date(Date.now() - 60_000).toISOString() },
      })
      .expect(200);
    expect((await sexCounts()).sex).toMatchObject({ Male: 1 });

    // The paper said Female and Hindu: corrected; the write-in that went with "Other religion" goes too.
    const corrected = await env.http.patch(`/people/${body.personId}/demographics`).set(bearer(coordinator)).send({ sex: 'Female', religion: 'Hindu' }).expect(200);
    expect(corrected.body.profile).toMatchObject({ sex: 'Female', religion: 'Hindu', religionOther: null });
    const counts = await sexCounts();
    expect(counts.sex.Male).toBeUndefined();
    expect(counts.religion).toMatchObject({ Hindu: 1 });
    const [entry] = await sql(`SELECT actor_user_id, details FROM audit_log WHERE action = 'person.demographics.corrected' AND entity_id = $1`, [body.personId]);
    expect(entry).toEqual({ actor_user_id: coordinator.userId, details: { consentId: corrected.body.consent.id, changed: ['sex', 'religion', 'religionOther'] } });
    expect(await sql(`SELECT count(*)::int AS n FROM consents WHERE person_id = $1 AND purpose = 'demographic-monitoring'`, [body.personId])).toEqual([{ n: 1 }]);

    // Withdrawn consent: nothing left to correct; trainers never reach it.
    await env.http.post(`/people/${body.personId}/consents/${corrected.body.consent.id}/withdraw`).set(bearer(coordinator)).expect(200);
    expect((await env.http.patch(`/people/${body.personId}/demographics`).set(bearer(coordinator)).send({ sex: 'Male' }).expect(400)).body.code).toBe('CONSENT_REQUIRED');
    await env.http.patch(`/people/${body.personId}/demographics`).set(bearer(trainer)).send({ sex: 'Male' }).expect(403);
  });
});
