import { randomUUID } from 'node:crypto';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson, personBody, recordDemographics } from '../../factories/people';
import { TestEnvironment } from '../../support/test-environment';

/** An intake to apply to, made the way a coordinator makes one. */
async function createIntake(env: TestEnvironment, who: SignedIn): Promise<string> {
  const programme = await env.http
    .post('/programmes')
    .set(bearer(who))
    .send({ name: `Peer Mentor training ${randomUUID().slice(0, 6)}`, kind: 'training-course' })
    .expect(201);
  const intake = await env.http
    .post('/intakes')
    .set(bearer(who))
    .send({ programmeId: programme.body.id, name: 'Spring intake', opensOn: '2026-03-02', closesOn: '2026-03-27', capacity: 45 })
    .expect(201);
  return intake.body.id;
}

/** An application entered by a coordinator and moved on a stage, so it has a history of two moves. */
async function applyAndScreen(env: TestEnvironment, who: SignedIn, intakeId: string, personId: string): Promise<string> {
  const application = await env.http.post('/applications').set(bearer(who)).send({ intakeId, personId, source: 'coordinator' }).expect(201);
  await env.http.post(`/applications/${application.body.id}/move`).set(bearer(who)).send({ to: 'screened', note: 'Good screening call' }).expect(200);
  return application.body.id;
}

