import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson, recordDemographics } from '../../factories/people';
import { TestEnvironment } from '../../support/test-environment';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WHITE_BRITISH = 'White: English, Welsh, Scottish, Northern Irish or British';

/**
 * A mentor keeps their own contact details and consents under /me, with the rules and audit entries
 * of a staff edit, and downloads what the organisation holds about them as a readable document and
 * as files without internal ids. Nobody else's record is reachable this way.
 */
describe('progression: a mentor’s own details, consents and data under /me', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let mentor: SignedIn;
  let trainer: SignedIn;
  let mine: { id: string; name: string };
  let theirs: { id: string; name: string };
  let theirConsentId: string;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    mentor = await addMember(env, admin, Role.Mentor);
    trainer = await addMember(env, admin, Role.Trainer);
    mine = await createPerson(env, coordinator, { name: 'Maya Lewis', dateOfBirth: '1990-02-03' });
    theirs = await createPerson(env, coordinator, { name: 'Ravi Someone-Else' });
    await env.http.put(`/people/${mine.id}/account`).set(bearer(coordinator)).send({ userId: mentor.userId }).expect(200);
    await recordDemographics(env, coordinator, mine.id, { ethnicity: WHITE_BRITISH, religion: 'No religion' });
    theirConsentId = (await recordDemographics(env, coordinator, theirs.id, { ethnicity: WHITE_BRITISH })).consent.id;
  });
  afterAll(() => env.close());

  const auditOf = async (action: string, entityId: string) =>
    (await env.http.get('/audit-log').query({ action, entityId }).set(bearer(admin)).expect(200)).body.items as Array<{ actorUserId: string; details: Record<string, unknown> }>;

  it('changes their own contact details and preferences, as staff see them, audit-logged under their login', async () => {
    const { body: before } = await env.http.get('/me/details').set(bearer(mentor)).expect(200);
    expect(before).toMatchObject({ name: 'Maya Lewis', dateOfBirth: '1990-02-03' });
    expect(JSON.stringify(before)).not.toMatch(UUID);

    const { body: after } = await env.http
      .patch('/me/details')
      .set(bearer(mentor))
      .send({ email: ' Maya.New@Example.org ', phone: '020 7946 0000', address: '12 Holloway Road\nLondon', postcode: 'n7 8jl', contactPreferences: ['sms', 'email'], version: before.version })
      .expect(200);
    // The staff path's tidying: email lower-cased and trimmed, postcode upper-cased.
    expect(after).toMatchObject({ email: 'maya.new@example.org', phone: '020 7946 0000', postcode: 'N7 8JL', contactPreferences: ['sms', 'email'], version: before.version + 1 });
    const { body: seenByStaff } = await env.http.get(`/people/${mine.id}`).set(bearer(coordinator)).expect(200);
    expect(seenByStaff).toMatchObject({ email: 'maya.new@example.org', address: '12 Holloway Road\nLondon', contactPreferences: ['sms', 'email'] });

    const [entry] = await auditOf('person.updated', mine.id);
    expect(entry.actorUserId).toBe(mentor.userId);
    expect((entry.details.fields as string[]).sort()).toEqual(['address', 'contactPreferences', 'email', 'phone', 'postcode']);

    // null clears a field, as on the staff path.
    const { body: cleared } = await env.http.patch('/me/details').set(bearer(mentor)).send({ phone: null }).expect(200);
    expect(cleared.phone).toBeNull();
    // A stale version is refused as a staff edit's is.
    await env.http.patch('/me/details').set(bearer(mentor)).send({ preferredName: 'May', version: before.version }).expect(409);
  });

  it('refuses bad input with a 400 naming the field, and fields only staff change', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: 'call me' }, 'phone'],
      [{ postcode: 'NOWHERE' }, 'postcode'],
      [{ contactPreferences: ['pigeon'] }, 'contactPreferences'],
      [{ contactPreferences: ['email', 'email'] }, 'contactPreferences'],
      [{ name: 'Someone Else' }, 'name'],
      [{ dateOfBirth: '1970-01-01' }, 'dateOfBirth'],
    ];
    for (const [body, field] of cases) {
      const { body: refused } = await env.http.patch('/me/details').set(bearer(mentor)).send(body).expect(400);
      expect({ body, fields: refused.details.map((d: { field: string }) => d.field) }).toEqual({ body, fields: [field] });
    }
    const { body: consent } = await env.http.post('/me/consents').set(bearer(mentor)).send({ purpose: 'demographic-monitoring' }).expect(400);
    expect(consent.details[0].field).toBe('purpose');
    const { body: answers } = await env.http.put('/me/demographics').set(bearer(mentor)).send({ ethnicity: WHITE_BRITISH }).expect(400);
    expect(answers.details[0].field).toBe('consentGiven');
    const { body: wrong } = await env.http.put('/me/demographics').set(bearer(mentor)).send({ ethnicity: 'Martian', consentGiven: true }).expect(400);
    expect(wrong.details[0].field).toBe('ethnicity');
    const { body: format } = await env.http.get('/me/data').query({ format: 'xml' }).set(bearer(mentor)).expect(400);
    expect(format.details[0].field).toBe('format');
    expect((await env.http.get('/me/details').set(bearer(mentor)).expect(200)).body.name).toBe('Maya Lewis');
  });

  it('gives and withdraws consent to be contacted, each audit-logged', async () => {
    const given = await env.http.post('/me/consents').set(bearer(mentor)).send({ purpose: 'contact' }).expect(201);
    expect(given.body).toMatchObject({ purpose: 'contact', method: 'online-form', recordedBy: null, withdrawnAt: null, personId: mine.id });
    // Giving it again while it stands changes nothing.
    const again = await env.http.post('/me/consents').set(bearer(mentor)).send({ purpose: 'contact' }).expect(200);
    expect(again.body.id).toBe(given.body.id);
    expect((await auditOf('consent.given', given.body.id)).map((e) => e.actorUserId)).toEqual([mentor.userId]);

    const withdrawn = await env.http.post(`/me/consents/${given.body.id}/withdraw`).set(bearer(mentor)).expect(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect(withdrawn.body.withdrawnBy).toBe(mentor.userId);
    expect((await auditOf('consent.withdrawn', given.body.id)).map((e) => e.actorUserId)).toEqual([mentor.userId]);
    const renewed = await env.http.post('/me/consents').set(bearer(mentor)).send({ purpose: 'contact' }).expect(201);
    expect(renewed.body.id).not.toBe(given.body.id);
  });

  it('withdrawing equality monitoring deletes their answers as the staff path does; answering again records a new consent', async () => {
    const { body: shown } = await env.http.get('/me/demographics').set(bearer(mentor)).expect(200);
    expect(shown.profile).toMatchObject({ ethnicity: WHITE_BRITISH, religion: 'No religion' });
    expect((await auditOf('person.demographics.read', mine.id)).map((e) => e.actorUserId)).toContain(mentor.userId);

    const withdrawn = await env.http.post(`/me/consents/${shown.consent.id}/withdraw`).set(bearer(mentor)).expect(200);
    expect(withdrawn.body.purpose).toBe('demographic-monitoring');
    const [entry] = await auditOf('consent.withdrawn', shown.consent.id);
    expect(entry).toMatchObject({ actorUserId: mentor.userId, details: { demographicProfileRemoved: true } });
    const { body: staffView } = await env.http.get(`/people/${mine.id}/demographics`).set(bearer(coordinator)).expect(200);
    expect(staffView).toMatchObject({ profile: null, consent: null });
    // The consent itself stays, withdrawn, as evidence.
    const { body: consents } = await env.http.get('/me/consents').set(bearer(mentor)).expect(200);
    expect(consents.find((c: { id: string }) => c.id === shown.consent.id).withdrawnAt).not.toBeNull();
    // Someone else's answers are untouched.
    expect((await env.http.get(`/people/${theirs.id}/demographics`).set(bearer(coordinator)).expect(200)).body.profile.ethnicity).toBe(WHITE_BRITISH);

    const { body: answered } = await env.http.put('/me/demographics').set(bearer(mentor)).send({ sex: 'Female', disability: 'Prefer not to say', consentGiven: true }).expect(200);
    expect(answered.profile).toMatchObject({ sex: 'Female', disability: 'Prefer not to say', ethnicity: null });
    expect(answered.consent).toMatchObject({ purpose: 'demographic-monitoring', method: 'online-form', recordedBy: null });
    const [recorded] = await auditOf('person.demographics.recorded', mine.id);
    expect(recorded).toMatchObject({ actorUserId: mentor.userId, details: { answered: ['sex', 'disability'], bySelf: true } });
    expect(JSON.stringify(recorded.details)).not.toContain('Female');
  });

  it('never reaches another person’s record, and a login without a person is told so', async () => {
    await env.http.post(`/me/consents/${theirConsentId}/withdraw`).set(bearer(mentor)).expect(404);
    const { body: theirConsents } = await env.http.get(`/people/${theirs.id}/consents`).set(bearer(coordinator)).expect(200);
    expect(theirConsents.every((c: { withdrawnAt: string | null }) => c.withdrawnAt === null)).toBe(true);
    await env.http.patch(`/people/${theirs.id}`).set(bearer(mentor)).send({ email: 'hijack@example.org' }).expect(403);
    await env.http.post(`/people/${theirs.id}/consents/${theirConsentId}/withdraw`).set(bearer(mentor)).expect(403);
    // The request cannot name a person: an id in the body is refused, not followed.
    const { body: named } = await env.http.patch('/me/details').set(bearer(mentor)).send({ id: theirs.id, email: 'x@example.org' }).expect(400);
    expect(named.details.map((d: { field: string }) => d.field)).toEqual(['id']);
    expect((await env.http.get(`/people/${theirs.id}`).set(bearer(coordinator)).expect(200)).body.email).not.toBe('x@example.org');

    for (const call of [
      env.http.get('/me/details'),
      env.http.patch('/me/details').send({ phone: '020 7946 0001' }),
      env.http.post('/me/consents').send({ purpose: 'contact' }),
      env.http.get('/me/data'),
    ]) {
      const { body } = await call.set(bearer(trainer)).expect(404);
      expect(body.code).toBe('NO_LINKED_PERSON');
    }
    // Another organisation's member reaches nothing of this one.
    const outsider = await signUpOrganisation(env);
    await env.http.post(`/me/consents/${theirConsentId}/withdraw`).set(bearer(outsider)).expect(404);
  });

  it('downloads what is held and why as a readable document, and as JSON and CSV without internal ids', async () => {
    const html = await env.http.get('/me/data').query({ format: 'html' }).set(bearer(mentor)).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-disposition']).toBe('attachment; filename="my-data.html"');
    expect(html.headers['content-security-policy']).toContain('sandbox');
    for (const words of ['Your contact details', 'What you have agreed to', 'Your answers to the equality questions', 'Why we hold this:', 'maya.new@example.org', 'text messages, email']) {
      expect(html.text).toContain(words);
    }
    expect(html.text).not.toContain('<script');

    const json = await env.http.get('/me/data').query({ format: 'json' }).set(bearer(mentor)).expect(200);
    const data = JSON.parse(json.text);
    expect(data.person).toBe('Maya Lewis');
    expect(data.sections.details.records[0]).toMatchObject({ email: 'maya.new@example.org', contactBy: 'text messages, email', postcode: 'N7 8JL' });
    expect(data.sections.equalityAnswers.records).toEqual([
      { question: 'Sex', answer: 'Female' },
      { question: 'Disability', answer: 'Prefer not to say' },
    ]);
    // Oldest first: the staff-recorded equality consent (withdrawn), contact given and withdrawn, given again, equality given again.
    expect(data.sections.consents.records.map((c: { purpose: string; withdrawnAt: string | null }) => [c.purpose.split(' ')[0], c.withdrawnAt === null ? 'standing' : 'withdrawn'])).toEqual([
      ['Equality', 'withdrawn'],
      ['To', 'withdrawn'],
      ['To', 'standing'],
      ['Equality', 'standing'],
    ]);

    const csv = await env.http.get('/me/data').query({ format: 'csv' }).set(bearer(mentor)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('table,details,Your contact details');
    expect(csv.text).toContain('table,equalityAnswers,Your answers to the equality questions');

    for (const file of [html.text, json.text, csv.text]) {
      expect(file).not.toMatch(UUID);
      expect(file).not.toContain('Ravi Someone-Else');
    }
    const exports = await auditOf('person.exported', mine.id);
    expect(exports.filter((e) => e.actorUserId === mentor.userId)).toHaveLength(3);
  });
});
