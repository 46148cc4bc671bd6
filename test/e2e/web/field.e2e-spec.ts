import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson } from '../../factories/people';
import { isoDaysFromToday } from '../../factories/cohorts';
import { createHost, placementBody } from '../../factories/progression';
import { createLocality, enterApplicant, openIntake } from '../../factories/recruitment';
import { notifyApiKey } from '../../../scripts/notify-stand-in';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, tabTo, WebBrowser } from './support/browser';

jest.setTimeout(420_000);

/** The smallest file the API takes as a JPEG: its first bytes are what JPEG files start with. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2_000, 7)]);

/** What the keyboard is on now: the focused element's text. */
const focusedText = (page: Page) => page.evaluate<string>("document.activeElement?.textContent ?? ''");

/** Waits until the focused element answers `expression` truthily (polled: the page's CSP forbids evaluating a function from a string). */
async function focusSettles(page: Page, expression: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate<boolean>(expression)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`Focus never settled: ${expression}`);
}

/**
 * The field pages end to end: a peer mentor logs activity and claims expenses (one with a receipt
 * photo) on a 390 px phone, a coordinator approves from the queues with the keyboard alone and
 * exports the payment file once, and the API holds exactly that afterwards; then the checks due to
 * expire, a message previewed by channel and sent, and a queried entry changed by its mentor.
 */