describe('people: a coordinator records, finds, corrects and merges people', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let mentor: SignedIn;
  let otherAdmin: SignedIn;
  let north: string;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Hackney Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
    otherAdmin = await signUpOrganisation(env, { organisationName: 'Camden Peer Network' });
    north = (await env.http.post('/localities').set(bearer(admin)).send({ name: 'North' }).expect(201)).body.id;
  });
  afterAll(() => env.close());

  it('records a person, finds them by name, email, postcode or locality, and refuses an edit made on a stale copy', async () => {
    const created = await env.http
      .post('/people')
      .set(bearer(coordinator))
      .send({
        name: '  Amara   Okafor ',
        preferredName: 'Mara',
        email: 'Amara.Okafor@Example.org',
        phone: '07700 900001',
        postcode: 'n1 9gu',
        localityId: north,
        dateOfBirth: '1990-02-28',
        contactPreferences: ['sms', 'email'],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Amara Okafor',
      preferredName: 'Mara',
      email: 'amara.okafor@example.org',
      postcode: 'N1 9GU',
      localityId: north,
      dateOfBirth: '1990-02-28',
      contactPreferences: ['sms', 'email'],
      version: 1,
    });
    await createPerson(env, coordinator, { name: 'Bilal Hussain', postcode: 'E8 1DY' });

    for (const q of ['okafor', 'AMARA.OKAFOR@', 'N1 9']) {
      const found = await env.http.get('/people').query({ q }).set(bearer(coordinator)).expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    }
    const inNorth = await env.http.get('/people').query({ localityId: north }).set(bearer(admin)).expect(200);
    expect(inNorth.body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });
    const all = await env.http.get('/people').query({ pageSize: 1, page: 2 }).set(bearer(admin)).expect(200);
    expect(all.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ name: 'Bilal Hussain' }] });
    await env.http.get(`/people/${created.body.id}`).set(bearer(coordinator)).expect(200, created.body);

    const edited = await env.http.patch(`/people/${created.body.id}`).set(bearer(coordinator)).send({ phone: '07700 900002', version: 1 }).expect(200);
    expect(edited.body).toMatchObject({ phone: '07700 900002', version: 2, email: 'amara.okafor@example.org' });
    const stale = await env.http.patch(`/people/${created.body.id}`).set(bearer(admin)).send({ postcode: 'N1 1AA', version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', current: { version: 2 } });
    const cleared = await env.http.patch(`/people/${created.body.id}`).set(bearer(admin)).send({ preferredName: null }).expect(200);
    expect(cleared.body).toMatchObject({ preferredName: null, postcode: 'N1 9GU', version: 3 });
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['postcode', { postcode: 'ZZ 12345' }],
    ['dateOfBirth', { dateOfBirth: '2999-01-01' }],
    ['dateOfBirth', { dateOfBirth: '1990-02-30' }],
    ['phone', { phone: 'call me' }],
    ['contactPreferences', { contactPreferences: ['pigeon'] }],
    ['nickname', { nickname: 'Ace' }],
    ['localityId', { localityId: randomUUID() }],
    ['name', { name: '' }],
  ])('refuses a bad %s with 400 naming it', async (field, overrides) => {
    const response = await env.http
      .post('/people')
      .set(bearer(coordinator))
      .send({ ...personBody(), ...overrides })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect(response.body.message).toContain(field);
  });

  it('refuses another organisation’s locality as unknown, and a bad edit as a bad create', async () => {
    const theirs = (await env.http.post('/localities').set(bearer(otherAdmin)).send({ name: 'South' }).expect(201)).body.id;
    const response = await env.http
      .post('/people')
      .set(bearer(coordinator))
      .send(personBody({ localityId: theirs }))
      .expect(400);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_LOCALITY', details: [{ field: 'localityId' }] });
    const person = await createPerson(env, coordinator);
    const edit = await env.http.patch(`/people/${person.id}`).set(bearer(coordinator)).send({ name: null, email: 'nope' }).expect(400);
    expect([...new Set(edit.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['email', 'name']);
  });

  it('reports a likely duplicate by email in another case and by phone typed differently, records it when told they differ, and lists the pair', async () => {
    const chidi = await createPerson(env, coordinator, { name: 'Chidi Anagonye', email: 'chidi@example.org', phone: '+44 7700 900123' });
    const byEmail = await env.http
      .post('/people')
      .set(bearer(coordinator))
      .send(personBody({ name: 'C. Anagonye', email: 'CHIDI@Example.ORG' }))
      .expect(409);
    expect(byEmail.body).toMatchObject({ code: 'POSSIBLE_DUPLICATE', duplicates: [{ personId: chidi.id, name: 'Chidi Anagonye', matchedOn: ['email'] }] });
    expect(byEmail.body.merge[0]).toMatchObject({ method: 'POST', path: `/people/${chidi.id}/merge` });

    // The same number, written internationally with brackets or nationally with dashes.
    for (const phone of ['+44 (7700) 900-123', '07700-900-123']) {
      const byPhone = await env.http
        .post('/people')
        .set(bearer(coordinator))
        .send(personBody({ name: 'Chidi A', phone }))
        .expect(409);
      expect(byPhone.body.duplicates).toEqual([{ personId: chidi.id, name: 'Chidi Anagonye', matchedOn: ['phone'] }]);
    }

    const twin = await createPerson(env, coordinator, { name: 'Chidi Anagonye Jr', email: 'Chidi@example.org', phone: '07700900123', allowDuplicate: true });
    const pairs = await env.http.get('/people/duplicates').set(bearer(coordinator)).expect(200);
    const pair = pairs.body.items.find((p: { people: Array<{ id: string }> }) => p.people[0].id === chidi.id);
    expect(pair).toEqual({
      people: [
        { id: chidi.id, name: 'Chidi Anagonye' },
        { id: twin.id, name: 'Chidi Anagonye Jr' },
      ],
      matchedOn: ['email', 'phone'],
      merge: { method: 'POST', path: `/people/${chidi.id}/merge`, body: { duplicateId: twin.id } },
    });
    // The other organisation has the same email on record; it is nobody's duplicate here.
    await createPerson(env, otherAdmin, { email: 'chidi@example.org' });
    const again = await env.http.get('/people/duplicates').set(bearer(coordinator)).expect(200);
    expect(again.body.total).toBe(pairs.body.total);
  });

  it('merges a duplicate into the kept record: every application and its history, consents and the profile move; empty fields are filled; the duplicate goes', async () => {
    const intakeA = await createIntake(env, coordinator);
    const intakeB = await createIntake(env, coordinator);
    const kept = await createPerson(env, coordinator, { name: 'Dee Mensah', email: 'dee@example.org', phone: null, postcode: null, dateOfBirth: null });
    const duplicate = await createPerson(env, coordinator, {
      name: 'Deborah Mensah',
      email: 'DEE@example.org',
      phone: '07700 900555',
      postcode: 'E8 1DY',
      dateOfBirth: '1979-11-03',
      allowDuplicate: true,
    });
    const keptApplication = await applyAndScreen(env, coordinator, intakeA, kept.id);
    const movedApplications = [await applyAndScreen(env, coordinator, intakeA, duplicate.id), await applyAndScreen(env, coordinator, intakeB, duplicate.id)];
    const profile = await recordDemographics(env, coordinator, duplicate.id, { ethnicity: 'White: Irish' });

    const merged = await env.http.post(`/people/${kept.id}/merge`).set(bearer(coordinator)).send({ duplicateId: duplicate.id }).expect(200);
    expect(merged.body).toMatchObject({
      person: { id: kept.id, name: 'Dee Mensah', email: 'dee@example.org', phone: '07700 900555', postcode: 'E8 1DY', dateOfBirth: '1979-11-03', version: kept.version + 1 },
      moved: { applications: 2, consents: 1, demographicProfile: true },
    });
    await env.http.get(`/people/${duplicate.id}`).set(bearer(coordinator)).expect(404);

    for (const id of [keptApplication, ...movedApplications]) {
      const application = await env.http.get(`/applications/${id}`).set(bearer(coordinator)).expect(200);
      expect(application.body.personId).toBe(kept.id);
      expect(application.body.history.map((t: { toStage: string }) => t.toStage)).toEqual(['applied', 'screened']);
    }
    const held = await env.http.get(`/people/${kept.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(held.body).toMatchObject({ profile: { ethnicity: 'White: Irish' }, consent: { id: profile.consent.id, personId: kept.id } });

    const audit = await env.http.get('/audit-log').query({ action: 'person.merged' }).set(bearer(admin)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ entityId: kept.id, details: { keptId: kept.id, duplicateId: duplicate.id } });
    const pairs = await env.http.get('/people/duplicates').set(bearer(coordinator)).expect(200);
    expect(JSON.stringify(pairs.body)).not.toContain(duplicate.id);
  });

  it('keeps the kept record’s own demographic profile when both have one', async () => {
    const kept = await createPerson(env, coordinator);
    const duplicate = await createPerson(env, coordinator);
    await recordDemographics(env, coordinator, kept.id, { religion: 'Sikh' });
    await recordDemographics(env, coordinator, duplicate.id, { religion: 'Buddhist' });
    const merged = await env.http.post(`/people/${kept.id}/merge`).set(bearer(admin)).send({ duplicateId: duplicate.id }).expect(200);
    expect(merged.body.moved).toEqual({ applications: 0, consents: 1, demographicProfile: false });
    const held = await env.http.get(`/people/${kept.id}/demographics`).set(bearer(admin)).expect(200);
    expect(held.body.profile.religion).toBe('Sikh');
    const consents = await env.http.get(`/people/${kept.id}/consents`).set(bearer(admin)).expect(200);
    expect(consents.body).toHaveLength(2);
  });

  it('refuses a merge with itself (400) and with an unknown or another organisation’s person (404), changing nothing', async () => {
    const person = await createPerson(env, coordinator);
    const self = await env.http.post(`/people/${person.id}/merge`).set(bearer(coordinator)).send({ duplicateId: person.id }).expect(400);
    expect(self.body).toMatchObject({ code: 'MERGE_WITH_SELF', details: [{ field: 'duplicateId' }] });
    const theirs = await createPerson(env, otherAdmin);
    await env.http.post(`/people/${person.id}/merge`).set(bearer(coordinator)).send({ duplicateId: theirs.id }).expect(404);
    await env.http.post(`/people/${theirs.id}/merge`).set(bearer(coordinator)).send({ duplicateId: person.id }).expect(404);
    await env.http.post(`/people/${person.id}/merge`).set(bearer(coordinator)).send({ duplicateId: randomUUID() }).expect(404);
    await env.http.post(`/people/${person.id}/merge`).set(bearer(coordinator)).send({ duplicateId: 'not-a-uuid' }).expect(400);
    await env.http.get(`/people/${person.id}`).set(bearer(coordinator)).expect(200);
    await env.http.get(`/people/${theirs.id}`).set(bearer(otherAdmin)).expect(200, theirs);
  });

  it('answers 404 to every endpoint aimed at another organisation’s person, exactly as for an id that exists nowhere, and their record is unchanged', async () => {
    const theirs = await createPerson(env, otherAdmin, { name: 'Eve Private' });
    await recordDemographics(env, otherAdmin, theirs.id, { sex: 'Female' });
    const theirConsents = (await env.http.get(`/people/${theirs.id}/consents`).set(bearer(otherAdmin)).expect(200)).body;
    const mine = await createPerson(env, admin);
    const calls: Array<[string, string, object?]> = [
      ['get', '/people/:id'],
      ['patch', '/people/:id', { name: 'Changed' }],
      ['delete', '/people/:id'],
      ['get', '/people/:id/export'],
      ['post', '/people/:id/merge', { duplicateId: mine.id }],
      ['get', '/people/:id/demographics'],
      ['put', '/people/:id/demographics', { sex: 'Male', consent: { wording: 'x', method: 'verbal', givenAt: new Date().toISOString() } }],
      ['get', '/people/:id/consents'],
      ['post', `/people/:id/consents/${theirConsents[0].id}/withdraw`],
    ];
    for (const [method, path, body] of calls) {
      const send = (id: string) => {
        const req = (env.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method](path.replace(':id', id)).set(bearer(admin));
        return body ? req.send(body) : req;
      };
      const response = await send(theirs.id);
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(JSON.stringify(response.body)).not.toContain('Eve Private');
      const nowhere = await send(randomUUID());
      expect(response.body).toEqual(nowhere.body);
    }
    await env.http.get(`/people/${theirs.id}`).set(bearer(otherAdmin)).expect(200, theirs);
    const profile = await env.http.get(`/people/${theirs.id}/demographics`).set(bearer(otherAdmin)).expect(200);
    expect(profile.body.profile.sex).toBe('Female');
    await env.http.get(`/people/${theirs.id}/consents`).set(bearer(otherAdmin)).expect(200, theirConsents);
    const list = await env.http.get('/people').query({ q: 'Eve Private' }).set(bearer(admin)).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('refuses trainers and mentors (403) on every people endpoint, and coordinators on export and erasure', async () => {
    const person = await createPerson(env, coordinator);
    const calls: Array<[string, string, object?]> = [
      ['post', '/people', personBody()],
      ['get', '/people'],
      ['get', '/people/duplicates'],
      ['get', `/people/${person.id}`],
      ['patch', `/people/${person.id}`, { name: 'Changed' }],
      ['post', `/people/${person.id}/merge`, { duplicateId: randomUUID() }],
      ['get', `/people/${person.id}/export`],
      ['delete', `/people/${person.id}`],
    ];
    for (const who of [trainer, mentor]) {
      for (const [method, path, body] of calls) {
        const req = (env.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method](path).set(bearer(who));
        const response = await (body ? req.send(body) : req);
        expect([who.role, method, path, response.status]).toEqual([who.role, method, path, 403]);
      }
    }
    await env.http.get(`/people/${person.id}/export`).set(bearer(coordinator)).expect(403);
    await env.http.delete(`/people/${person.id}`).set(bearer(coordinator)).expect(403);
    await env.http.get(`/people/${person.id}`).set(bearer(coordinator)).expect(200, person);
  });

  it('documents the people endpoints in OpenAPI', async () => {
    const { body } = await env.http.get('/api/docs-json').expect(200);
    for (const path of [
      '/people',
      '/people/duplicates',
      '/people/{id}',
      '/people/{id}/merge',
      '/people/{id}/export',
      '/people/{id}/demographics',
      '/people/{id}/consents',
      '/people/{id}/consents/{consentId}/withdraw',
    ]) {
      expect(Object.keys(body.paths)).toContain(path);
    }
    expect(Object.keys(body.paths['/people/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    const create = body.components.schemas.CreatePersonDto;
    expect(create.required).toEqual(['name']);
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(['email', 'phone', 'postcode', 'localityId', 'dateOfBirth', 'contactPreferences', 'allowDuplicate']));
    const demographics = body.components.schemas.RecordDemographicsDto;
    expect(demographics.properties.ethnicity.enum).toContain('Prefer not to say');
    expect(demographics.required).toEqual(['consent']);
  });

  it('links a person to their own sign-in, once, so they see only themselves under /me', async () => {
    const person = await createPerson(env, coordinator);
    const other = await createPerson(env, coordinator);
    const linked = await env.http.put(`/people/${person.id}/account`).set(bearer(coordinator)).send({ userId: mentor.userId }).expect(200);
    expect(linked.body.userId).toBe(mentor.userId);
    const twice = await env.http.put(`/people/${other.id}/account`).set(bearer(coordinator)).send({ userId: mentor.userId }).expect(409);
    expect(twice.body).toMatchObject({ code: 'ACCOUNT_ALREADY_LINKED', details: [{ field: 'userId' }] });
    const stranger = await env.http.put(`/people/${other.id}/account`).set(bearer(coordinator)).send({ userId: otherAdmin.userId }).expect(404);
    expect(stranger.body.details[0]).toMatchObject({ field: 'userId', rule: 'member' });
    await env.http.put(`/people/${other.id}/account`).set(bearer(coordinator)).send({ userId: 'me' }).expect(400);
    await env.http.put(`/people/${other.id}/account`).set(bearer(trainer)).send({ userId: trainer.userId }).expect(403);
    await env.http.put(`/people/${person.id}/account`).set(bearer(otherAdmin)).send({ userId: null }).expect(404);
    const sessions = await env.http.get('/me/sessions').set(bearer(mentor)).expect(200);
    expect(Array.isArray(sessions.body) || Array.isArray(sessions.body.items)).toBe(true);
    const unlinked = await env.http.put(`/people/${person.id}/account`).set(bearer(admin)).send({ userId: null }).expect(200);
    expect(unlinked.body.userId).toBeNull();
  });
});
