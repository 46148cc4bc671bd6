/**
 * Work in the field for the demo: GOV.UK Notify set up against the local stand-in, trainees who want
 * texts and a coordinator's message to their cohort, the demo mentor's logged activity, expense
 * claims (one exported in a payment batch) and safety checks (one expiring soon); and Bolton's peer
 * navigators, whose approved activity reached 615 people.
 */
import { randomUUID } from 'node:crypto';
import { NOTIFY_TEMPLATE_KINDS } from '@steppingstone/notifications';
import { invitationToken } from '@steppingstone/organisations';
import { daysFromToday, DemoCall, must } from './demo-api';

/** The demo's hourly rate for the social-value figure: £12.21, the National Living Wage from April 2025. */
export const DEMO_HOURLY_PENCE = 1221;

/** The callback token the demo gives Notify (the stand-in posts receipts with it when asked). */
export const DEMO_CALLBACK_TOKEN = 'demo-notify-callback-token-0123456789';

/** A receipt photo: a 1×1 PNG, enough for the receipt to show up against the claim. */
const RECEIPT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64');

export interface IslingtonField {
  adminToken: string;
  coordinatorToken: string;
  mentorToken: string;
  mentorPersonId: string;
  placementId: string;
  cohortId: string;
  traineeIds: string[];
  /** A Notify key the stand-in accepts; without one the demo sends no texts (they are recorded as skipped). */
  notifyApiKey?: string;
}

/** Who in the autumn cohort wants texts (by their index): the demo mentor and four others. */
export const TEXTING_TRAINEES = [0, 2, 4, 5, 9];

