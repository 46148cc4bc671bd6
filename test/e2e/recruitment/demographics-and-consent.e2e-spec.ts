import { randomUUID } from 'node:crypto';
import { Role, Tenancy } from '@steppingstone/core';
import { DemographicProfiles } from '@steppingstone/people';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson, demographicConsent, recordDemographics } from '../../factories/people';
import { TestEnvironment } from '../../support/test-environment';

const FULL_PROFILE = {
  sex: 'Female',
  genderIdentity: 'Prefer not to say',
  ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean',
  disability: 'Disabled under the Equality Act: Day-to-day activities limited a little',
  religion: 'Prefer not to say',
  englishProficiency: 'Main language is English (English or Welsh in Wales)',
  mainLanguage: 'English',
  livedExperience: ['mental-health', 'homelessness'],
};

describe('demographic profile and consent: special-category data stored only with consent, read only with a trace, gone when consent goes', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let mentor: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Lewisham Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
  });
  afterAll(() => env.close());

  it('stores a profile together with the consent it rests on, "prefer not to say" answers included', async () => {
    const person = await createPerson(env, coordinator);
    const givenAt = new Date(Date.now() - 3600_000).toISOString();
    const stored = await env.http
      .put(`/people/${person.id}/demographics`)
      .set(bearer(coordinator))
      .send({ ...FULL_PROFILE, consent: { wording: 'I agree to my answers being kept for equality monitoring.', method: 'online-form', givenAt } })
      .expect(200);
    expect(stored.body).toMatchObject({
      personId: person.id,
      profile: FULL_PROFILE,
      consent: {
        personId: person.id,
        purpose: 'demographic-monitoring',
        method: 'online-form',
        givenAt,
        wording: 'I agree to my answers being kept for equality monitoring.',
        recordedBy: coordinator.userId,
        withdrawnAt: null,
      },
    });

    // A PUT states the whole profile: what is left out is "not recorded", and a new consent backs it.
    const restated = await recordDemographics(env, admin, person.id, { sex: 'Prefer not to say', livedExperience: ['Prefer not to say'] });
    expect(restated.profile).toMatchObject({ sex: 'Prefer not to say', livedExperience: ['Prefer not to say'], ethnicity: null, religion: null });
    expect(restated.consent.id).not.toBe(stored.body.consent.id);
    const history = await env.http.get(`/people/${person.id}/consents`).set(bearer(coordinator)).expect(200);
    expect(history.body.map((c: { id: string }) => c.id).sort()).toEqual([stored.body.consent.id, restated.consent.id].sort());
  });

  it('refuses a profile without consent (400 CONSENT_REQUIRED naming consent) and stores nothing', async () => {
    const person = await createPerson(env, coordinator);
    for (const body of [{ sex: 'Male' }, { sex: 'Male', consent: null }]) {
      const response = await env.http.put(`/people/${person.id}/demographics`).set(bearer(coordinator)).send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'CONSENT_REQUIRED', details: [{ field: 'consent' }] });
    }
    const read = await env.http.get(`/people/${person.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(read.body).toEqual({ personId: person.id, profile: null, consent: null });
    await env.http.get(`/people/${person.id}/consents`).set(bearer(coordinator)).expect(200, []);
  });

  it.each([
    ['consent.method', { consent: demographicConsent({ method: 'telepathy' }) }],
    ['consent.givenAt', { consent: demographicConsent({ givenAt: new Date(Date.now() + 86_400_000).toISOString() }) }],
    ['consent.givenAt', { consent: demographicConsent({ givenAt: 'yesterday' }) }],
    ['consent.wording', { consent: demographicConsent({ wording: '' }) }],
    ['consent.witness', { consent: { ...demographicConsent(), witness: 'Bob' } }],
    ['livedExperience', { livedExperience: ['mental-health', 'Prefer not to say'], consent: demographicConsent() }],
    ['livedExperience', { livedExperience: ['astrology'], consent: demographicConsent() }],
    ['mainLanguage', { mainLanguage: 'x'.repeat(61), consent: demographicConsent() }],
    ['sexualOrientation', { sexualOrientation: 'Heterosexual', consent: demographicConsent() }],
  ])('refuses a bad %s with 400 naming it', async (field, body) => {
    const person = await createPerson(env, coordinator);
    const response = await env.http.put(`/people/${person.id}/demographics`).set(bearer(coordinator)).send(body).expect(400);
    expect([...new Set(response.body.details.map((d: { field: string }) => d.field))]).toEqual([field]);
  });

  it('refuses an answer outside the census categories, naming the field and repeating nothing that was sent', async () => {
    const person = await createPerson(env, coordinator);
    const response = await env.http
      .put(`/people/${person.id}/demographics`)
      .set(bearer(coordinator))
      .send({ ethnicity: 'Martian (secret heritage)', religion: 'Jedi of the Lewisham temple', consent: demographicConsent() })
      .expect(400);
    expect([...new Set(response.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['ethnicity', 'religion']);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('Martian');
    expect(text).not.toContain('Jedi');
    expect(text).not.toContain(person.name);
    const read = await env.http.get(`/people/${person.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(read.body.profile).toBeNull();
  });

  it('writes the audit log on every read, with who read whose profile and none of the answers', async () => {
    const person = await createPerson(env, coordinator);
    await recordDemographics(env, coordinator, person.id, FULL_PROFILE);
    const before = await env.http.get('/audit-log').query({ action: 'person.demographics.read', entityId: person.id }).set(bearer(admin)).expect(200);
    expect(before.body.total).toBe(0);

    await env.http.get(`/people/${person.id}/demographics`).set(bearer(coordinator)).expect(200);
    await env.http.get(`/people/${person.id}/demographics`).set(bearer(admin)).expect(200);
    const after = await env.http.get('/audit-log').query({ action: 'person.demographics.read', entityId: person.id }).set(bearer(admin)).expect(200);
    expect(after.body.total).toBe(2);
    expect(after.body.items.map((e: { actorUserId: string }) => e.actorUserId).sort()).toEqual([coordinator.userId, admin.userId].sort());
    expect(after.body.items[0]).toMatchObject({ entityType: 'person', entityId: person.id });
    const recorded = await env.http.get('/audit-log').query({ action: 'person.demographics.recorded', entityId: person.id }).set(bearer(admin)).expect(200);
    expect(recorded.body.items[0].details.answered).toContain('ethnicity');
    expect(JSON.stringify([after.body, recorded.body])).not.toMatch(/Caribbean|mental-health|Female/);
  });

  it('refuses trainers and mentors (403) on every demographic and consent endpoint; they never see the fields', async () => {
    const person = await createPerson(env, coordinator);
    const { consent } = await recordDemographics(env, coordinator, person.id, FULL_PROFILE);
    for (const who of [trainer, mentor]) {
      const calls = [
        env.http.get(`/people/${person.id}/demographics`).set(bearer(who)),
        env.http.put(`/people/${person.id}/demographics`).set(bearer(who)).send({ sex: 'Male', consent: demographicConsent() }),
        env.http.get(`/people/${person.id}/consents`).set(bearer(who)),
        env.http.post(`/people/${person.id}/consents/${consent.id}/withdraw`).set(bearer(who)),
      ];
      for (const call of calls) {
        const response = await call;
        expect(response.status).toBe(403);
        expect(JSON.stringify(response.body)).not.toMatch(/Caribbean|Female/);
      }
    }
    const read = await env.http.get('/audit-log').query({ action: 'person.demographics.read', entityId: person.id }).set(bearer(admin)).expect(200);
    expect(read.body.total).toBe(0);
    const held = await env.http.get(`/people/${person.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(held.body.profile).toMatchObject({ sex: 'Female' });
  });

  it('withdrawing consent deletes the profile resting on it; the consent stays in the history, marked withdrawn', async () => {
    const person = await createPerson(env, coordinator);
    const { consent } = await recordDemographics(env, coordinator, person.id, FULL_PROFILE);
    const withdrawn = await env.http.post(`/people/${person.id}/consents/${consent.id}/withdraw`).set(bearer(coordinator)).expect(200);
    expect(withdrawn.body).toMatchObject({ id: consent.id, withdrawnBy: coordinator.userId });
    expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));

    // No profile is answered as 200 with profile null (the person exists; only the data is gone).
    const read = await env.http.get(`/people/${person.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(read.body).toEqual({ personId: person.id, profile: null, consent: null });
    const history = await env.http.get(`/people/${person.id}/consents`).set(bearer(coordinator)).expect(200);
    expect(history.body).toEqual([{ ...withdrawn.body }]);
    const exported = await env.http.get(`/people/${person.id}/export`).set(bearer(admin)).expect(200);
    expect(exported.body.demographicProfile).toBeNull();

    // Withdrawing again changes nothing.
    const again = await env.http.post(`/people/${person.id}/consents/${consent.id}/withdraw`).set(bearer(admin)).expect(200);
    expect(again.body).toEqual(withdrawn.body);
    const audit = await env.http.get('/audit-log').query({ action: 'consent.withdrawn', entityId: consent.id }).set(bearer(admin)).expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({ personId: person.id, purpose: 'demographic-monitoring', demographicProfileRemoved: true });

    // A consent is withdrawn through its own person only.
    const someoneElse = await createPerson(env, coordinator);
    await env.http.post(`/people/${someoneElse.id}/consents/${consent.id}/withdraw`).set(bearer(coordinator)).expect(404);
    await env.http.post(`/people/${person.id}/consents/${randomUUID()}/withdraw`).set(bearer(coordinator)).expect(404);
  });

  it('withdrawing an older consent leaves a profile that rests on a newer one', async () => {
    const person = await createPerson(env, coordinator);
    const first = await recordDemographics(env, coordinator, person.id, { sex: 'Male' });
    await recordDemographics(env, coordinator, person.id, { sex: 'Male', religion: 'Hindu' });
    await env.http.post(`/people/${person.id}/consents/${first.consent.id}/withdraw`).set(bearer(coordinator)).expect(200);
    const read = await env.http.get(`/people/${person.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(read.body.profile).toMatchObject({ sex: 'Male', religion: 'Hindu' });
  });

  it('hands aggregate analysis the profiles of many people at once: only this organisation’s, only those whose consent stands', async () => {
    const [withProfile, withdrawnLater, without] = [await createPerson(env, coordinator), await createPerson(env, coordinator), await createPerson(env, coordinator)];
    await recordDemographics(env, coordinator, withProfile.id, { sex: 'Female', ethnicity: 'White: Roma' });
    const { consent } = await recordDemographics(env, coordinator, withdrawnLater.id, { sex: 'Male' });
    await env.http.post(`/people/${withdrawnLater.id}/consents/${consent.id}/withdraw`).set(bearer(coordinator)).expect(200);
    const elsewhere = await signUpOrganisation(env);
    const theirs = await createPerson(env, elsewhere);
    await recordDemographics(env, elsewhere, theirs.id, { sex: 'Female' });

    const organisationId = admin.organisationId;
    const profiles = await env.api
      .get(Tenancy)
      .run(organisationId, (manager) => env.api.get(DemographicProfiles).profilesFor(manager, organisationId, [withProfile.id, withdrawnLater.id, without.id, theirs.id]));
    expect(profiles).toEqual([expect.objectContaining({ personId: withProfile.id, sex: 'Female', ethnicity: 'White: Roma' })]);
  });

  it('exports everything held about a person, and erasure removes all of it (the export then answers 404)', async () => {
    const programme = await env.http.post('/programmes').set(bearer(coordinator)).send({ name: 'Peer Mentor training', kind: 'training-course' }).expect(201);
    const intake = await env.http
      .post('/intakes')
      .set(bearer(coordinator))
      .send({ programmeId: programme.body.id, name: 'Autumn intake', opensOn: '2026-09-01', closesOn: '2026-09-30', capacity: 30 })
      .expect(201);
    const person = await createPerson(env, coordinator, { name: 'Farah Begum' });
    const application = await env.http
      .post('/applications')
      .set(bearer(coordinator))
      .send({ intakeId: intake.body.id, personId: person.id, source: 'referral', referrer: 'Lewisham Mind' })
      .expect(201);
    await env.http.post(`/applications/${application.body.id}/move`).set(bearer(coordinator)).send({ to: 'screened', note: 'Keen' }).expect(200);
    const { consent } = await recordDemographics(env, coordinator, person.id, FULL_PROFILE);

    await env.http.get(`/people/${person.id}/export`).set(bearer(coordinator)).expect(403);
    const exported = await env.http.get(`/people/${person.id}/export`).set(bearer(admin)).expect(200);
    expect(exported.body).toMatchObject({
      person: { id: person.id, name: 'Farah Begum', email: person.email },
      consents: [{ id: consent.id, purpose: 'demographic-monitoring' }],
      demographicProfile: { ethnicity: FULL_PROFILE.ethnicity, livedExperience: FULL_PROFILE.livedExperience, consentId: consent.id },
      applications: [
        {
          id: application.body.id,
          intakeName: 'Autumn intake',
          programmeName: 'Peer Mentor training',
          stage: 'screened',
          source: 'referral',
          referrer: 'Lewisham Mind',
          transitions: [
            { fromStage: null, toStage: 'applied' },
            { fromStage: 'applied', toStage: 'screened', note: 'Keen', actorUserId: coordinator.userId },
          ],
        },
      ],
    });
    const exportAudit = await env.http.get('/audit-log').query({ action: 'person.exported', entityId: person.id }).set(bearer(admin)).expect(200);
    expect(exportAudit.body.total).toBe(1);

    await env.http.delete(`/people/${person.id}`).set(bearer(admin)).expect(204);
    await env.http.get(`/people/${person.id}/export`).set(bearer(admin)).expect(404);
    await env.http.get(`/people/${person.id}`).set(bearer(admin)).expect(404);
    await env.http.get(`/people/${person.id}/demographics`).set(bearer(admin)).expect(404);
    await env.http.get(`/applications/${application.body.id}`).set(bearer(admin)).expect(404);
    const list = await env.http.get('/people').query({ q: 'Farah' }).set(bearer(admin)).expect(200);
    expect(list.body.total).toBe(0);

    const erasure = await env.http.get('/audit-log').query({ action: 'person.erased', entityId: person.id }).set(bearer(admin)).expect(200);
    expect(erasure.body.items[0].details).toEqual({ applications: 1, enrolments: 0, placements: 0, jobs: 0, consents: 1, demographicProfile: true });
    expect(JSON.stringify(erasure.body)).not.toMatch(/Farah|Begum|@example\.org|Caribbean/);
    await env.http.delete(`/people/${person.id}`).set(bearer(admin)).expect(404);
  });
});
