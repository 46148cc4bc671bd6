import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';
import { MailSink } from './support/mail-sink';
import { drained, runReconciler } from './support/queues';
import { cohortMeetingTomorrow, enrolPeopleInBulk, SeededPerson } from './support/reminder-seed';
import { zoneAt } from './support/time-zones';

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface DeliveryItem {
  id: string;
  recipient: string;
  template: string;
  status: string;
  attempts: number;
  error: string | null;
  retriable: boolean;
}

/** A reminder the mail server refused for good stays failed in the delivery log, where an admin sees it and sends it again. */
describe('failed deliveries: the admin list and retry', () => {
  let env: TestEnvironment;
  let sink: MailSink;
  let db: Client;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let mentor: SignedIn;
  let people: SeededPerson[];
  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));
  const count = async (status: string) => (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE organisation_id = $1 AND status = $2`, [admin.organisationId, status])).rows[0].n as number;
  const list = (who: SignedIn, query = '?status=failed') => env.http.get(`/deliveries${query}`).set(bearer(who));
  const retry = (who: SignedIn, id: string) => env.http.post(`/deliveries/${id}/retry`).set(bearer(who));
  /** Reminders that reached the mail server (the new members' invitations went before it began refusing). */
  const reminderMessages = () => sink.messages.filter((m) => people.some((p) => p.email === m.to));

  beforeAll(async () => {
    sink = await new MailSink().start();
    env = await TestEnvironment.start({ worker: true, env: { SMTP_PORT: String(sink.port) } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();

    admin = await signUpOrganisation(env, { organisationName: 'Leeds Peer Network' });
    // A zone where it is daytime now, so the reminders go at once whenever the test runs (not held for 08:00).
    const zone = zoneAt(9, 20);
    await env.http.patch('/organisation').set(bearer(admin)).send({ timeZone: zone }).expect(200);
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
    const { cohortId } = await cohortMeetingTomorrow(env, admin, 'Tuesday group', zone);
    people = await enrolPeopleInBulk(env, admin.organisationId, [cohortId], 2, 'refused-for-good');

    // A permanent refusal (550): retrying cannot change it, so each reminder fails after one attempt.
    sink.refusalCode = 550;
    sink.refusing = true;
    await runReconciler(reminders());
    await until(async () => (await count('failed')) === 2, 'both reminders failed');
    await drained(reminders());
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await env?.close();
    await sink?.stop();
  });

  it('lists the failed deliveries, paginated, to admins and coordinators', async () => {
    const { body } = await list(admin).expect(200);
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(body.items.map((d: DeliveryItem) => d.recipient).sort()).toEqual(people.map((p) => p.email).sort());
    for (const item of body.items as DeliveryItem[]) {
      expect(item).toMatchObject({ template: 'session-tomorrow', status: 'failed', attempts: 1, retriable: true, error: expect.stringContaining('550') });
      expect(Object.keys(item)).not.toContain('job');
    }
    const firstPage = await list(admin, '?status=failed&pageSize=1').expect(200);
    const secondPage = await list(admin, '?status=failed&pageSize=1&page=2').expect(200);
    expect([firstPage.body.items.length, secondPage.body.items.length, firstPage.body.total]).toEqual([1, 1, 2]);
    expect(firstPage.body.items[0].id).not.toBe(secondPage.body.items[0].id);
    expect((await list(coordinator).expect(200)).body.total).toBe(2);
    expect((await list(admin, '?status=sent').expect(200)).body.total).toBe(0);
    expect(reminderMessages()).toHaveLength(0);
  });

  it('refuses trainers and mentors, coordinators the retry, and bad input with the field and rule', async () => {
    const { body } = await list(admin).expect(200);
    const id = body.items[0].id;
    for (const who of [trainer, mentor]) {
      await list(who).expect(403);
      await retry(who, id).expect(403);
    }
    await retry(coordinator, id).expect(403);

    const badStatus = await list(admin, '?status=lost').expect(400);
    expect(badStatus.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'status', message: expect.stringContaining('status must be one of sending, sent, failed, skipped') })]),
    );
    const badPage = await list(admin, '?pageSize=0').expect(400);
    expect(badPage.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'pageSize' })]));
    await retry(admin, 'not-a-uuid').expect(400);
    await retry(admin, '6f1c0c5e-0000-4000-8000-000000000009').expect(404);

    // Another organisation sees none of it, and another organisation's id is not found.
    const outsider = await signUpOrganisation(env);
    expect((await list(outsider).expect(200)).body.total).toBe(0);
    await retry(outsider, id).expect(404);
  });

  it('sends a retried delivery once, however often retry is pressed, and audit-logs it; the other stays failed', async () => {
    const { body } = await list(admin).expect(200);
    const [chosen, left] = body.items as DeliveryItem[];
    sink.refusing = false;

    const presses = await Promise.all([retry(admin, chosen.id), retry(admin, chosen.id)]);
    expect(presses.map((r) => r.status)).toContain(202);
    for (const press of presses) expect([202, 409]).toContain(press.status);
    await until(async () => reminderMessages().length >= 1, 'the retried reminder delivered');
    await until(async () => (await count('sent')) === 1, 'the retried delivery recorded as sent');
    await drained(reminders());
    await new Promise((r) => setTimeout(r, 500));

    expect(reminderMessages().map((m) => m.to)).toEqual([chosen.recipient]);
    const sent = await env.http.get(`/deliveries/${chosen.id}`).set(bearer(admin)).expect(200);
    expect(sent.body).toMatchObject({ status: 'sent', attempts: 2, error: null, retriable: false });
    const again = await retry(admin, chosen.id).expect(409);
    expect(again.body.message).toContain('Only a failed delivery can be retried');

    // The reconciler does not resend the failed one behind the admin's back: it stays failed and listed.
    await runReconciler(reminders());
    await drained(reminders());
    await new Promise((r) => setTimeout(r, 500));
    expect(reminderMessages()).toHaveLength(1);
    const remaining = await list(admin).expect(200);
    expect(remaining.body.items.map((d: DeliveryItem) => d.id)).toEqual([left.id]);

    const audit = await env.http.get('/audit-log?action=delivery.retried').set(bearer(admin)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ entityType: 'delivery', entityId: chosen.id });
    expect(audit.body.total).toBe(presses.filter((r) => r.status === 202).length);
  }, 90_000);
});
