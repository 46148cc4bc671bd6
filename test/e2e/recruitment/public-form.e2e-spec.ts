import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { Client } from 'pg';
import { Mailer } from '@steppingstone/notifications';
import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createIntake, createProgramme, IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const RATE_LIMIT = 3;
let address = 0;
/** Each case applies from an address of its own, so the per-address limit only bites where it is tested. */
const freshAddress = () => `203.0.113.${++address}`;

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
}

describe('the public application form', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let db: Client;
  const queue = (name: 'email' | 'outbox') => env.worker!.get<Queue>(getQueueToken(name));
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  /** The public answer carries the short reference a person reads out; staff and the database know the application by its id. */
  const applicationIdOf = async (reference: string) => (await sql(`SELECT id FROM applications WHERE reference = $1`, [reference]))[0].id as string;
  const REFERENCE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
  const finished = (job: Job) =>
    until(
      () => job.getState(),
      (s) => s === 'completed' || s === 'failed',
      `job ${job.name} did not finish`,
    );

  const apply = (slug: string, body: Record<string, unknown>, from = freshAddress()) => env.http.post(`/public/intakes/${slug}/applications`).set('X-Forwarded-For', from).send(body);
  const form = (overrides: Record<string, unknown> = {}) => ({
    name: 'Sam Taylor',
    email: `sam-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`,
    phone: '07700 900123',
    postcode: 'n7 8jl',
    consent: true,
    ...overrides,
  });

  beforeAll(async () => {
    // The test stands in for a proxy on loopback, so each case can apply from an address of its own.
    env = await TestEnvironment.start({ worker: true, smtp: true, env: { PUBLIC_FORM_RATE_LIMIT: String(RATE_LIMIT), TRUST_PROXY: 'loopback' } });
    db = new Client({ connectionString: env.databaseUrl }); // the owner: row-level security hides nothing
    await db.connect();
    admin = await signUpOrganisation(env, { organisationName: 'Hackney Peer Network' });
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  describe('an open intake', () => {
    let intake: IntakeView;
    beforeAll(async () => {
      intake = await openIntake(env, admin);
    });

    it('shows the programme, the intake, its window and the organisation, and nothing else', async () => {
      expect(intake.publicUrl).toBe(`http://localhost:3000/apply/${intake.publicSlug}`);
      const { body } = await env.http.get(`/public/intakes/${intake.publicSlug}`).expect(200);
      expect(body).toEqual({
        organisation: { name: 'Hackney Peer Network' },
        programme: { name: 'Peer Mentor training', description: '12 weeks to a Level 2 qualification in peer mentoring' },
        intake: { name: 'Spring intake', opensOn: '2026-03-02', closesOn: '2026-03-27' },
        open: true,
        notice: null,
      });
    });

    it('records the applicant as a new person with consent, and emails exactly one confirmation', async () => {
      const details = form({ name: 'Samira Taylor', preferredName: 'Sam', dateOfBirth: '1990-04-21' });
      const response = await apply(intake.publicSlug, details).expect(201);
      expect(response.body).toEqual({
        reference: expect.stringMatching(REFERENCE),
        message: expect.stringContaining('Thank you for applying to Peer Mentor training (Spring intake)'),
        equalityStep: { token: expect.any(String), expiresAt: expect.any(String) },
      });
      const applicationId = await applicationIdOf(response.body.reference);

      const listed = await env.http.get(`/applications?intakeId=${intake.id}`).set(bearer(admin)).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: applicationId, source: 'self', stage: 'applied', name: 'Samira Taylor', email: details.email })]);
      const history = await env.http.get(`/applications/${applicationId}`).set(bearer(admin)).expect(200);
      expect(history.body.history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'applied', actorUserId: null })]);
      const personId = listed.body.items[0].personId;
      expect(await sql(`SELECT purpose, method, wording, recorded_by FROM consents WHERE person_id = $1`, [personId])).toEqual([
        { purpose: 'contact', method: 'online-form', wording: 'I agree to be contacted about my application', recorded_by: null },
      ]);
      expect(await sql(`SELECT postcode, contact_preferences FROM people WHERE id = $1`, [personId])).toEqual([{ postcode: 'N7 8JL', contact_preferences: ['email', 'phone'] }]);
      expect(await sql(`SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1`, [applicationId])).toEqual([{ action: 'application.created', actor_user_id: null }]);

      const [mail] = await env.smtp!.waitFor(details.email);
      expect(mail.subject).toBe('Thank you for applying to Peer Mentor training with Hackney Peer Network');
      expect(mail.text).toContain('Dear Sam,');
      expect(mail.text).toContain('Thank you for applying to Peer Mentor training (Spring intake) with Hackney Peer Network.');
      expect(mail.text).toMatch(/We received your application on \w+day \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\./);
      expect(mail.text).toContain("Applications close on 27 March 2026. We'll be in touch after that about the next steps.");
      expect(mail.html).toContain('<p>Dear Sam,</p>');

      // The outbox row was relayed once; its job carried ids only.
      const [row] = await sql(`SELECT job_id, payload, relayed_at FROM outbox WHERE payload->>'applicationId' = $1`, [applicationId]);
      expect(row).toEqual({ job_id: `application-confirmation-${applicationId}`, payload: { organisationId: admin.organisationId, applicationId }, relayed_at: expect.any(Date) });

      // Relayed again, enqueued again under its own id and under another: the delivery log sends nothing more.
      const email = queue('email');
      await sql(`UPDATE outbox SET relayed_at = NULL WHERE job_id = $1`, [row.job_id]);
      expect(await finished(await queue('outbox').add('relay-outbox', {}))).toBe('completed');
      expect(await email.add('application-confirmation', row.payload, { jobId: row.job_id })).toBeDefined();
      const duplicate = await email.add('application-confirmation', row.payload, { jobId: `duplicate-${applicationId}` });
      expect(await finished(duplicate)).toBe('completed');
      expect((await email.getJob(duplicate.id!))!.returnvalue).toBe('already-sent');
      await new Promise((r) => setTimeout(r, 500));
      expect(env.smtp!.to(details.email)).toHaveLength(1);
      expect(await sql(`SELECT key, status, attempts, template, provider_id IS NOT NULL AS has_provider_id FROM deliveries WHERE recipient = $1`, [details.email])).toEqual([
        { key: `application-confirmation:${applicationId}:${details.email}`, status: 'sent', attempts: 1, template: 'application-confirmation', has_provider_id: true },
      ]);
    });

    it('answers a bot that fills the hidden field exactly like a person, and stores and sends nothing', async () => {
      const before = await sql(`SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM applications)::int AS applications, (SELECT count(*) FROM outbox)::int AS outbox`);
      const details = form({ website: 'http://cheap-pills.example' });
      const response = await apply(intake.publicSlug, details).expect(201);
      expect(response.body).toEqual({
        reference: expect.stringMatching(REFERENCE),
        message: expect.stringContaining('Thank you for applying to Peer Mentor training (Spring intake)'),
        equalityStep: { token: expect.any(String), expiresAt: expect.any(String) },
      });
      expect(await sql(`SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM applications)::int AS applications, (SELECT count(*) FROM outbox)::int AS outbox`)).toEqual(before);
      expect(await sql(`SELECT details FROM audit_log WHERE action = 'application.bot-refused'`)).toEqual([{ details: { reason: 'honeypot' } }]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(env.smtp!.to(details.email)).toHaveLength(0);
    });

    it('refuses bad fields with 400, naming each', async () => {
      const refused = async (body: Record<string, unknown>) => (await apply(intake.publicSlug, body).expect(400)).body.details.map((d: { field: string }) => d.field);
      expect(await refused(form({ email: 'not-an-email' }))).toEqual(['email']);
      expect(await refused(form({ name: undefined }))).toContain('name');
      expect(await refused(form({ email: undefined, phone: undefined }))).toEqual(['contact']);
      expect(await refused(form({ consent: false }))).toEqual(['consent']);
      expect(await refused(form({ consent: undefined }))).toEqual(['consent']);
      expect(await refused(form({ favouriteColour: 'green' }))).toEqual(['favouriteColour']);
      expect(await refused(form({ localityId: '7c1f8f2e-4a8e-4c55-9e8f-0a7b6c1d2e3f' }))).toEqual(['localityId']);
      const many = await apply(intake.publicSlug, { email: 'nope', consent: 'yes', postcode: 'nowhere' }).expect(400);
      expect(new Set(many.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['name', 'email', 'postcode', 'consent']));
      expect(many.body.message).toContain('Tick the box to agree to be contacted about your application (“I agree to be contacted about my application”)');
    });

    it('limits applications per address, answering 429 with Retry-After, while other addresses carry on', async () => {
      const from = freshAddress();
      for (let i = 0; i < RATE_LIMIT; i += 1) await apply(intake.publicSlug, form(), from).expect(201);
      const limited = await apply(intake.publicSlug, form(), from).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
      expect(limited.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/^Too many applications from this address; please try again in \d+ minutes$/) });
      await apply(intake.publicSlug, form()).expect(201);
      expect(await sql(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'application.public-form.refused'`)).toEqual([{ count: 1 }]);
    });

    it('keeps the confirmation when the job is lost before it ran: the outbox sweep relays it, once', async () => {
      await env.http.patch('/organisation').set(bearer(admin)).send({ timeZone: 'Pacific/Auckland' }).expect(200);
      const email = queue('email');
      await email.pause();
      const details = form();
      const applicationId = await applicationIdOf((await apply(intake.publicSlug, details).expect(201)).body.reference);
      const jobId = `application-confirmation-${applicationId}`;
      // As if the api died between the commit and the relay, and Redis lost what little it had.
      await (await email.getJob(jobId))?.remove();
      await sql(`UPDATE outbox SET relayed_at = NULL WHERE job_id = $1`, [jobId]);
      await email.resume();

      const sweep = await queue('outbox').add('relay-outbox', {});
      expect(await finished(sweep)).toBe('completed');
      const [mail] = await env.smtp!.waitFor(details.email);
      expect(await finished(await queue('outbox').add('relay-outbox', {}))).toBe('completed');
      // Written in the organisation's time zone, as it was when the email was sent.
      const [{ applied_at: appliedAt }] = await sql(`SELECT applied_at FROM applications WHERE id = $1`, [applicationId]);
      const auckland = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Pacific/Auckland' })
          .formatToParts(appliedAt)
          .map((p) => [p.type, p.value]),
      );
      expect(mail.text).toContain(`We received your application on ${auckland.weekday} ${auckland.day} ${auckland.month} ${auckland.year} at ${auckland.hour}:${auckland.minute}.`);
      await new Promise((r) => setTimeout(r, 500));
      expect(env.smtp!.to(details.email)).toHaveLength(1);
      expect(await sql(`SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`)).toEqual([{ pending: 0 }]);
    });

    it('still takes the application when Redis is away at the time, and the sweep sends the email afterwards', async () => {
      const apiEmailQueue = env.api.get<Queue>(getQueueToken('email'));
      const add = jest.spyOn(apiEmailQueue, 'addBulk').mockRejectedValueOnce(new Error('Connection is closed.'));
      const details = form();
      try {
        const applicationId = await applicationIdOf((await apply(intake.publicSlug, details).expect(201)).body.reference);
        expect(add).toHaveBeenCalledTimes(1);
        expect(await sql(`SELECT relayed_at FROM outbox WHERE job_id = $1`, [`application-confirmation-${applicationId}`])).toEqual([{ relayed_at: null }]);
      } finally {
        add.mockRestore();
      }
      expect(await finished(await queue('outbox').add('relay-outbox', {}))).toBe('completed');
      await env.smtp!.waitFor(details.email);
      expect(env.smtp!.to(details.email)).toHaveLength(1);
    });

    it('adds again a relayed job that Redis lost, and still emails each applicant once', async () => {
      const email = queue('email');
      const before = env.smtp!.messages.length;
      const already = new Set(env.smtp!.messages.map((m) => m.messageId));
      await email.pause();
      const details = form();
      const applicationId = await applicationIdOf((await apply(intake.publicSlug, details).expect(201)).body.reference);
      expect(await email.getJob(`application-confirmation-${applicationId}`)).toBeDefined();
      // Redis loses the queue: this job, relayed and waiting, and the earlier applicants' finished ones.
      await email.obliterate({ force: true });
      await email.resume();

      expect(await finished(await queue('outbox').add('relay-outbox', {}))).toBe('completed'); // nothing pending: no help
      const recovery = await queue('outbox').add('recover-outbox', {});
      expect(await finished(recovery)).toBe('completed');
      const { returnvalue } = (await queue('outbox').getJob(recovery.id!))!;
      expect(returnvalue).toMatchObject({ organisations: 1, requeued: returnvalue.checked });
      expect(returnvalue.requeued).toBeGreaterThan(1);
      await env.smtp!.waitFor(details.email);
      await until(
        () => email.getJobCounts('completed', 'active', 'wait', 'delayed', 'failed'),
        (c) => c.completed === returnvalue.requeued && c.active + c.wait + c.delayed === 0,
        'the requeued jobs did not finish',
      );
      // Only the lost applicant was emailed; the others' reruns found their confirmations already sent.
      expect(env.smtp!.messages.length).toBe(before + 1);
      expect(env.smtp!.messages.filter((m) => !already.has(m.messageId)).map((m) => m.subject)).toEqual(['Thank you for applying to Peer Mentor training with Hackney Peer Network']);
      expect(env.smtp!.to(details.email)).toHaveLength(1);
    });

    it('records a refused send in the delivery log and retries it with backoff; a permanent refusal is not retried', async () => {
      const mailer = env.worker!.get(Mailer, { strict: false });
      const refuse = (responseCode: number) => Object.assign(new Error(`${responseCode} refused for the test`), { responseCode });
      const send = jest.spyOn(mailer, 'send').mockRejectedValueOnce(refuse(421));
      try {
        const later = form();
        await apply(intake.publicSlug, later).expect(201);
        await env.smtp!.waitFor(later.email);
        // The mail server has the message a moment before the worker records it as sent.
        const delivered = await until(
          () => sql(`SELECT status, attempts, error FROM deliveries WHERE recipient = $1`, [later.email]),
          (rows) => (rows as Array<{ status: string }>)[0]?.status === 'sent',
          'the delivery marked sent',
        );
        expect(delivered).toEqual([{ status: 'sent', attempts: 2, error: null }]);

        send.mockRejectedValueOnce(refuse(550));
        const never = form();
        const applicationId = await applicationIdOf((await apply(intake.publicSlug, never).expect(201)).body.reference);
        const job = (await queue('email').getJob(`application-confirmation-${applicationId}`))!;
        expect(await finished(job)).toBe('failed');
        expect((await queue('email').getJob(job.id!))!.attemptsMade).toBe(1);
        expect(await sql(`SELECT status, attempts, error FROM deliveries WHERE recipient = $1`, [never.email])).toEqual([{ status: 'failed', attempts: 1, error: '550 550 refused for the test' }]);
      } finally {
        send.mockRestore();
      }
    });

    it('sweeps the outbox from job schedulers: relay every 10 seconds, recovery every 5 minutes', async () => {
      const schedulers = await queue('outbox').getJobSchedulers();
      expect(schedulers.map((s) => [s.key, Number(s.every)]).sort()).toEqual([
        ['recover-outbox', 300_000],
        ['relay-outbox', 10_000],
      ]);
    });
  });

  describe('an intake that is not open', () => {
    it('refuses a closed intake, saying when it closed', async () => {
      const intake = await openIntake(env, admin);
      await env.http.post(`/intakes/${intake.id}/status`).set(bearer(admin)).send({ status: 'closed' }).expect(200);
      const notice = 'Applications for Peer Mentor training (Spring intake) closed on 27 March 2026.';
      expect((await env.http.get(`/public/intakes/${intake.publicSlug}`).expect(200)).body).toMatchObject({ open: false, notice });
      const refused = await apply(intake.publicSlug, form()).expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, message: notice });
    });

    it('refuses a draft intake as not open yet', async () => {
      const programme = await createProgramme(env, admin, { name: 'Community Champions' });
      const intake = await createIntake(env, admin, programme.id, { name: 'Autumn intake' });
      const refused = await apply(intake.publicSlug, form()).expect(409);
      expect(refused.body.message).toBe('Applications for Community Champions (Autumn intake) are not open yet.');
    });

    it('answers 404 for a link that is not an intake, however it is spelled', async () => {
      for (const slug of ['AAAAAAAAAAAAAAAA', 'x', 'has%20spaces%20in%20it', "quote'inside0000"]) {
        const missing = await env.http.get(`/public/intakes/${slug}`).expect(404);
        expect(missing.body.message).toBe('There is no application form at this address; check the link you were given');
        await apply(slug, form()).expect(404);
      }
    });
  });
});
