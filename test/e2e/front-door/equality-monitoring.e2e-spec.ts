import { Client } from 'pg';
import { EQUALITY_CONSENT_WORDING } from '@steppingstone/people';
import { importCensus } from '../../factories/census';
import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

interface Gap {
  dimension: string;
  categories: Array<{ category: string; count: number }>;
  undisclosed: Array<{ category: string; count: number }>;
}

describe('equality monitoring after a public application, with its own consent', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let intake: IntakeView;
  let db: Client;
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  const apply = (body: Record<string, unknown>, slug = intake.publicSlug) =>
    env.http
      .post(`/public/intakes/${slug}/applications`)
      .send({ consent: true, ...body })
      .expect(201);
  const answer = (token: string, body: Record<string, unknown>, slug = intake.publicSlug) => env.http.post(`/public/intakes/${slug}/equality-answers`).send({ token, ...body });
  /** Every count the gap analysis shows, dimension → category → count (undisclosed groups included). */
  const counts = async (): Promise<Record<string, Record<string, number>>> => {
    const { body } = await env.http
      .post('/representativeness/gap-analysis')
      .set(bearer(admin))
      .send({ intakeId: intake.id, dimensions: ['sex', 'ethnicity', 'ethnicity_broad', 'disability_broad', 'religion', 'age_18plus'], referenceDate: '2026-03-01' })
      .expect(200);
    return Object.fromEntries(
      (body.dimensions as Gap[]).map((d) => [d.dimension, Object.fromEntries([...d.categories, ...d.undisclosed].filter((c) => c.count > 0).map((c) => [c.category, c.count]))]),
    );
  };
  const personOf = async (reference: string) => (await sql(`SELECT person_id FROM applications WHERE reference = $1`, [reference]))[0].person_id as string;

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { PUBLIC_FORM_RATE_LIMIT: '1000' } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { boroughCode: 'E09000019' });
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'disability_by_la.csv', 'religion_by_la.csv']);
    intake = await openIntake(env, admin);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('publishes one question set in Census 2021 wording, every question with "Prefer not to say", and the consent text, purpose and who sees the answers', async () => {
    const { body } = await env.http.get('/public/equality-questions').expect(200);
    expect(body.consent).toEqual({
      wording: EQUALITY_CONSENT_WORDING,
      purpose: expect.stringContaining('reaches everyone in the borough'),
      whoSees: expect.stringContaining('coordinators and administrators'),
      optional: expect.any(String),
    });
    expect(body.consent.wording).not.toBe('I agree to be contacted about my application');
    const fields = body.questions.map((q: { field: string }) => q.field);
    expect(fields).toEqual(['sex', 'dateOfBirth', 'ethnicity', 'disability', 'religion', 'genderIdentity', 'sexualOrientation']);
    for (const question of body.questions) expect(question.options.map((o: { value: string }) => o.value)).toContain('Prefer not to say');
    const ethnicity = body.questions.find((q: { field: string }) => q.field === 'ethnicity');
    expect(ethnicity.question).toBe('What is your ethnic group?');
    expect(ethnicity.groups.flatMap((g: { options: unknown[] }) => g.options)).toHaveLength(19);
    expect(ethnicity.groups.map((g: { heading: string }) => g.heading)).toEqual([
      'White',
      'Mixed or Multiple ethnic groups',
      'Asian, Asian British or Asian Welsh',
      'Black, Black British, Black Welsh, Caribbean or African',
      'Other ethnic group',
    ]);
    expect(ethnicity.groups[0].options[4]).toEqual({ value: 'White: Other White', label: 'Any other White background', writeIn: 'ethnicityOther', hint: expect.any(String) });
    const byField = (field: string) => body.questions.find((q: { field: string }) => q.field === field);
    expect(byField('genderIdentity')).toMatchObject({ askedOf: 'aged 16 and over', question: 'Is the gender you identify with the same as your sex registered at birth?', comparesWith: null });
    expect(byField('sexualOrientation')).toMatchObject({ askedOf: 'aged 16 and over', question: 'Which of the following best describes your sexual orientation?' });
    expect(byField('disability').options.map((o: { value: string }) => o.value)).toEqual([
      'Disabled under the Equality Act: Day-to-day activities limited a lot',
      'Disabled under the Equality Act: Day-to-day activities limited a little',
      'Not disabled under the Equality Act: Has long term physical or mental health condition but day-to-day activities are not limited',
      'Not disabled under the Equality Act: No long term physical or mental health conditions',
      'Prefer not to say',
    ]);
    expect(byField('dateOfBirth').alternative.options.map((o: { value: string }) => o.value)).toEqual(['Under 18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'Prefer not to say']);
  });

  it('keeps answers given with consent as the applicant’s profile, which counts in the gap analysis at once; without consent it keeps nothing', async () => {
    const ada = (await apply({ name: 'Ada Mensah', phone: '07700 900201' })).body;
    const ben = (await apply({ name: 'Ben Cole', phone: '07700 900202' })).body;
    const cy = (await apply({ name: 'Cy Novak', phone: '07700 900203' })).body;
    const before = await counts();
    expect(before.sex).toEqual({ 'Not recorded': 3 });

    // No consent: refused, nothing kept, and the token still works once the box is ticked.
    const refused = await answer(cy.equalityStep.token, { consent: false, answers: { sex: 'Male', religion: 'Christian' } }).expect(400);
    expect(refused.body).toMatchObject({ code: 'CONSENT_REQUIRED', details: [{ field: 'consent' }] });
    const missing = await answer(cy.equalityStep.token, { answers: { sex: 'Male' } }).expect(400);
    expect(missing.body.code).toBe('CONSENT_REQUIRED');
    expect(await counts()).toEqual(before);
    expect(await sql(`SELECT count(*)::int AS n FROM consents WHERE person_id = $1 AND purpose = 'demographic-monitoring'`, [await personOf(cy.reference)])).toEqual([{ n: 0 }]);

    const given = await answer(ada.equalityStep.token, {
      consent: true,
      answers: {
        sex: 'Female',
        dateOfBirth: '1994-06-30',
        ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: African',
        ethnicityOther: 'Somali',
        disability: 'Disabled under the Equality Act: Day-to-day activities limited a little',
        religion: 'Muslim',
        genderIdentity: 'Same as sex registered at birth',
        sexualOrientation: 'Prefer not to say',
      },
    }).expect(201);
    expect(given.body).toEqual({ recorded: true, message: expect.any(String) });
    await answer(ben.equalityStep.token, {
      consent: true,
      answers: { sex: 'Prefer not to say', ageBand: '25-34', ethnicity: 'Prefer not to say', disability: 'Prefer not to say', religion: 'Prefer not to say' },
    }).expect(201);

    const after = await counts();
    expect(after.sex).toEqual({ Female: 1, 'Prefer not to say': 1, 'Not recorded': 1 });
    expect(after.ethnicity).toEqual({ 'Black, Black British, Black Welsh, Caribbean or African: African': 1, 'Prefer not to say': 1, 'Not recorded': 1 });
    expect(after.ethnicity_broad).toEqual({ Black: 1, 'Prefer not to say': 1, 'Not recorded': 1 });
    expect(after.disability_broad).toEqual({ 'Disabled under the Equality Act': 1, 'Prefer not to say': 1, 'Not recorded': 1 });
    expect(after.religion).toEqual({ Muslim: 1, 'Prefer not to say': 1, 'Not recorded': 1 });
    // Ada's age from her date of birth (31 on 1 March 2026), Ben's from the age group he chose.
    expect(after.age_18plus).toEqual({ '25-34': 2, 'Not recorded': 1 });

    // The profile rests on a consent of its own, with the words the applicant ticked, beside the consent to be contacted.
    const adaId = await personOf(ada.reference);
    expect(await sql(`SELECT purpose, method, wording, recorded_by FROM consents WHERE person_id = $1 ORDER BY purpose`, [adaId])).toEqual([
      { purpose: 'contact', method: 'online-form', wording: 'I agree to be contacted about my application', recorded_by: null },
      { purpose: 'demographic-monitoring', method: 'online-form', wording: EQUALITY_CONSENT_WORDING, recorded_by: null },
    ]);
    const profile = await env.http.get(`/people/${adaId}/demographics`).set(bearer(admin)).expect(200);
    expect(profile.body.profile).toMatchObject({ sex: 'Female', ethnicityOther: 'Somali', sexualOrientation: 'Prefer not to say', ageBand: null });
    expect(profile.body.consent).toMatchObject({ purpose: 'demographic-monitoring', wording: EQUALITY_CONSENT_WORDING });
    expect((await env.http.get(`/people/${adaId}`).set(bearer(admin)).expect(200)).body.dateOfBirth).toBe('1994-06-30');
    // The audit log names the questions answered, never the answers.
    const [entry] = await sql(`SELECT actor_user_id, details FROM audit_log WHERE action = 'person.demographics.recorded' AND entity_id = $1`, [adaId]);
    expect(entry.actor_user_id).toBeNull();
    expect(entry.details.answered).toEqual(expect.arrayContaining(['dateOfBirth', 'sex', 'ethnicity', 'ethnicityOther']));
    expect(JSON.stringify(entry.details)).not.toMatch(/Somali|Female|Muslim/);

    // Cy ticks the box after all: the same token now works.
    await answer(cy.equalityStep.token, { consent: true, answers: { sex: 'Male' } }).expect(201);
    expect((await counts()).sex).toEqual({ Female: 1, Male: 1, 'Prefer not to say': 1 });
  });

  it('authorises the step only by the token of an application just made to this intake: once, not after it expires, never by an application id', async () => {
    const dee = (await apply({ name: 'Dee Ray', phone: '07700 900204' })).body;
    const other = await openIntake(env, admin);
    const invalid = { code: 'EQUALITY_STEP_INVALID', statusCode: 403 };

    await answer(dee.equalityStep.token, { consent: true, answers: { sex: 'Female' } }, other.publicSlug).expect(403);
    const applicationId = (await sql(`SELECT id FROM applications WHERE reference = $1`, [dee.reference]))[0].id as string;
    for (const token of [applicationId, dee.reference, 'A'.repeat(32), `${dee.equalityStep.token}x`]) {
      expect((await answer(token, { consent: true, answers: { sex: 'Female' } }).expect(403)).body).toMatchObject(invalid);
    }
    await answer(dee.equalityStep.token, { consent: true, answers: { sex: 'Female' } }).expect(201);
    expect((await answer(dee.equalityStep.token, { consent: true, answers: { sex: 'Male' } }).expect(403)).body).toMatchObject(invalid);
    expect(
      (
        await env.http
          .get(`/people/${await personOf(dee.reference)}/demographics`)
          .set(bearer(admin))
          .expect(200)
      ).body.profile.sex,
    ).toBe('Female');

    const eve = (await apply({ name: 'Eve Hart', phone: '07700 900205' })).body;
    await sql(`UPDATE equality_step_tokens SET expires_at = now() - interval '1 second' WHERE application_id = (SELECT id FROM applications WHERE reference = $1)`, [eve.reference]);
    expect((await answer(eve.equalityStep.token, { consent: true, answers: { sex: 'Female' } }).expect(403)).body).toMatchObject(invalid);
    // Only the token's hash is kept.
    expect(await sql(`SELECT count(*)::int AS n FROM equality_step_tokens WHERE token_hash = $1`, [eve.equalityStep.token])).toEqual([{ n: 0 }]);
  });

  it('refuses answers outside the census lists, a write-in without its answer, and gender identity or sexual orientation for someone under 16', async () => {
    const fay = (await apply({ name: 'Fay Lund', phone: '07700 900206' })).body;
    const wrong = await answer(fay.equalityStep.token, { consent: true, answers: { sex: 'Other', ethnicity: 'Martian' } }).expect(400);
    expect(wrong.body.details).toEqual([
      { field: 'answers.sex', rule: 'isIn', message: 'Choose your sex from the list, or “Prefer not to say”' },
      { field: 'answers.ethnicity', rule: 'isIn', message: 'Choose your ethnic group from the list, or “Prefer not to say”' },
    ]);
    expect(JSON.stringify(wrong.body)).not.toContain('Martian');
    const writeIn = await answer(fay.equalityStep.token, { consent: true, answers: { ethnicity: 'White: Irish', ethnicityOther: 'Cornish' } }).expect(400);
    expect(writeIn.body).toMatchObject({ code: 'INVALID_DEMOGRAPHIC_ANSWER', details: [{ field: 'ethnicityOther', rule: 'writeInAnswer' }] });
    const young = await answer(fay.equalityStep.token, {
      consent: true,
      answers: { dateOfBirth: new Date(Date.now() - 15 * 365.25 * 86_400_000).toISOString().slice(0, 10), genderIdentity: 'Same as sex registered at birth' },
    }).expect(400);
    expect(young.body).toMatchObject({ code: 'INVALID_DEMOGRAPHIC_ANSWER', details: [{ field: 'genderIdentity', rule: 'agedSixteenOrOver' }] });
    // None of these spent the token.
    await answer(fay.equalityStep.token, { consent: true, answers: { ethnicity: 'White: Other White', ethnicityOther: 'Cornish' } }).expect(201);
  });
});