export async function seedIslingtonField(call: DemoCall, field: IslingtonField): Promise<{ messageId: string }> {
  const { adminToken, coordinatorToken: coordinator, mentorToken: mentor } = field;
  must(await call('PUT', '/field-settings', { socialValueHourlyPence: DEMO_HOURLY_PENCE, checkExpiryNoticeDays: 30, noActivityDays: 14 }, adminToken), 200, 'field settings');
  if (field.notifyApiKey) {
    // One text template per kind, each just ((message)): the product writes the words.
    const templates = Object.fromEntries(NOTIFY_TEMPLATE_KINDS.map((kind) => [kind, { sms: randomUUID() }]));
    must(await call('PUT', '/notify-settings', { apiKey: field.notifyApiKey, callbackToken: DEMO_CALLBACK_TOKEN, templates }, adminToken), 200, 'Notify settings');
  }
  for (const [n, index] of TEXTING_TRAINEES.entries()) {
    must(await call('PATCH', `/people/${field.traineeIds[index]}`, { phone: `07700 900${String(201 + n)}`, contactPreferences: ['sms'] }, coordinator), 200, 'text preference');
  }

  // The mentor's checks: all in date, safeguarding training due for renewal within the month.
  const checks = [
    { kind: 'dbs', dbsLevel: 'enhanced', barredList: true, checkedOn: daysFromToday(-200), expiresOn: daysFromToday(895) },
    { kind: 'reference', title: 'Jo Walsh, Islington Mind', checkedOn: daysFromToday(-210) },
    { kind: 'reference', title: 'Revd Anne Carter, St Mary’s Islington', checkedOn: daysFromToday(-205) },
    { kind: 'right-to-work', checkedOn: daysFromToday(-210) },
    { kind: 'training', title: 'Safeguarding adults level 1', checkedOn: daysFromToday(-345), expiresOn: daysFromToday(20) },
  ];
  for (const check of checks) must(await call('POST', `/people/${field.mentorPersonId}/checks`, { ...check, evidenceSeenBy: 'Chloe Brennan' }, coordinator), 201, 'safety check');

  // The mentor's last fortnight, logged from the phone: the coordinator approves most, queries one.
  const entries = [
    { occurredOn: daysFromToday(-13), minutes: 180, kind: 'training', note: 'Lone working and de-escalation' },
    { occurredOn: daysFromToday(-11), minutes: 60, kind: 'peer-contact', peopleReached: 1 },
    { occurredOn: daysFromToday(-9), minutes: 150, kind: 'outreach-event', peopleReached: 34, note: 'Stall at Chapel Market' },
    { occurredOn: daysFromToday(-8), minutes: 120, kind: 'accompanied-visit', peopleReached: 1, note: 'Went with someone to the GP' },
    { occurredOn: daysFromToday(-6), minutes: 45, kind: 'admin' },
    { occurredOn: daysFromToday(-4), minutes: 90, kind: 'outreach-event', peopleReached: 12, note: 'Coffee morning at the library' },
    { occurredOn: daysFromToday(-2), minutes: 60, kind: 'peer-contact', peopleReached: 2 },
  ];
  const logged = [];
  for (const entry of entries) logged.push(must(await call('POST', '/me/activity', { ...entry, placementId: field.placementId }, mentor), 201, 'activity'));
  for (const entry of logged.slice(0, 5)) must(await call('POST', `/activity/${entry.id}/review`, { decision: 'approve' }, coordinator), 200, 'activity approval');
  must(await call('POST', `/activity/${logged[5].id}/review`, { decision: 'query', note: 'Was this the same coffee morning as last week’s?' }, coordinator), 200, 'activity query');

  // Expenses: a bus fare with its receipt, approved and exported in a payment batch; mileage
  // approved since (waiting for the next batch); parking waiting for approval.
  const bus = must(
    await call('POST', '/me/expense-claims', { incurredOn: daysFromToday(-9), category: 'public-transport', description: 'Bus to Chapel Market and back', amountPence: 350 }, mentor),
    201,
    'bus fare claim',
  );
  must(await call('POST', `/me/expense-claims/${bus.id}/receipts`, RECEIPT_PNG, mentor, 'image/png'), 201, 'receipt');
  must(await call('POST', `/expense-claims/${bus.id}/review`, { decision: 'approve' }, coordinator), 200, 'claim approval');
  must(await call('POST', '/expense-batches', undefined, coordinator), 201, 'payment batch');
  const mileage = must(
    await call('POST', '/me/expense-claims', { incurredOn: daysFromToday(-8), category: 'mileage', description: 'Drove to the GP surgery with someone and back', miles: 6.4 }, mentor),
    201,
    'mileage claim',
  );
  must(await call('POST', `/expense-claims/${mileage.id}/review`, { decision: 'approve' }, coordinator), 200, 'mileage approval');
  must(await call('POST', '/me/expense-claims', { incurredOn: daysFromToday(-4), category: 'parking', description: 'Parking at the library', amountPence: 240 }, mentor), 201, 'parking claim');

  // Each member by their preference: texts to those who want them, email to the rest.
  const message = must(
    await call(
      'POST',
      '/messages',
      { audience: 'cohort', cohortId: field.cohortId, subject: 'Next Wednesday at the library', body: 'Next Wednesday’s session is at Central Library, Fieldway Crescent, same time (18:00).' },
      coordinator,
    ),
    201,
    'coordinator message',
  );
  return { messageId: message.id as string };
}

