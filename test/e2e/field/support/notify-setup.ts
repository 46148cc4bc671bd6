import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bearer, SignedIn } from '../../../factories/organisations';
import { NotifyStandIn, notifyApiKey } from '../../../../scripts/notify-stand-in';
import type { TestEnvironment } from '../../../support/test-environment';
import { cohortMeetingTomorrow, enrolPeopleInBulk, signUpDaytimeOrganisation } from '../../jobs/support/reminder-seed';

export const CALLBACK_TOKEN = 'callback-token-for-the-tests-0123456789';

/** The organisation's Notify key (accepted by the stand-in), callback token and a text template for every kind, set through the API. */
export async function setUpNotify(env: TestEnvironment, admin: SignedIn, notify: NotifyStandIn): Promise<{ apiKey: string; templates: Record<string, { sms: string }> }> {
  const apiKey = notifyApiKey();
  notify.accept(apiKey);
  const kinds = ['application-confirmation', 'session-tomorrow', 'absence-follow-up', 'supervision-due', 'coordinator-message', 'no-activity', 'check-expiring'];
  const templates = Object.fromEntries(kinds.map((k) => [k, { sms: randomUUID() }]));
  await env.http.put('/notify-settings').set(bearer(admin)).send({ apiKey, callbackToken: CALLBACK_TOKEN, templates }).expect(200);
  return { apiKey, templates };
}

/** People who want texts only, with a phone number each (as the owner: the test is about sending, not entering people). */
export async function preferTexts(env: TestEnvironment, personIds: string[]): Promise<void> {
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE people SET contact_preferences = '{sms}', phone = '07700 9' || lpad((row_number)::text, 5, '0') FROM (SELECT id, row_number() OVER (ORDER BY id) FROM people WHERE id = ANY($1)) n WHERE people.id = n.id`,
      [personIds],
    );
  } finally {
    await db.end();
  }
}

/**
 * An organisation in the daytime with Notify set up and `cohorts` cohorts meeting tomorrow, each
 * with `perCohort` people who want texts: one session-tomorrow text is due to each of them.
 */
export async function textsDueTomorrow(env: TestEnvironment, notify: NotifyStandIn, cohorts: number, perCohort: number, tag: string): Promise<{ admin: SignedIn; people: Array<{ id: string }> }> {
  const admin = await signUpDaytimeOrganisation(env, { organisationName: `Navigators ${tag}` });
  await setUpNotify(env, admin, notify);
  const cohortIds = [];
  for (let i = 1; i <= cohorts; i++) cohortIds.push((await cohortMeetingTomorrow(env, admin, `Cohort ${i}`)).cohortId);
  const people = await enrolPeopleInBulk(env, admin.organisationId, cohortIds, perCohort, tag);
  await preferTexts(
    env,
    people.map((p) => p.id),
  );
  return { admin, people };
}