describe('web: work in the field — activity and expenses from the mentor’s phone to the payment file, checks due and messages', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let mentor: SignedIn;
  let personId: string;
  let timeZone: string;
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    mentor = await addMember(env, admin, Role.Mentor);
    const person = await createPerson(env, coordinator, { name: 'Nadia Navigator' });
    personId = person.id;
    await env.http.put(`/people/${personId}/account`).set(bearer(coordinator)).send({ userId: mentor.userId }).expect(200);
    await createLocality(env, admin, 'Farnworth');
    await createLocality(env, admin, 'Horwich');
    const host = await createHost(env, coordinator, { name: 'Bolton Library' });
    await env.http
      .post('/placements')
      .set(bearer(coordinator))
      .send(placementBody(personId, host.id, -30, { status: 'active' }))
      .expect(201);
    timeZone = (await env.http.get('/organisation').set(bearer(admin)).expect(200)).body.timeZone;
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  const check = pageChecks(findings, 'field');

  it('logs activity and claims an expense with a photo at 390 px, the coordinator approves both by keyboard and exports the payment file once', async () => {
    // The mentor, on a phone.
    const phone = await web.context({ width: 390, height: 844 });
    const page = await phone.newPage();
    await signIn(page, base, mentor.email, PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My sessions', 'My activity', 'My expenses', 'My placement', 'My progression', 'My details', 'My data']);
    await nav.getByRole('link', { name: 'My activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'My activity' }).waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(await page.getByLabel('Date').inputValue()).toBe(today);
    await page.getByText('Nothing logged yet.').waitFor();

    // Sent with nothing chosen: the error summary names both choices and links to them.
    await page.getByRole('button', { name: 'Log activity' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Choose how long it took' }).waitFor();
    await summary.getByRole('link', { name: 'Choose what kind of work it was' }).waitFor();
    await check(page, 'mentor-activity-errors');

    await page.getByText('1½ hours').click();
    await page.getByRole('radio', { name: /Outreach event/ }).check();
    await page.getByLabel('People reached (optional)').fill('40');
    await page.getByLabel('Where (optional)').selectOption({ label: 'Farnworth' });
    await page.getByLabel('Note (optional)').fill('Stall at the market');
    await page.getByRole('button', { name: 'Log activity' }).click();
    await page.getByRole('status').getByText('Logged: 1 hour 30 minutes of outreach event').waitFor();
    const entry = page.locator('.entry').first();
    await entry.getByText('Waiting for approval').waitFor();
    await entry.getByText(/40 reached · Farnworth · Stall at the market/).waitFor();
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await check(page, 'mentor-activity');

    await nav.getByRole('link', { name: 'My expenses' }).click();
    await page.getByRole('heading', { level: 1, name: 'My expenses' }).waitFor();
    await page.getByText('No claims yet.').waitFor();
    const receipt = page.getByLabel('Photo of the receipt (optional)');
    expect(await receipt.getAttribute('capture')).toBe('environment');
    // A photo over the limit is refused on the phone, before anything is sent.
    await receipt.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]) });
    await page
      .getByRole('alert')
      .getByRole('link', { name: /The receipt is 5\.0 MB; the most a receipt can be is 5\.0 MB/ })
      .waitFor();
    await page.getByLabel('Amount (£)').fill('4.80');
    await page.getByLabel('Description').fill('Bus to the market stall');
    await page.getByRole('button', { name: 'Send claim' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /the most a receipt can be/ })
      .waitFor();
    expect((await env.http.get('/me/expense-claims').set(bearer(mentor)).expect(200)).body.total).toBe(0);
    await check(page, 'mentor-expense-too-big');

    await receipt.setInputFiles({ name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await page.getByText('Chosen: receipt.jpg (2 kB)').waitFor();
    await page.getByRole('button', { name: 'Send claim' }).click();
    await page.getByRole('status').getByText('Claimed £4.80 with its receipt. It is waiting for approval.').waitFor();

    // Mileage: miles instead of an amount, priced at the organisation's rate (12.5 × 45p = £5.625, £5.63).
    await page.getByLabel('What for').selectOption({ label: 'Mileage (your own car)' });
    await page.getByLabel('Miles driven').fill('12.5');
    await page.getByLabel('Description').fill('Drove to the hospice');
    await page.getByRole('button', { name: 'Send claim' }).click();
    await page.getByRole('status').getByText('Claimed £5.63 for 12.5 miles').waitFor();
    await page.getByText('Drove to the hospice · no receipt').waitFor();
    await page.getByText('Bus to the market stall · 1 receipt').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await check(page, 'mentor-expenses');

    const claims = (await env.http.get('/me/expense-claims').set(bearer(mentor)).expect(200)).body.items as Array<{ id: string; description: string; receipts: Array<{ sizeBytes: number }> }>;
    const bus = claims.find((c) => c.description === 'Bus to the market stall')!;
    const drive = claims.find((c) => c.description === 'Drove to the hospice')!;
    expect(bus.receipts).toEqual([expect.objectContaining({ contentType: 'image/jpeg', sizeBytes: JPEG.length })]);
    const [logged] = (await env.http.get('/me/activity').set(bearer(mentor)).expect(200)).body.items;
    expect(logged).toMatchObject({ occurredOn: today, minutes: 90, kind: 'outreach-event', peopleReached: 40, localityName: 'Farnworth', status: 'submitted' });

    // The coordinator, with the keyboard alone.
    const desk = await web.context();
    const queues = await desk.newPage();
    await signIn(queues, base, coordinator.email, PASSWORD, '/approvals');
    await queues.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    await queues.getByRole('heading', { name: 'Nadia Navigator: 1 hour 30 minutes, Outreach event' }).waitFor();
    await queues.getByRole('heading', { name: 'Nadia Navigator: £5.63, Mileage (your own car)' }).waitFor();
    await check(queues, 'coordinator-approvals');
    // The receipt photo, as the mentor took it.
    const [photo] = await Promise.all([queues.waitForEvent('download'), queues.getByRole('button', { name: 'Download receipt 1 (photo, 2 kB)' }).click()]);
    expect(Buffer.compare(readFileSync((await photo.path())!), JPEG)).toBe(0);
    const live = queues.locator('.live-result').first();
    // From the top of the page, with the keyboard alone.
    await queues.getByRole('heading', { level: 1, name: 'Approvals' }).focus();

    // By the buttons' text, visually hidden part included, as a screen reader reads it.
    await tabTo(queues, queues.getByRole('button').filter({ hasText: /^Approve: Nadia Navigator: 1 hour 30 minutes/ }));
    await queues.keyboard.press('Enter');
    await live.getByText(`Approved: Nadia Navigator, 1 hour 30 minutes`).waitFor();
    await queues.getByText('No activity is waiting for approval.').waitFor();
    // Focus stays in the queue: on its heading now it is empty.
    await focusSettles(queues, "document.activeElement?.id === 'activity-queue-heading'");

    // The mileage claim goes back with a reason; an empty reason is refused first.
    await tabTo(queues, queues.getByRole('button').filter({ hasText: /^Reject… Nadia Navigator: £5\.63/ }));
    await queues.keyboard.press('Enter');
    await focusSettles(queues, "document.activeElement?.tagName === 'TEXTAREA'");
    await queues.keyboard.press('Tab');
    expect(await focusedText(queues)).toBe('Reject');
    await queues.keyboard.press('Enter');
    await queues.getByText('Enter the reason: the claimant sees this').waitFor();
    await focusSettles(queues, "document.activeElement?.tagName === 'TEXTAREA'");
    await queues.keyboard.type('Please give the start and end of the journey');
    await queues.keyboard.press('Tab');
    await queues.keyboard.press('Enter');
    await live.getByText('Rejected: Nadia Navigator, £5.63 for mileage (your own car).').waitFor();
    // The rejected claim leaves the queue and focus lands on the one that took its place.
    await focusSettles(queues, "(document.activeElement?.textContent ?? '').startsWith('Approve: Nadia Navigator: £4.80')");
    await queues.keyboard.press('Enter');
    await live.getByText('Approved: Nadia Navigator, £4.80 for bus, train or tram.').waitFor();
    await queues.getByText('No claims are waiting for approval.').waitFor();
    await check(queues, 'coordinator-approvals-done');

    // The payment file: exported once, then only downloaded again.
    await queues.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
    await queues.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    await queues.getByRole('table', { name: 'Approved claims not yet exported' }).getByText('Bus to the market stall').waitFor();
    await check(queues, 'coordinator-payments');
    await tabTo(queues, queues.getByRole('button').filter({ hasText: /^Export the payment file/ }));
    const [download] = await Promise.all([queues.waitForEvent('download'), queues.keyboard.press('Enter')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const batches = (await env.http.get('/expense-batches').set(bearer(coordinator)).expect(200)).body as Array<{ id: string; claimCount: number; totalPence: number; createdAt: string }>;
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch).toMatchObject({ claimCount: 1, totalPence: 480 });
    expect(download.suggestedFilename()).toBe(`expenses-${batch.createdAt.slice(0, 10)}-${batch.id.slice(0, 8)}.csv`);
    const approvedAt = (await env.http.get(`/expense-claims/${bus.id}`).set(bearer(coordinator)).expect(200)).body.reviewedAt as string;
    expect(csv.trimEnd().split('\n')).toEqual([
      'Claim,Person,Person id,Date,Category,Description,Miles,Amount (£),Approved at',
      `${bus.id},Nadia Navigator,${personId},${today},public-transport,Bus to the market stall,,4.80,${new Date(approvedAt).toISOString()}`,
      'Total,,,,,1 claim(s),,4.80,',
    ]);
    await queues
      .getByRole('status')
      .getByText(`Batch ${batch.id.slice(0, 8)} exported: 1 claim, £4.80. The payment file has downloaded; these claims will not be exported again.`)
      .waitFor();
    await queues.getByText('No approved claims are waiting for payment.').waitFor();
    expect(
      await queues
        .getByRole('button')
        .filter({ hasText: /^Export the payment file/ })
        .count(),
    ).toBe(0);
    const batchRow = queues.getByRole('table', { name: 'Batches exported, newest first' }).getByRole('row', { name: new RegExp(`Batch ${batch.id.slice(0, 8)}`) });
    await batchRow.getByText('£4.80').waitFor();
    const [again] = await Promise.all([queues.waitForEvent('download'), batchRow.getByRole('button', { name: /Download again/ }).click()]);
    expect(readFileSync((await again.path())!, 'utf8')).toBe(csv);
    await check(queues, 'coordinator-payments-exported');

    // What the API holds: the entry approved, the bus claim approved and in the one batch, the mileage rejected, nothing left to export.
    expect((await env.http.get(`/activity/${logged.id}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({ status: 'approved' });
    expect((await env.http.get(`/expense-claims/${bus.id}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({ status: 'approved', exportBatchId: batch.id });
    expect((await env.http.get(`/expense-claims/${drive.id}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({
      status: 'rejected',
      exportBatchId: null,
      reviewNote: 'Please give the start and end of the journey',
    });
    await env.http.post('/expense-batches').set(bearer(coordinator)).expect(409);
    expect((await env.http.get('/expense-batches').set(bearer(coordinator)).expect(200)).body).toHaveLength(1);

    // Back on the phone, the mentor sees each decision.
    await page.reload();
    await page.getByText('Approved, sent for payment', { exact: true }).waitFor();
    await page.getByText('Not approved', { exact: true }).waitFor();
    await page.getByText('Please give the start and end of the journey').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My activity' }).click();
    await page.locator('.entry').first().getByText('Approved', { exact: true }).waitFor();

    expect(findings).toEqual([]);
    await phone.close();
    await desk.close();
  });
  it('lists checks due to expire, each linking to the person, and previews a message to an intake stage by channel before sending and logging it', async () => {
    const recordCheck = (who: string, body: Record<string, unknown>) =>
      env.http
        .post(`/people/${who}/checks`)
        .set(bearer(coordinator))
        .send({ evidenceSeenBy: 'Sam Coordinator', ...body })
        .expect(201);
    const chris = await createPerson(env, coordinator, { name: 'Chris Checked' });
    const erin = await createPerson(env, coordinator, { name: 'Erin Expiring' });
    const val = await createPerson(env, coordinator, { name: 'Val Valid' });
    await recordCheck(chris.id, { kind: 'dbs', dbsLevel: 'enhanced', barredList: true, checkedOn: isoDaysFromToday(-1200), expiresOn: isoDaysFromToday(-10) });
    await recordCheck(erin.id, { kind: 'right-to-work', checkedOn: isoDaysFromToday(-300), expiresOn: isoDaysFromToday(12) });
    await recordCheck(val.id, { kind: 'training', title: 'Safeguarding adults level 1', checkedOn: isoDaysFromToday(-30), expiresOn: isoDaysFromToday(700) });

    // Four applicants at "applied": two reached by email, one by text (the organisation has a Notify key), one with no way to reach them.
    await env.http.put('/notify-settings').set(bearer(admin)).send({ apiKey: notifyApiKey() }).expect(200);
    const intake = await openIntake(env, coordinator, { name: 'Spring intake' });
    await enterApplicant(env, coordinator, intake.id, { name: 'Ada Email', contactPreferences: ['email'] });
    await enterApplicant(env, coordinator, intake.id, { name: 'Ben Text', email: null, phone: '07700 900301', contactPreferences: ['sms'] });
    await enterApplicant(env, coordinator, intake.id, { name: 'Cy Calls', phone: '07700 900302', contactPreferences: ['phone'] });
    await enterApplicant(env, coordinator, intake.id, { name: 'Di Both', phone: '07700 900303', contactPreferences: ['email', 'sms'] });

    const context = await web.context();
    const page = await context.newPage();
    await signIn(page, base, coordinator.email, PASSWORD, '/checks-due');
    await page.getByRole('heading', { level: 1, name: 'Checks due to expire' }).waitFor();
    const table = page.getByRole('table', { name: '2 checks, soonest first' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Chris Checked Enhanced DBS with the barred list Expired .+ Sam Coordinator$/),
      expect.stringMatching(/^Erin Expiring Right to work Expires .+ Sam Coordinator$/),
    ]);
    expect(await page.getByText('Val Valid').count()).toBe(0);
    await check(page, 'coordinator-checks-due');
    await table.getByRole('link', { name: 'Erin Expiring' }).click();
    await page.waitForURL(`**/people/${erin.id}`);
    await page
      .getByRole('table', { name: 'Checks, with who saw the evidence' })
      .getByRole('row', { name: /^Right to work/ })
      .getByText(/\(Expires soon\)$/)
      .waitFor();
    await check(page, 'coordinator-person-checks');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await page.getByText('No messages sent yet.').waitFor();
    await page.getByRole('radio', { name: 'An intake’s applicants at one stage' }).check();
    await page.getByLabel('Intake', { exact: true }).selectOption({ label: 'Spring intake' });
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Applied' });
    await page.getByRole('button', { name: 'Check who it goes to' }).click();
    const preview = page.getByRole('region', { name: 'It will go to 4 people:' });
    await preview.waitFor();
    expect((await preview.getByRole('listitem').allTextContents()).map((t) => t.trim())).toEqual([
      '2 people by email',
      '1 person by text message',
      '1 person with no way to reach them (they will not get it; the log shows why)',
    ]);
    // Sent with no words: the error summary names both fields.
    await page.getByRole('button', { name: 'Send to 4 people' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter a subject' }).waitFor();
    await page.getByRole('alert').getByRole('link', { name: 'Enter the message' }).waitFor();
    await check(page, 'coordinator-message-errors');
    await page.getByLabel('Subject').fill('Taster day on Saturday');
    await page.getByLabel('Message', { exact: true }).fill('The taster day is at the library on Saturday at 10:00.');
    await page.getByRole('button', { name: 'Send to 4 people' }).click();
    await page.getByRole('status').getByText('Sent to 4 people, each by email or text as they prefer. It is logged in the list of messages below.').waitFor();
    const logged = page.getByRole('table', { name: 'The log of messages, newest first' }).getByRole('row', { name: /Taster day on Saturday/ });
    await logged.getByText('Spring intake: Applied').waitFor();
    await check(page, 'coordinator-messages');

    const [message] = (await env.http.get('/messages').set(bearer(coordinator)).expect(200)).body;
    expect(message).toMatchObject({
      audience: 'intake-stage',
      intakeId: intake.id,
      stage: 'applied',
      subject: 'Taster day on Saturday',
      body: 'The taster day is at the library on Saturday at 10:00.',
      recipients: 4,
    });
    expect(findings).toEqual([]);
    await context.close();
  });
  it('shows the mentor a queried entry with the coordinator’s question, and sends it back for approval once changed', async () => {
    const day = isoDaysFromToday(-3);
    const entry = (await env.http.post('/me/activity').set(bearer(mentor)).send({ occurredOn: day, minutes: 60, kind: 'peer-contact', peopleReached: 1 }).expect(201)).body;
    const asked = (await env.http.post(`/activity/${entry.id}/review`).set(bearer(coordinator)).send({ decision: 'query', note: 'Was this one hour or half an hour?' }).expect(200)).body;

    const phone = await web.context({ width: 390, height: 844 });
    const page = await phone.newPage();
    await signIn(page, base, mentor.email, PASSWORD, '/me/activity');
    const queried = page.locator('.entry').filter({ hasText: 'Queried' });
    await queried.getByText('Your coordinator asks: Was this one hour or half an hour?').waitFor();
    await check(page, 'mentor-activity-queried');
    await queried.getByRole('button', { name: /^Change this entry/ }).click();
    const heading = page.getByRole('heading', { level: 2, name: /^Change your entry of / });
    await heading.waitFor();
    expect(await page.getByRole('radio', { name: '1 hour' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /Peer contact/ }).isChecked()).toBe(true);
    await page.getByText('30 min', { exact: true }).click();
    await page.getByRole('button', { name: 'Save and send for approval again' }).click();
    await page.getByRole('status').getByText('Changed: 30 minutes of peer contact').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Log activity' }).waitFor();
    await check(page, 'mentor-activity-changed');

    expect((await env.http.get(`/activity/${entry.id}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({
      occurredOn: day,
      minutes: 30,
      kind: 'peer-contact',
      peopleReached: 1,
      status: 'submitted',
      version: asked.version + 1,
    });
    expect(findings).toEqual([]);
    await phone.close();
  });
});
