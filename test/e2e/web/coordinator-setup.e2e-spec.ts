import { Page } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { acceptedApplicants, isoDaysFromToday, mondayOf } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createIntake, createProgramme, enterApplicant } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, VIEWPORTS, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** A coordinator sets up a programme from nothing in the browser, on a laptop and on a phone, and the trainer finds the result. */
describe('web: a coordinator sets up a programme, an intake and a cohort', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let localities: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Support', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    // The borough's census figures, so the intake and dashboard pages show their gap analysis as they would in use.
    localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['North', 'Centre', 'South']);
    await importCensus(env, admin, ['sex_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    // Another programme's applicants, so the dashboard's programme filter has something to leave out.
    const other = await createProgramme(env, coordinator, { name: 'Volunteer befrienders', kind: 'volunteering' });
    const otherIntake = await createIntake(env, coordinator, other.id, { opensOn: isoDaysFromToday(-10), closesOn: isoDaysFromToday(20) });
    await env.http.post(`/intakes/${otherIntake.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
    for (let i = 0; i < 2; i++) await enterApplicant(env, coordinator, otherIntake.id, { name: `Befriender ${i + 1}` });
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  function watchConsole(page: Page, consoleErrors: string[]) {
    page.on('console', (message) => {
      // Opening a page signed out answers 401, and a refused form answers 400: both by design.
      if (message.type() === 'error' && !/status of (401|400)/.test(message.text())) consoleErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 402) consoleErrors.push(`${response.request().method()} ${new URL(response.url()).pathname} answered ${response.status()}`);
    });
  }

  /** The figures table updates after the filter's request answers, so wait for the figure rather than sleep. */
  async function funnelShows(page: Page, expected: string) {
    const deadline = Date.now() + 10_000;
    let seen: string | undefined;
    while (Date.now() < deadline) {
      seen = await funnelRegistered(page);
      if (seen === expected) return;
      await page.waitForTimeout(100);
    }
    expect(seen).toBe(expected);
  }

  const funnelRegistered = async (page: Page) =>
    (
      await page
        .getByRole('table', { name: 'The funnel in figures' })
        .getByRole('row', { name: /^Registered/ })
        .getByRole('cell')
        .first()
        .textContent()
    )?.trim();

  it.each(VIEWPORTS)('at $width px: creates a programme and an intake, opens it, creates a cohort with a trainer, enrols and schedules; the trainer sees the first register', async (viewport) => {
    const { width } = viewport;
    // Names carry the width, so the two runs' programmes, intakes and cohorts are told apart.
    const programme = `Peer Mentor training (${width} px)`;
    const cohortName = `Spring 2026, North (${width} px)`;
    const findings: AxeFinding[] = [];
    const check = pageChecks(findings, 'coordinator-setup', { atWidth: true, settle: true });
    const consoleErrors: string[] = [];
    const context = await web.context(viewport);
    const page = await context.newPage();
    watchConsole(page, consoleErrors);
    await signIn(page, base, coordinator.email, PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intakes', exact: true }).click();
    await page.getByRole('link', { name: 'Programmes and new intakes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    await check(page, 'programmes');

    // A programme with a missing name is refused next to the field, then created.
    await page.getByRole('button', { name: 'Create programme' }).click();
    const nameError = page
      .locator('.field')
      .filter({ has: page.getByLabel('Programme name') })
      .locator('.field-error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toMatch(/name/);
    await page.getByLabel('Programme name').fill(programme);
    await page.getByLabel('Kind of programme').selectOption({ label: 'Training course' });
    await page.getByLabel('Description (optional)').fill('12 weeks to a Level 2 qualification in peer mentoring');
    await page.getByRole('button', { name: 'Create programme' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Programme “${programme}” created.` })
      .waitFor();
    await page.getByRole('rowheader', { name: programme }).waitFor();

    // An intake whose window closes before it opens: the API's message sits next to "Closes on", and focus goes there.
    await page.getByLabel('Programme', { exact: true }).selectOption({ label: programme });
    await page.getByLabel('Intake name').fill('Spring intake');
    await page.getByLabel('Opens on').fill(isoDaysFromToday(-3));
    await page.getByLabel('Closes on').fill(isoDaysFromToday(-5));
    await page.getByLabel('Places', { exact: true }).fill('45');
    for (const locality of localities) await page.getByRole('group', { name: 'Places per locality (optional)' }).getByLabel(locality.name).fill('15');
    await page.getByRole('button', { name: 'Create intake' }).click();
    const closesField = page.locator('.field').filter({ has: page.getByLabel('Closes on') });
    await closesField.locator('.field-error').filter({ hasText: 'Closes on must be on or after opens on' }).waitFor();
    await page.getByRole('alert').getByRole('link', { name: 'Closes on must be on or after opens on' }).waitFor();
    expect(await page.getByLabel('Closes on').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Closes on').getAttribute('aria-describedby')).toMatch(/-error/);
    expect(await page.evaluate<string | undefined>('document.activeElement?.dataset.field')).toBe('closesOn');
    await check(page, 'intake-refused');

    await page.getByLabel('Closes on').fill(isoDaysFromToday(25));
    await page.getByRole('button', { name: 'Create intake' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spring intake' }).waitFor();
    const intakeId = new URL(page.url()).pathname.split('/').pop() as string;
    const created = await env.http.get(`/intakes/${intakeId}`).set(bearer(coordinator)).expect(200);
    expect(created.body).toMatchObject({ name: 'Spring intake', status: 'draft', capacity: 45, opensOn: isoDaysFromToday(-3), closesOn: isoDaysFromToday(25) });
    expect(created.body.localityCapacities).toHaveLength(3);
    expect(created.body.localityCapacities.every((l: { capacity: number }) => l.capacity === 15)).toBe(true);

    // Opened for applications from its page.
    await page.getByRole('button', { name: 'Open for applications' }).click();
    await page.getByRole('status').filter({ hasText: 'The intake is now open.' }).waitFor();
    await page.getByRole('button', { name: 'Close applications' }).waitFor();
    expect((await env.http.get(`/intakes/${intakeId}`).set(bearer(coordinator)).expect(200)).body.status).toBe('open');
    await check(page, 'intake-opened');

    // Four applicants accepted through the API, two from the north.
    const learners = await acceptedApplicants(env, coordinator, intakeId, 4, (i) => ({ name: `Learner ${i + 1}`, localityId: localities[i < 2 ? 0 : 2].id }));

    // A cohort from the intake, taught by the trainer.
    await page.getByRole('link', { name: 'Create a cohort from this intake' }).click();
    await page.getByRole('heading', { level: 1, name: 'New cohort' }).waitFor();
    expect(await page.getByLabel('Intake it draws from').inputValue()).toBe(intakeId);
    await check(page, 'new-cohort');
    await page.getByLabel('Cohort name').fill(cohortName);
    await page.getByLabel('Start date').fill(mondayOf(isoDaysFromToday(-7)));
    await page.getByLabel('Places').fill('0');
    await page.getByLabel('Venue (optional)').fill('Community Centre, Room 2');
    await page.getByRole('group', { name: 'Trainers' }).getByLabel('trainer person').check();
    await page.getByRole('button', { name: 'Create cohort' }).click();
    // Too few places: refused next to the field.
    await page
      .locator('.field')
      .filter({ has: page.getByLabel('Places') })
      .locator('.field-error')
      .filter({ hasText: /^Places / })
      .waitFor();
    await page.getByLabel('Places').fill('15');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByRole('heading', { level: 1, name: `Set up ${cohortName}` }).waitFor();
    const cohortId = new URL(page.url()).pathname.split('/')[2];
    const cohort = await env.http.get(`/cohorts/${cohortId}`).set(bearer(coordinator)).expect(200);
    expect(cohort.body).toMatchObject({ intakeId, capacity: 15, venue: 'Community Centre, Room 2', trainerUserIds: [trainer.userId] });
    await check(page, 'cohort-setup');

    // Every accepted applicant is ticked; all four are enrolled.
    const applicants = page.getByRole('group', { name: 'Accepted applicants to enrol (4)' });
    for (let i = 1; i <= 4; i++) expect(await applicants.getByLabel(`Learner ${i}`).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Enrol 4 people' }).click();
    await page.getByRole('status').filter({ hasText: 'Enrolled 4 people.' }).waitFor();
    await page.getByText('No accepted applicants are waiting to be enrolled.').waitFor();
    const enrolments = await env.http.get(`/cohorts/${cohortId}/enrolments`).set(bearer(coordinator)).expect(200);
    expect(enrolments.body.map((e: { personId: string }) => e.personId).sort()).toEqual(learners.map((l) => l.personId).sort());

    // The weekly schedule: a bad length is refused next to its field, then twelve Wednesdays at 18:00.
    await page.getByLabel('Day of the week').selectOption({ label: 'Wednesday' });
    await page.getByLabel('Number of sessions').fill('12');
    await page.getByLabel('Start time').fill('18:00');
    await page.getByLabel('Length of each session (minutes)').fill('2');
    await page.getByRole('button', { name: 'Generate weekly schedule' }).click();
    await page
      .locator('.field')
      .filter({ has: page.getByLabel('Length of each session (minutes)') })
      .locator('.field-error')
      .filter({ hasText: /^Length of each session \(minutes\) must/ })
      .waitFor();
    expect(await page.evaluate<string | undefined>('document.activeElement?.dataset.field')).toBe('durationMinutes');
    await page.getByLabel('Length of each session (minutes)').fill('120');
    await page.getByRole('button', { name: 'Generate weekly schedule' }).click();
    await page.getByRole('status').filter({ hasText: '12 sessions scheduled.' }).waitFor();
    const sessionsTable = page.getByRole('table', { name: 'The cohort’s sessions (12)' });
    await sessionsTable.waitFor();
    expect(await sessionsTable.getByRole('row').nth(1).textContent()).toMatch(/^1Wed.*18:00Community Centre, Room 2$/);
    const sessions = await env.http.get(`/cohorts/${cohortId}/sessions`).set(bearer(coordinator)).expect(200);
    expect(sessions.body).toHaveLength(12);
    expect(sessions.body[0]).toMatchObject({ startTime: '18:00', durationMinutes: 120 });
    await check(page, 'cohort-scheduled');

    // The dashboard's funnel, filtered: everyone (the other run's applicants too, so as the API counts them), this programme (4), its northern applicants (2), a period before anyone (0).
    const everyone = (await env.http.get('/funnel').set(bearer(coordinator)).expect(200)).body.stages.find((s: { stage: string }) => s.stage === 'registered').count;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('table', { name: 'The funnel in figures' }).waitFor();
    // The figures the page booted with may show first, until the dashboard's own read comes back.
    await funnelShows(page, String(everyone));
    const filters = page.getByRole('group', { name: 'Show the funnel for' });
    await filters.getByLabel('Programme').selectOption({ label: programme });
    await funnelShows(page, '4');
    await filters.getByLabel('Locality').selectOption({ label: 'North' });
    await funnelShows(page, '2');
    await filters.getByLabel('Registered to').fill(isoDaysFromToday(-30));
    await funnelShows(page, '0');
    // A period that ends before it starts is named next to its field instead of showing nobody.
    await filters.getByLabel('Registered from').fill(isoDaysFromToday(-20));
    await filters.locator('.field-error').filter({ hasText: 'The end of the period must be on or after its start' }).waitFor();
    await check(page, 'dashboard-filtered');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await funnelShows(page, String(everyone));
    await context.close();

    // The trainer finds the cohort and opens its first register.
    const trainerContext = await web.context(viewport);
    const trainerPage = await trainerContext.newPage();
    watchConsole(trainerPage, consoleErrors);
    await signIn(trainerPage, base, trainer.email, PASSWORD);
    await trainerPage.getByRole('heading', { level: 1, name: 'My cohorts' }).waitFor();
    await trainerPage.getByRole('link', { name: cohortName }).click();
    await trainerPage.getByRole('heading', { level: 1, name: cohortName }).waitFor();
    expect(await trainerPage.getByRole('link', { name: 'Enrol applicants and set the schedule' }).count()).toBe(0);
    await trainerPage.getByRole('link', { name: 'Take the register for week 1', exact: true }).click();
    await trainerPage.getByRole('heading', { level: 1, name: /^Register: week 1/ }).waitFor();
    for (let i = 1; i <= 4; i++) await trainerPage.getByText(`Learner ${i}`, { exact: true }).first().waitFor();
    await check(trainerPage, 'trainer-first-register');
    // The set-up pages are the coordinator's: the trainer is told so.
    await trainerPage.goto(`${base}/cohorts/${cohortId}/setup`);
    await trainerPage.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
    await trainerContext.close();

    expect(consoleErrors).toEqual([]);
    expect(findings).toEqual([]);
  });
});