/** Bolton's navigators, each logging ten pieces of work over the last twelve weeks. */
const NAVIGATORS = ['Leanne Hughes', 'Dev Mistry', 'Sharon Kay', 'Ahmed Farah'];
const LOCALITIES = ['Farnworth and Kearsley', 'Horwich and Blackrod', 'Bolton Central', 'Breightmet and Little Lever'];
/** People reached at each navigator's three outreach events: 595 in all, with 20 peer contacts and accompanied visits, 615. */
const OUTREACH = [
  [60, 45, 52],
  [38, 70, 41],
  [55, 48, 47],
  [62, 40, 37],
];
const PATTERN: Array<{ kind: string; minutes: number; outreach?: number; reached?: number }> = [
  { kind: 'outreach-event', minutes: 180, outreach: 0 },
  { kind: 'peer-contact', minutes: 60, reached: 1 },
  { kind: 'peer-contact', minutes: 60, reached: 1 },
  { kind: 'accompanied-visit', minutes: 120, reached: 1 },
  { kind: 'outreach-event', minutes: 180, outreach: 1 },
  { kind: 'training', minutes: 240 },
  { kind: 'peer-contact', minutes: 60, reached: 1 },
  { kind: 'outreach-event', minutes: 180, outreach: 2 },
  { kind: 'admin', minutes: 45 },
  { kind: 'accompanied-visit', minutes: 120, reached: 1 },
];
/** By hand: per navigator 3×180 + 3×60 + 2×120 + 240 + 45 = 1,245 minutes; four navigators 83 hours, worth £1,013.43 at £12.21. */
export const BOLTON_APPROVED = { entries: 40, hours: 83, peopleReached: 615, socialValuePence: 101_343 };

export async function seedBoltonNavigators(call: DemoCall, adminToken: string, organisationId: string, appSecret: string, password: string): Promise<void> {
  must(await call('PUT', '/field-settings', { socialValueHourlyPence: DEMO_HOURLY_PENCE }, adminToken), 200, 'Bolton field settings');
  const localities = [];
  for (const name of LOCALITIES) localities.push(must(await call('POST', '/localities', { name, onsCodes: [] }, adminToken), 201, 'Bolton locality'));
  const logged: Array<Array<Record<string, unknown>>> = [];
  for (const [n, name] of NAVIGATORS.entries()) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@bolton.demo.steppingstone.local`;
    const person = must(
      await call('POST', '/people', { name, email, phone: `07700 900${String(301 + n)}`, contactPreferences: ['sms', 'email'], localityId: localities[n].id }, adminToken),
      201,
      'Bolton navigator',
    );
    const invitation = must(await call('POST', '/invitations', { email, role: 'mentor' }, adminToken), 201, 'Bolton navigator invitation');
    must(await call('POST', '/invitations/accept', { token: invitationToken(appSecret, organisationId, invitation.id as string), name, password }), 201, 'Bolton navigator joining');
    const signedIn = must(await call('POST', '/auth/login', { email, password }), 200, 'Bolton navigator sign-in');
    must(await call('PUT', `/people/${person.id}/account`, { userId: signedIn.userId }, adminToken), 200, 'Bolton navigator account');
    const token = signedIn.token as string;
    const mine = [];
    for (const [e, step] of PATTERN.entries()) {
      const peopleReached = step.outreach !== undefined ? OUTREACH[n][step.outreach] : step.reached;
      const body = {
        occurredOn: daysFromToday(-(3 + e * 8 + n)),
        minutes: step.minutes,
        kind: step.kind,
        ...(peopleReached !== undefined ? { peopleReached } : {}),
        localityId: localities[(n + (e % 3 === 2 ? 1 : 0)) % localities.length].id,
      };
      mine.push(must(await call('POST', '/me/activity', body, token), 201, 'Bolton activity'));
    }
    // Still with the coordinator: Leanne's latest event is queried, Ahmed's latest contact waits for review.
    if (n === 0)
      mine.push({
        ...must(await call('POST', '/me/activity', { occurredOn: daysFromToday(-1), minutes: 150, kind: 'outreach-event', peopleReached: 30, note: 'Mosque open day' }, token), 201, 'Bolton activity'),
        query: true,
      });
    if (n === 3)
      mine.push({ ...must(await call('POST', '/me/activity', { occurredOn: daysFromToday(-1), minutes: 60, kind: 'peer-contact', peopleReached: 1 }, token), 201, 'Bolton activity'), wait: true });
    logged.push(mine);
  }
  for (const entry of logged.flat()) {
    if (entry.wait) continue;
    const review = entry.query ? { decision: 'query', note: 'How many of the 30 were new to us?' } : { decision: 'approve' };
    must(await call('POST', `/activity/${entry.id}/review`, review, adminToken), 200, 'Bolton activity review');
  }
}
