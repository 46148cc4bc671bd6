import { Client } from 'pg';
import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const REFERENCE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
const CONTACT = 'Enter an email address, a phone number or a postal address, so that we can contact you';

describe('the public form takes everyone: phone-only and post-only applicants, plain messages, a reference to read out', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let intake: IntakeView;
  let db: Client;
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  const apply = (body: Record<string, unknown>) => env.http.post(`/public/intakes/${intake.publicSlug}/applications`).send({ consent: true, ...body });
  const details = (response: { body: { details: Array<{ field: string; rule: string; message: string }> } }) => response.body.details.map((d) => [d.field, d.rule, d.message]);

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true, env: { PUBLIC_FORM_RATE_LIMIT: '1000' } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators' });
    intake = await openIntake(env, admin);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('accepts a phone-only application: a reference of 8 unambiguous characters stored on the application, reached by phone, no email queued', async () => {
    const response = await apply({ name: 'Pat Mellor', phone: '07700 900461', email: '' }).expect(201);
    const { reference, message, equalityStep } = response.body;
    expect(reference).toMatch(REFERENCE);
    expect(message).toBe(
      `Thank you for applying to Peer Mentor training (Spring intake). Your reference is ${reference}: please write it down and quote it if you contact us. We'll be in touch by phone about the next steps.`,
    );
    expect(equalityStep).toEqual({ token: expect.stringMatching(/^[\w-]{32}$/), expiresAt: expect.any(String) });

    const [stored] = await sql(
      `SELECT a.id, a.source, a.channel, p.email, p.phone, p.contact_preferences, (SELECT count(*)::int FROM consents c WHERE c.person_id = p.id AND c.purpose = 'contact') AS consents
         FROM applications a JOIN people p ON p.id = a.person_id WHERE a.reference = $1`,
      [reference],
    );
    expect(stored).toMatchObject({ source: 'self', channel: 'online', email: null, phone: '07700 900461', contact_preferences: ['phone'], consents: 1 });
    expect(await sql(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'applicationId' = $1`, [stored.id])).toEqual([{ n: 0 }]);

    // Read out on the phone in lower case with a space, the reference finds the application.
    const spoken = `${reference.slice(0, 4).toLowerCase()} ${reference.slice(4)}`;
    const found = await env.http.get('/applications').query({ q: spoken }).set(bearer(admin)).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ id: stored.id, reference, name: 'Pat Mellor', phone: '07700 900461', email: null, channel: 'online' })]);
  });

  it('accepts an application with only a postal address, to be reached by post', async () => {
    const { body } = await apply({ name: 'Les Gray', address: '14 Chorley Old Road,  Bolton', postcode: 'bl1 3aa' }).expect(201);
    expect(body.message).toContain("We'll be in touch by post about the next steps.");
    expect(await sql(`SELECT p.address, p.postcode, p.contact_preferences FROM applications a JOIN people p ON p.id = a.person_id WHERE a.reference = $1`, [body.reference])).toEqual([
      { address: '14 Chorley Old Road\nBolton', postcode: 'BL1 3AA', contact_preferences: ['post'] },
    ]);
  });

  it('refuses an application with no way to reach the person with one message, and a blank email says nothing about its length', async () => {
    const refused = await apply({ name: 'No Contact', email: '', phone: '  ' }).expect(400);
    expect(details(refused)).toEqual([['contact', 'atLeastOne', CONTACT]]);
    expect(JSON.stringify(refused.body)).not.toMatch(/shorter than or equal to|must be an email/);
  });

  it('gives one plain sentence per field, naming the field, whatever else is wrong with it', async () => {
    const refused = await apply({ name: '', email: `${'x'.repeat(330)}@`, phone: 'call me', postcode: 'nowhere', dateOfBirth: '2090-01-01', consent: false }).expect(400);
    expect(details(refused)).toEqual([
      ['name', 'isNotEmpty', 'Enter your full name'],
      ['email', 'isEmail', 'Enter an email address in the correct format, like name@example.com'],
      ['phone', 'isPhone', 'Enter a phone number, like 07700 900 982 or +44 7700 900 982'],
      ['postcode', 'isPostcode', 'Enter a real postcode, like N1 9GU'],
      ['dateOfBirth', 'isDateOfBirth', 'Date of birth must be a real date in the past, like 1990-04-21'],
      ['consent', 'equals', 'Tick the box to agree to be contacted about your application (“I agree to be contacted about my application”)'],
    ]);
  });

  it('sends the reference in the confirmation email when there is an email address', async () => {
    const email = `kim-${Date.now()}@example.org`;
    const { body } = await apply({ name: 'Kim Lowe', email }).expect(201);
    expect(body.message).toBe(
      `Thank you for applying to Peer Mentor training (Spring intake). Your reference is ${body.reference}. We'll email you a confirmation, and be in touch about the next steps.`,
    );
    const [mail] = await env.smtp!.waitFor(email);
    expect(mail.text).toContain(`Your reference: ${body.reference}. Quote it if you call or write to us.`);
    expect(mail.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('finds phone-only applicants who applied twice: same phone however written, and same name and date of birth', async () => {
    const first = await apply({ name: 'Jo Hartley', phone: '07700 900777', dateOfBirth: '1971-05-02' }).expect(201);
    const second = await apply({ name: 'jo  hartley', phone: '+44 7700 900777', dateOfBirth: '1971-05-02' }).expect(201);
    // A new number, but the same name and date of birth.
    const third = await apply({ name: 'Jo Hartley', phone: '01204 333444', dateOfBirth: '1971-05-02' }).expect(201);
    const ids = Object.fromEntries(
      (await sql(`SELECT a.reference, a.person_id FROM applications a WHERE a.reference = ANY($1)`, [[first.body.reference, second.body.reference, third.body.reference]])).map((r) => [
        r.reference,
        r.person_id,
      ]),
    );
    const [a, b, c] = [ids[first.body.reference], ids[second.body.reference], ids[third.body.reference]];
    const pairs = (await env.http.get('/people/duplicates').query({ pageSize: 100 }).set(bearer(admin)).expect(200)).body.items as Array<{ people: Array<{ id: string }>; matchedOn: string[] }>;
    const pair = (x: string, y: string) =>
      pairs.find(
        (p) =>
          p.people
            .map((q) => q.id)
            .sort()
            .join() === [x, y].sort().join(),
      )?.matchedOn;
    expect(pair(a, b)).toEqual(['nameAndDateOfBirth', 'phone']);
    expect(pair(a, c)).toEqual(['nameAndDateOfBirth']);
    expect(pair(b, c)).toEqual(['nameAndDateOfBirth']);

    // A coordinator entering the same person again is told, naming the match.
    const entered = await env.http
      .post(`/intakes/${intake.id}/applications`)
      .set(bearer(admin))
      .send({
        channel: 'phone',
        receivedOn: new Date().toISOString().slice(0, 10),
        person: { name: 'Jo Hartley', dateOfBirth: '1971-05-02' },
        contactConsent: { method: 'verbal', givenOn: new Date().toISOString().slice(0, 10) },
      })
      .expect(409);
    expect(entered.body).toMatchObject({ code: 'POSSIBLE_DUPLICATE', duplicates: expect.arrayContaining([expect.objectContaining({ personId: a, matchedOn: ['nameAndDateOfBirth'] })]) });
  });

  it('gives every application a reference of its own', async () => {
    const references = new Set<string>();
    for (let i = 0; i < 20; i++) references.add((await apply({ name: `Caller ${i}`, phone: `07700 9${String(i).padStart(5, '0')}` }).expect(201)).body.reference);
    expect(references.size).toBe(20);
    const [{ n }] = await sql(`SELECT count(DISTINCT reference)::int AS n FROM applications WHERE reference = ANY($1)`, [[...references]]);
    expect(n).toBe(20);
  });
});
