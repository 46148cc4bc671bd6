import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { enterApplicant, IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, tabTo, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

const PHONE_ONLY = { width: 390, height: 844 };

// Read in the browser, where the DOM exists; this project compiles without the DOM library.
declare const document: { activeElement: { id: string; getAttribute(name: string): string | null } | null; documentElement: { scrollWidth: number } };
const FIXTURE = join(__dirname, '../../fixtures/applicants/equality-paper-forms.csv');

/** Counts per category of each dimension of the intake's gap analysis, "Not recorded" and "Prefer not to say" included. */
async function counts(env: TestEnvironment, who: SignedIn, intakeId: string, dimensions: string[]): Promise<Record<string, Record<string, number>>> {
  const { body } = await env.http.post('/representativeness/gap-analysis').set(bearer(who)).send({ intakeId, dimensions }).expect(200);
  return Object.fromEntries(
    (body.dimensions as Array<{ dimension: string; categories: Array<{ category: string; count: number }>; undisclosed: Array<{ category: string; count: number }> }>).map((d) => [
      d.dimension,
      Object.fromEntries([...d.categories, ...d.undisclosed].filter((c) => c.count).map((c) => [c.category, c.count])),
    ]),
  );
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('web: the front door — the public form for everyone, phone and paper entry, imports, bulk moves', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let intake: IntakeView;
  let partner: { id: string; code: string; name: string };
  const findings: AxeFinding[] = [];
  const consoleErrors: string[] = [];

  const check = pageChecks(findings, 'front-door');

  async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await (await web.context(viewport)).newPage();
    page.on('console', (message) => {
      // Opening a page signed out answers 401 by design; a refused form answers 4xx on purpose.
      if (message.type() === 'error' && !/status of (401|400|409)/.test(message.text())) consoleErrors.push(message.text());
    });
    return page;
  }

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    admin = await signUpOrganisation(env, { organisationName: 'Islington Peer Network', boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'religion_by_la.csv']);
    intake = await openIntake(env, coordinator);
    partner = (await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Finsbury Park Mosque', kind: 'faith-group', code: 'FPMOSQUE' }).expect(201)).body;
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('takes a phone-only application on a 390 px phone: every refusal in the summary, linked to its field; a short reference; then the equality step with its own consent', async () => {
    const page = await newPage(PHONE_ONLY);
    await page.goto(`${base}/apply/${intake.publicSlug}`);
    await page.getByRole('heading', { level: 1, name: /Apply: Peer Mentor training/ }).waitFor();

    // Nothing filled in: the summary names each problem, and its links take focus to the field.
    await page.getByRole('button', { name: 'Send my application' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Enter your full name',
      'Enter an email address, a phone number or a postal address, so that we can contact you',
      'Tick the box to agree to be contacted about your application (“I agree to be contacted about my application”)',
    ]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await summary.getByRole('link', { name: /so that we can contact you/ }).click();
    expect(await focusedId(page)).toBe(await page.getByLabel('Email address (optional)').getAttribute('id'));
    await summary.getByRole('link', { name: 'Enter your full name' }).click();
    expect(await focusedId(page)).toBe(await page.getByLabel('Your name').getAttribute('id'));
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'apply-refused');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // A phone number is enough.
    await page.getByLabel('Your name').fill('Pat Mellor');
    await page.getByLabel('Phone number (optional)').fill('07700 900461');
    await page.getByLabel('I agree to be contacted about my application').check();
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
    const reference = (await page.locator('.reference [aria-hidden="true"]').textContent()) ?? '';
    expect(reference).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    await check(page, 'apply-received');

    // The equality step: its purpose and who sees the answers, then the questions; no keeping without its own consent.
    await page
      .getByText(/to check that the programme reaches everyone in the borough/)
      .first()
      .waitFor();
    await page.getByText(/Trainers, mentors and referral partners cannot see them/).waitFor();
    await page.getByRole('button', { name: 'Answer the equality questions' }).click();
    await page.getByRole('group', { name: 'What is your sex?' }).getByLabel('Female').check();
    await page.getByRole('group', { name: 'Black, Black British, Black Welsh, Caribbean or African' }).getByLabel('African background').check();
    await page.getByLabel('In your own words (optional)').fill('Somali');
    await page.getByRole('group', { name: 'What is your religion?' }).getByLabel('Prefer not to say').check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByRole('link', { name: /Tick the box to agree that your answers may be kept/ }).click();
    expect(await focusedId(page)).toBe(await page.getByLabel(/I agree that the organisation running this programme may keep my answers/).getAttribute('id'));
    await check(page, 'equality-refused');
    await page.getByLabel(/I agree that the organisation running this programme may keep my answers/).check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Equality questions answered' }).waitFor();
    await check(page, 'equality-answered');

    // What the API now holds: a phone-only application, and the answers counted at once.
    const found = await env.http.get('/applications').query({ intakeId: intake.id, q: reference }).set(bearer(coordinator)).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ name: 'Pat Mellor', phone: '07700 900461', email: null, channel: 'online', stage: 'applied' })]);
    const profile = await env.http.get(`/people/${found.body.items[0].personId}/demographics`).set(bearer(coordinator)).expect(200);
    expect(profile.body.profile).toMatchObject({
      sex: 'Female',
      ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: African',
      ethnicityOther: 'Somali',
      religion: 'Prefer not to say',
      disability: null,
    });
    expect(profile.body.consent).toMatchObject({ purpose: 'demographic-monitoring', method: 'online-form' });
    expect((await counts(env, coordinator, intake.id, ['sex', 'religion'])).sex).toEqual({ Female: 1 });
    expect(findings).toEqual([]);
    await page.context().close();
  });

  it('carries a partner’s link onto the application, and lets the applicant skip the equality step: nothing kept, counted as not recorded', async () => {
    const page = await newPage(PHONE_ONLY);
    await page.goto(`${base}/apply/${intake.publicSlug}?partner=${partner.code.toLowerCase()}`);
    await page.getByText('Referred by Finsbury Park Mosque.').waitFor();
    await page.getByLabel('Your name').fill('Yusuf Ali');
    await page.getByLabel('Phone number (optional)').fill('07700 900462');
    await page.getByLabel('I agree to be contacted about my application').check();
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
    await page.getByRole('button', { name: 'Skip these questions' }).click();
    await page.getByText('You have skipped the equality questions. Your application is not affected.').waitFor();
    await check(page, 'equality-skipped');

    const found = await env.http.get('/applications').query({ intakeId: intake.id, q: 'Yusuf Ali' }).set(bearer(coordinator)).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ partnerId: partner.id, partnerName: 'Finsbury Park Mosque', email: null, phone: '07700 900462' })]);
    expect((await env.http.get(`/people/${found.body.items[0].personId}/demographics`).set(bearer(coordinator)).expect(200)).body.profile).toBeNull();
    expect((await counts(env, coordinator, intake.id, ['sex'])).sex).toEqual({ Female: 1, 'Not recorded': 1 });
    expect(findings).toEqual([]);
    await page.context().close();
  });

  it('lets a coordinator enter a paper form: date received, partner code, contact details, consent as on the paper and by whom, and the equality answers', async () => {
    const page = await newPage();
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${intake.id}`);
    await page.getByRole('link', { name: 'Add an applicant (phone or paper)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an applicant who phoned or sent a paper form' }).waitFor();

    // Refused without a name: the summary links to the box.
    await page.getByRole('button', { name: 'Enter application' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Full name must not be empty' }).click();
    expect(await focusedId(page)).toBe(await page.getByLabel('Full name').getAttribute('id'));
    await check(page, 'staff-entry-refused');

    await page.getByLabel('Paper form', { exact: true }).check();
    await page.getByLabel('Date received').fill('2026-01-14');
    await page.getByLabel('Partner code on the paper form (optional)').fill('fp-mosque');
    await page.getByLabel('Full name').fill('Rosa Delgado');
    await page.getByLabel('Postal address (optional)').fill('3 Hornsey Road\nLondon');
    await page.getByLabel('Postcode (optional)').fill('N7 7EE');
    await page.getByLabel('Ticked on the paper form').first().check();
    await page.getByLabel('Date they agreed', { exact: true }).fill('2026-01-12');
    const adminName = (await env.http.get(`/members/${admin.userId}`).set(bearer(coordinator)).expect(200)).body.name as string;
    await page.getByLabel('Taken by').selectOption({ label: adminName });
    await page.getByLabel('The form has equality answers with the person’s consent to keep them').check();
    await page.getByLabel('Date they agreed to the equality questions').fill('2026-01-12');
    await page.getByLabel('Sex', { exact: true }).selectOption('Female');
    await page.getByLabel('Religion', { exact: true }).selectOption('Other religion');
    await page.getByLabel('Religion, in their own words (optional)').fill('Rastafari');
    await page.getByLabel('Ethnic group', { exact: true }).selectOption('Prefer not to say');
    await page.getByRole('button', { name: 'Enter application' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Application entered.' });
    await done.waitFor();
    const reference = (await done.locator('strong').textContent()) ?? '';
    await check(page, 'staff-entry-done');

    const found = await env.http.get('/applications').query({ intakeId: intake.id, q: reference }).set(bearer(coordinator)).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ name: 'Rosa Delgado', channel: 'paper', partnerId: partner.id, email: null, phone: null, appliedAt: '2026-01-14T12:00:00.000Z' })]);
    const personId = found.body.items[0].personId;
    const consents = await env.http.get(`/people/${personId}/consents`).set(bearer(coordinator)).expect(200);
    expect(consents.body.map((c: { purpose: string; method: string; givenAt: string; recordedBy: string }) => [c.purpose, c.method, c.givenAt.slice(0, 10), c.recordedBy]).sort()).toEqual([
      ['contact', 'paper-form', '2026-01-12', admin.userId],
      ['demographic-monitoring', 'paper-form', '2026-01-12', coordinator.userId],
    ]);
    const profile = await env.http.get(`/people/${personId}/demographics`).set(bearer(coordinator)).expect(200);
    expect(profile.body.profile).toMatchObject({ sex: 'Female', religion: 'Other religion', religionOther: 'Rastafari', ethnicity: 'Prefer not to say' });
    expect((await counts(env, coordinator, intake.id, ['sex'])).sex).toEqual({ Female: 2, 'Not recorded': 1 });
    expect(findings).toEqual([]);
    await page.context().close();
  });

  it('keeps referral partners and shows each one’s link on the intake, and records equality answers on a person’s page only with consent', async () => {
    const page = await newPage();
    await signIn(page, base, coordinator.email, PASSWORD, '/intakes');
    await page.getByRole('link', { name: 'Referral partners' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral partners' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Archway Medical Centre');
    await page.getByLabel('Kind of partner').selectOption({ label: 'GP surgery' });
    await page.getByLabel('Code (optional)').fill('ARCHGP');
    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.getByText('Archway Medical Centre added, with the code ARCHGP.').waitFor();
    await page.getByRole('button', { name: 'Change Archway Medical Centre' }).click();
    await page.getByLabel('Contact name (optional)').fill('Dr Shah');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('cell', { name: 'Dr Shah' }).waitFor();
    await check(page, 'partners');
    const partners = await env.http.get('/referral-partners').set(bearer(coordinator)).expect(200);
    expect(partners.body.find((p: { code: string }) => p.code === 'ARCHGP')).toMatchObject({ name: 'Archway Medical Centre', kind: 'gp-surgery', contactName: 'Dr Shah' });

    await page.goto(`${base}/intakes/${intake.id}`);
    const links = page.getByRole('table', { name: /Each partner’s link to this form/ });
    await links.getByRole('link', { name: `${base}/apply/${intake.publicSlug}?partner=ARCHGP` }).waitFor();
    // Yusuf came through the mosque's link and Rosa's paper form carried its code: the pipeline by partner counts both.
    await page
      .getByRole('table', { name: 'Applicants by partner and stage' })
      .getByRole('row', { name: /^Finsbury Park Mosque 2 2/ })
      .waitFor();
    await check(page, 'intake-partners');

    // Yusuf skipped the equality step; a paper form later carries his answers, kept only with his consent.
    const yusuf = (await env.http.get('/applications').query({ intakeId: intake.id, q: 'Yusuf Ali' }).set(bearer(coordinator)).expect(200)).body.items[0];
    await page.goto(`${base}/people/${yusuf.personId}`);
    await page.getByRole('button', { name: 'Reveal demographic profile' }).click();
    await page.getByText('No demographic answers recorded.').waitFor();
    await page.getByRole('button', { name: 'Record equality answers' }).click();
    await page.getByText(/Only with the person’s consent/).waitFor();
    await page.getByLabel('Sex', { exact: true }).selectOption('Male');
    await page.getByRole('button', { name: 'Record answers' }).click();
    await page.getByRole('alert').waitFor();
    expect((await env.http.get(`/people/${yusuf.personId}/demographics`).set(bearer(coordinator)).expect(200)).body.profile).toBeNull();
    await page.getByLabel(/^They agreed: /).check();
    await page.getByRole('button', { name: 'Record answers' }).click();
    await page.getByText('Equality answers saved.').waitFor();
    await check(page, 'person-equality');
    const profile = await env.http.get(`/people/${yusuf.personId}/demographics`).set(bearer(coordinator)).expect(200);
    expect(profile.body.profile).toMatchObject({ sex: 'Male' });
    expect(profile.body.consent).toMatchObject({ purpose: 'demographic-monitoring', method: 'paper-form' });
    expect((await counts(env, coordinator, intake.id, ['sex'])).sex).toEqual({ Female: 2, Male: 1 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('table', { name: /The funnel by referral partner/ }).waitFor();
    expect(await page.locator('.error').count()).toBe(0);
    await check(page, 'dashboard');
    expect(findings).toEqual([]);
    await page.context().close();
  });

  it('imports a spreadsheet: a dry run listing every problem by row and column, the column mapping in census wording, then the import with its counts', async () => {
    const target = await openIntake(env, coordinator, { name: 'Paper forms intake' });
    await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Holloway Jobcentre', kind: 'job-centre', code: 'HOLL' }).expect(201);
    const page = await newPage();
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${target.id}`);
    await page.getByRole('link', { name: 'Import applicants from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import applicants from a spreadsheet' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles(FIXTURE);
    await page.getByRole('button', { name: 'Check the file' }).click();

    // Without a mapping, two headers are not recognised, and answers without a consent column cannot be kept.
    const problems = page.getByRole('table', { name: /^Problems, by row and column/ });
    await problems.waitFor();
    const rows = await Promise.all((await problems.locator('tbody tr').all()).map((row) => row.locator('td').allTextContents()));
    expect(rows.filter(([, column]) => column === 'Equality consent').map(([row]) => row)).toEqual(['2', '3', '4', '5', '7', '8']);
    expect(await page.getByRole('button', { name: /^Import / }).count()).toBe(0);
    await check(page, 'import-problems');

    await page.getByLabel('Ethnicity (2021 census)').selectOption({ label: 'Ethnic group' });
    await page.getByLabel('Happy for us to keep equality answers').selectOption({ label: 'Equality consent' });
    await page.getByRole('button', { name: 'Check again with these columns' }).click();
    await page.getByText('7 applicant rows: 7 without problems, 0 problems. 6 rows have equality answers with consent.').waitFor();
    expect((await env.http.get(`/intakes/${target.id}/pipeline`).set(bearer(coordinator)).expect(200)).body.total).toBe(0);
    await check(page, 'import-checked');

    await page.getByRole('button', { name: 'Import 7 applicants' }).click();
    await page.getByRole('heading', { name: 'Imported 7 applicants' }).waitFor();
    await page.getByText(/6 of them with equality answers/).waitFor();
    await check(page, 'import-done');

    // Counted by hand from the fixture (as in test/e2e/front-door/import-with-equality).
    expect((await env.http.get(`/intakes/${target.id}/pipeline`).set(bearer(coordinator)).expect(200)).body.stages).toMatchObject({ applied: 7 });
    expect((await counts(env, coordinator, target.id, ['sex'])).sex).toEqual({ Female: 3, Male: 1, 'Prefer not to say': 2, 'Not recorded': 1 });
    expect(findings).toEqual([]);
    await page.context().close();
  });

  it('moves several applicants in one action with the keyboard only, announces it, keeps focus on the list, and gives each their own stage history', async () => {
    const target = await openIntake(env, coordinator, { name: 'Bulk intake' });
    const applicants = [];
    for (const name of ['Ada Bulk', 'Ben Bulk', 'Cy Bulk', 'Di Bulk']) {
      const applicant = await enterApplicant(env, coordinator, target.id, { name });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      applicants.push(applicant);
    }
    const page = await newPage();
    await signIn(page, base, coordinator.email, PASSWORD, `/intakes/${target.id}`);
    await page.getByRole('table', { name: /Screened: 4 applicants/ }).waitFor();

    // The board comes after the page's navigation and every stage's rows: a long way by Tab.
    const far = { presses: 300 };
    for (const name of ['Ada Bulk', 'Ben Bulk', 'Di Bulk']) {
      await tabTo(page, page.getByRole('checkbox', { name: `Select ${name}` }), far);
      await page.keyboard.press('Space');
    }
    const stage = page.getByLabel('Move the selected applicants to');
    await tabTo(page, stage, far);
    await page.keyboard.type('Offered');
    expect(await stage.inputValue()).toBe('offered');
    await tabTo(page, page.getByRole('button', { name: 'Move 3 selected' }), far);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '3 applicants moved to Offered.' }).waitFor();
    await page.getByRole('table', { name: /Screened: 1 applicant$/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Screened applicants');
    await check(page, 'bulk-moved');

    expect((await env.http.get(`/intakes/${target.id}/pipeline`).set(bearer(coordinator)).expect(200)).body.stages).toMatchObject({ screened: 1, offered: 3 });
    for (const [index, applicant] of applicants.entries()) {
      const { body } = await env.http.get(`/applications/${applicant.id}`).set(bearer(coordinator)).expect(200);
      expect(body.history.map((h: { toStage: string }) => h.toStage)).toEqual(index === 2 ? ['applied', 'screened'] : ['applied', 'screened', 'offered']);
    }
    expect(findings).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
