import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { smallAreasOf } from '../../factories/census';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { censusFile } from '../../support/census-files';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, screenshot, seriousAccessibilityFindings, signIn, WebBrowser } from './support/browser';

jest.setTimeout(240_000);

const ADMIN_MENU = ['Members', 'Invitations', 'Settings', 'Census datasets', 'Localities', 'Audit log', 'Failed deliveries'];

/** An admin runs the organisation from the web app: every page of the administration menu, each change checked through the API. */
describe('web: an admin runs the organisation', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let mentor: SignedIn;
  let failedId: string;
  const findings: AxeFinding[] = [];
  let page: Page;

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    admin = await signUpOrganisation(env, { organisationName: 'Islington Peer Support', name: 'Ada Admin' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    mentor = await addMember(env, admin, Role.Mentor);
    failedId = await insertFailedDelivery(admin.organisationId);
    const context = await web.context({ width: 1366, height: 900 });
    page = await context.newPage();
    await signIn(page, base, admin.email, PASSWORD);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  /** The worker writes deliveries as it sends; none runs here, so a refused invitation email is written as the owner would find it. */
  async function insertFailedDelivery(organisationId: string): Promise<string> {
    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    try {
      const id = randomUUID();
      await owner.query(
        `INSERT INTO deliveries (organisation_id, id, key, recipient, template, subject, status, attempts, error, job_queue, job_name, job_data)
         VALUES ($1, $2, $3, 'refused@example.org', 'invitation', 'You are invited to Islington Peer Support', 'failed', 5, '550 mailbox unavailable', 'email', 'invitation', $4)`,
        [organisationId, id, `invitation:${id}:refused@example.org`, JSON.stringify({ organisationId, invitationId: randomUUID() })],
      );
      return id;
    } finally {
      await owner.end();
    }
  }

  async function open(label: string, heading = label): Promise<void> {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('.spinner, .loading:not(:empty)').first().waitFor({ state: 'detached', timeout: 15_000 });
  }

  const check = pageChecks(findings, 'admin');

  const api = (path: string) => env.http.get(path).set(bearer(admin)).expect(200);
  /** Role and status of each invitation to one address, newest first. */
  const invitationsTo = async (email: string): Promise<Array<[string, string]>> =>
    (await api('/invitations')).body.items.filter((i: { email: string }) => i.email === email).map((i: { role: string; status: string }) => [i.role, i.status]);

  it('offers the administration menu beside the main one, and only to admins', async () => {
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Administration' }).getByRole('link').allTextContents()).toEqual(ADMIN_MENU);
    const context = await web.context();
    const other = await context.newPage();
    await signIn(other, base, coordinator.email, PASSWORD);
    await other.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await other.getByRole('navigation', { name: 'Administration' }).count()).toBe(0);
    await other.goto(`${base}/admin/members`);
    await other.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
    await context.close();
  });

  it('invites someone with the keyboard alone, changes a role and disables a member', async () => {
    await open('Members');
    await page
      .getByRole('table', { name: /Members/ })
      .getByRole('row', { name: /Ada Admin \(you\)/ })
      .waitFor();
    await check(page, 'members');

    // Keyboard only: type, Tab to the role, choose it by its first letter, Tab to the button, Enter.
    await page.getByLabel('Email address').focus();
    await page.keyboard.type('new.trainer@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.press('t');
    expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('trainer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Invitation sent to new.trainer@example.org.' }).waitFor();
    expect(await invitationsTo('new.trainer@example.org')).toEqual([['trainer', 'pending']]);

    // Someone already in the organisation is not invited again, and the page says why.
    await page.getByLabel('Email address').fill(coordinator.email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('alert').getByText(`${coordinator.email} is already a member of this organisation`).waitFor();

    const coordinatorName = (await api(`/members/${coordinator.userId}`)).body.name as string;
    const mentorName = (await api(`/members/${mentor.userId}`)).body.name as string;
    await page.getByLabel(`Role of ${coordinatorName}`, { exact: true }).selectOption('trainer');
    await page.getByRole('button', { name: `Change the role of ${coordinatorName}` }).click();
    await expect_(async () => (await api(`/members/${coordinator.userId}`)).body.role, 'trainer');
    await page.getByRole('button', { name: `Disable ${mentorName}` }).click();
    await page.getByRole('button', { name: `Enable ${mentorName}` }).waitFor();
    expect((await api(`/members/${mentor.userId}`)).body.status).toBe('disabled');
    // Disabling ends the mentor's sessions at once.
    await env.http.get('/auth/me').set(bearer(mentor)).expect(401);
  });

  it('sends an invitation again with a new link, and withdraws one', async () => {
    await open('Invitations');
    const row = page.getByRole('row', { name: /new\.trainer@example\.org/ });
    await row.waitFor();
    await check(page, 'invitations');
    await page.getByRole('button', { name: 'Send a new invitation to new.trainer@example.org' }).click();
    await expect_(async () => (await invitationsTo('new.trainer@example.org')).map(([, status]) => status).join(','), 'pending,revoked');
    await page.getByRole('button', { name: 'Withdraw the invitation to new.trainer@example.org' }).click();
    await page.getByText('No invitations are waiting.').waitFor();
    expect(await invitationsTo('new.trainer@example.org')).toEqual([
      ['trainer', 'revoked'],
      ['trainer', 'revoked'],
    ]);
  });

  it('creates a census dataset and uploads a table after its dry run', async () => {
    await open('Census datasets');
    await page.getByText('No census datasets yet.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Census 2021');
    await page.getByRole('button', { name: 'Create the dataset' }).click();
    await page.getByRole('status').filter({ hasText: 'Created Census 2021, version 1.' }).waitFor();
    const [dataset] = (await api('/census/datasets')).body as Array<{ id: string }>;

    await page.getByLabel('Census table (CSV)').setInputFiles(join(__dirname, '..', '..', '..', 'data', 'census', 'sex_by_la.csv'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    const report = page.getByRole('status').filter({ hasText: 'Checked, nothing stored yet.' });
    await report.waitFor();
    expect(await report.textContent()).toContain('tables: sex');
    expect((await api(`/census/datasets/${dataset.id}`)).body.dimensions).toEqual([]);
    await check(page, 'census-dry-run');
    await page.getByRole('button', { name: 'Import the table' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 2 rows.' }).waitFor();
    expect((await api(`/census/datasets/${dataset.id}`)).body.dimensions).toEqual([{ dimension: 'sex', areas: 1, rows: 2 }]);
    await page.getByRole('cell', { name: 'sex (1 areas)' }).waitFor();
    await check(page, 'census');
    // The small areas' own figures, as an admin would upload them next, so the localities page can name them.
    await env.http.post(`/census/datasets/${dataset.id}/tables`).set(bearer(admin)).set('Content-Type', 'text/csv').send(censusFile('lsoa_seed_boroughs.csv')).expect(201);
  });

  it('adds a locality of small areas, names them, and changes it', async () => {
    const [first, second, third] = smallAreasOf('E09000019');
    await open('Localities');
    await page.getByText('No localities yet.').waitFor();
    const form = page.getByRole('form', { name: 'New locality' });
    await form.getByLabel('Locality name').fill('North');
    await form.getByLabel('Small areas (ONS codes)').fill(`${first}\n${second.toLowerCase()}`);
    await form.getByRole('button', { name: 'Add the locality' }).click();
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'North' }) });
    await card.getByText('2 small areas').click();
    await card.getByText(new RegExp(`${first} \\(Islington \\d+[A-Z]\\)`)).waitFor();
    expect((await api('/localities')).body).toEqual([expect.objectContaining({ name: 'North', onsCodes: [first, second] })]);
    await check(page, 'localities');

    await card.getByRole('button', { name: 'Change North' }).click();
    const edit = page.getByRole('form', { name: 'Change North' });
    await edit.getByLabel('Locality name').fill('North and Centre');
    await edit.getByLabel('Small areas (ONS codes)').fill(`${first}, ${second}, ${third}, NOT-A-CODE`);
    await edit.getByRole('button', { name: 'Save the locality' }).click();
    await edit
      .getByRole('alert')
      .getByRole('link', { name: /^Small areas \(ONS codes\) must be ONS codes/ })
      .waitFor();
    await edit.getByLabel('Small areas (ONS codes)').fill(`${first}, ${second}, ${third}`);
    await edit.getByRole('button', { name: 'Save the locality' }).click();
    await page.getByRole('heading', { name: 'North and Centre' }).waitFor();
    expect((await api('/localities')).body).toEqual([expect.objectContaining({ name: 'North and Centre', onsCodes: [first, second, third] })]);
  });

  it('changes the organisation’s settings, refusing a retention period that is not whole months', async () => {
    await open('Settings', 'Organisation settings');
    await check(page, 'settings');
    await page.getByLabel('Organisation name').fill('Islington Peer Navigators');
    await page.getByLabel('Time zone').selectOption('Europe/Dublin');
    await page.getByLabel('Keep people’s records for (months)').fill('three years');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Keep people’s records for (months) must be a whole number of months, or left empty' }).waitFor();
    expect((await api('/organisation')).body.name).toBe('Islington Peer Support');
    await page.getByLabel('Keep people’s records for (months)').fill('36');
    await page.getByRole('checkbox', { name: 'Coordinators' }).check();
    await page.getByLabel('Census figures to compare with').selectOption({ label: 'Census 2021, version 1' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'The settings have been saved.' }).waitFor();
    const [dataset] = (await api('/census/datasets')).body as Array<{ id: string }>;
    expect((await api('/organisation')).body).toMatchObject({
      name: 'Islington Peer Navigators',
      timeZone: 'Europe/Dublin',
      retentionMonths: 36,
      secondFactorRequiredRoles: ['coordinator'],
      defaultCensusDatasetId: dataset.id,
    });
    // The banner follows the new name.
    await page.getByRole('banner').getByText('Islington Peer Navigators').waitFor();
  });

  it('filters the audit log by action and by who', async () => {
    await open('Audit log');
    await page.getByLabel('Action').fill('invitation.revoked');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByRole('table', { name: 'Entries (2)' }).waitFor();
    expect((await env.http.get('/audit-log').query({ action: 'invitation.revoked' }).set(bearer(admin)).expect(200)).body.total).toBe(2);
    expect(await page.getByRole('table', { name: 'Entries (2)' }).getByRole('rowheader').allTextContents()).toEqual(['invitation.revoked', 'invitation.revoked']);
    await check(page, 'audit-log');

    await page.getByLabel('Action').fill('member.updated');
    await page.getByLabel('Who').selectOption({ label: 'Ada Admin' });
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByRole('table', { name: 'Entries (2)' }).getByRole('cell', { name: 'Ada Admin' }).first().waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const { body: all } = await api('/audit-log?pageSize=25');
    await page.getByRole('table', { name: `Entries (${all.total})` }).waitFor();
  });

  it('sends a failed delivery again, audit-logged', async () => {
    await open('Failed deliveries');
    const row = page.getByRole('row', { name: /You are invited to Islington Peer Support/ });
    await row.getByRole('cell', { name: '550 mailbox unavailable' }).waitFor();
    await check(page, 'deliveries');
    await row.getByRole('button', { name: /^Send again/ }).click();
    await row.getByRole('status').filter({ hasText: 'Sent again' }).waitFor();
    const { body } = await env.http.get('/audit-log').query({ action: 'delivery.retried', entityId: failedId }).set(bearer(admin)).expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].actorUserId).toBe(admin.userId);
  });

  it('works on a 390 px phone, and every page is free of serious accessibility findings', async () => {
    const context = await web.context({ width: 390, height: 844 });
    const phone = await context.newPage();
    await signIn(phone, base, admin.email, PASSWORD, '/admin/members');
    await phone.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await phone.getByRole('button', { name: `Enable ${(await api(`/members/${mentor.userId}`)).body.name}` }).click();
    await expect_(async () => (await api(`/members/${mentor.userId}`)).body.status, 'active');
    findings.push(...(await seriousAccessibilityFindings(phone, 'members-phone')));
    await screenshot(phone, 'admin-members-phone');
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
    expect(findings).toEqual([]);
  });
});

/** Waits for the API to show what the page just did (its request may still be in flight when the page redraws). */
async function expect_<T>(read: () => Promise<T>, expected: T, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}
