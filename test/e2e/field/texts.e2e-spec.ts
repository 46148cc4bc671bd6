import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bearer } from '../../factories/organisations';
import { NotifyStandIn } from '../../../scripts/notify-stand-in';
import { TestEnvironment } from '../../support/test-environment';
import { drained, runReconciler } from '../jobs/support/queues';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from '../jobs/support/reminder-seed';
import { CALLBACK_TOKEN, preferTexts, setUpNotify } from './support/notify-setup';

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('text messages through GOV.UK Notify (the local stand-in)', () => {
  let notify: NotifyStandIn;
  let env: TestEnvironment;
  let db: Client;
  const reminders = () => env.worker!.get<Queue>(getQueueToken('reminders'));
  const deliveries = async (organisationId: string) =>
    (await db.query(`SELECT key, channel, recipient, status, provider_id, attempts, error, receipt_status FROM deliveries WHERE organisation_id = $1 ORDER BY key`, [organisationId])).rows;

  beforeAll(async () => {
    notify = await new NotifyStandIn().start();
    env = await TestEnvironment.start({ worker: true, smtp: true, env: { NOTIFY_BASE_URL: notify.url, REMINDERS_RECONCILE_SECONDS: '86400', OUTBOX_RELAY_SECONDS: '1' } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
    await notify?.stop();
  });

  it('sends one text per due session reminder to people who prefer texts, each with its delivery key as the Notify reference, however often the reconciler runs; their delivery receipts update the log', async () => {
    const admin = await signUpDaytimeOrganisation(env, { organisationName: 'Bolton Peer Navigators' });
    const { templates } = await setUpNotify(env, admin, notify);
    const { cohortId } = await cohortMeetingTomorrow(env, admin, 'Navigators, cohort 1');
    const people = await enrolPeopleInBulk(env, admin.organisationId, [cohortId], 20, 'texts');
    await preferTexts(
      env,
      people.map((p) => p.id),
    );

    await runReconciler(reminders());
    await runReconciler(reminders());
    await notify.waitForMessages(20);
    await runReconciler(reminders());
    await drained(reminders());

    expect(notify.messages).toHaveLength(20);
    expect(env.smtp!.messages).toHaveLength(0);
    const rows = await deliveries(admin.organisationId);
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(row).toMatchObject({ channel: 'sms', status: 'sent', receipt_status: null });
    // The reference Notify was given is the delivery's natural key; Notify's id is recorded against it.
    expect(notify.messages.map((m) => m.reference).sort()).toEqual(rows.map((r) => r.key));
    for (const message of notify.messages) {
      expect(rows.find((r) => r.key === message.reference)!.provider_id).toBe(message.id);
      expect(message.templateId).toBe(templates['session-tomorrow'].sms);
      expect(message.body).toMatch(
        /^Hi Participant texts-0-\d+, a reminder that your Navigators, cohort 1 session is tomorrow, \w+day \d{1,2} \w+ \d{4}, at 18:00 at Community Centre, 1 Mare Street\./,
      );
    }

    const callback = `${await env.listen()}/notify/${admin.organisationId}/delivery-receipts`;
    expect(await notify.sendReceipt(callback, 'not-the-token-0123456789', notify.messages[0])).toBe(404);
    for (const [i, message] of notify.messages.entries()) expect(await notify.sendReceipt(callback, CALLBACK_TOKEN, message, i === 0 ? 'permanent-failure' : 'delivered')).toBe(204);
    const receipts = (await deliveries(admin.organisationId)).map((r) => r.receipt_status);
    expect(receipts.filter((s) => s === 'delivered')).toHaveLength(19);
    expect(receipts.filter((s) => s === 'permanent-failure')).toHaveLength(1);
    const failed = (await env.http.get('/deliveries').query({ pageSize: 50 }).set(bearer(admin)).expect(200)).body.items.filter(
      (d: { receiptStatus: string }) => d.receiptStatus === 'permanent-failure',
    );
    expect(failed).toHaveLength(1);
  }, 120_000);

  it('retries the texts Notify throttles (429) with backoff, and sends each once', async () => {
    const admin = await signUpDaytimeOrganisation(env, { organisationName: 'Throttled Navigators' });
    await setUpNotify(env, admin, notify);
    const { cohortId } = await cohortMeetingTomorrow(env, admin, 'Throttled cohort');
    const people = await enrolPeopleInBulk(env, admin.organisationId, [cohortId], 6, 'throttled');
    await preferTexts(
      env,
      people.map((p) => p.id),
    );
    const before = notify.messages.length;
    notify.throttleNext = 4;

    await runReconciler(reminders());
    await until('six texts at the stand-in', async () => notify.messages.length - before >= 6);
    await drained(reminders());

    expect(notify.throttleNext).toBe(0);
    const mine = notify.messages.slice(before);
    expect(mine).toHaveLength(6);
    expect(new Set(mine.map((m) => m.reference)).size).toBe(6);
    const rows = await deliveries(admin.organisationId);
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('sent'));
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBe(6 + 4);
  }, 120_000);

  it('records texts a refused key (403) could not send as failed without retrying them; once the key is put right an admin’s retry sends each once', async () => {
    const admin = await signUpDaytimeOrganisation(env, { organisationName: 'Refused Navigators' });
    await setUpNotify(env, admin, notify);
    const { cohortId } = await cohortMeetingTomorrow(env, admin, 'Refused cohort');
    const people = await enrolPeopleInBulk(env, admin.organisationId, [cohortId], 3, 'refused');
    await preferTexts(
      env,
      people.map((p) => p.id),
    );
    const before = notify.messages.length;
    notify.refusing = true;

    await runReconciler(reminders());
    await until('three failed deliveries', async () => (await deliveries(admin.organisationId)).filter((r) => r.status === 'failed').length === 3);
    await drained(reminders());
    notify.refusing = false;
    const failed = await deliveries(admin.organisationId);
    for (const row of failed) expect(row).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('403 AuthError: Invalid token: API key revoked') });
    expect(notify.messages.length).toBe(before);

    const { body } = await env.http.get('/deliveries').query({ status: 'failed' }).set(bearer(admin)).expect(200);
    for (const delivery of body.items) await env.http.post(`/deliveries/${delivery.id}/retry`).set(bearer(admin)).expect(202);
    for (const delivery of body.items)
      await env.http
        .post(`/deliveries/${delivery.id}/retry`)
        .set(bearer(admin))
        .expect((r) => expect([202, 409]).toContain(r.status));
    await until('three texts after the retry', async () => notify.messages.length - before >= 3);
    await until('three sent deliveries', async () => (await deliveries(admin.organisationId)).every((r) => r.status === 'sent'));
    await drained(reminders());
    const mine = notify.messages.slice(before);
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((m) => m.reference)).size).toBe(3);
  }, 120_000);

  it('keeps the Notify key and callback token to itself: the settings say only that they are set', async () => {
    const admin = await signUpDaytimeOrganisation(env, { organisationName: 'Secretive Navigators' });
    const { apiKey } = await setUpNotify(env, admin, notify);
    const { body, text } = await env.http.get('/notify-settings').set(bearer(admin)).expect(200);
    expect(body).toMatchObject({
      apiKeySet: true,
      callbackTokenSet: true,
      apiKeyName: apiKey.slice(0, -37),
      callbackUrl: expect.stringContaining(`/notify/${admin.organisationId}/delivery-receipts`),
    });
    expect(text).not.toContain(apiKey.slice(-36));
    expect(text).not.toContain(CALLBACK_TOKEN);
    const { rows } = await db.query(`SELECT api_key_sealed, callback_token_sealed FROM notify_settings WHERE organisation_id = $1`, [admin.organisationId]);
    expect(rows[0].api_key_sealed).not.toContain(apiKey.slice(-36));
    await env.http.put('/notify-settings').set(bearer(admin)).send({ apiKey: 'not a key' }).expect(400);
  });
});
