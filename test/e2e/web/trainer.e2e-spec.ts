import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, isoDaysFromToday, mondayOf, saveRegister } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, screenshot, seriousAccessibilityFindings, signIn, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** A trainer on a phone: the register one tap per person, saved through a lost connection and a reload. */
describe('web: a trainer takes a register on a phone', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let trainer: SignedIn;
  let coordinator: SignedIn;
  let cohort: { id: string; name: string };
  let sessions: Array<{ id: string; week: number | null; registerVersion: number }>;
  let people: Array<{ personId: string }>;
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    const admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    cohort = await createCohort(env, coordinator, [trainer], { name: 'Peer Mentor training, spring cohort' });
    const applicants = await acceptedApplicants(env, coordinator, (cohort as unknown as { intakeId: string }).intakeId, 8, (i) => ({ name: `Trainee ${i + 1}` }));
    await enrolApplications(
      env,
      coordinator,
      cohort.id,
      applicants.map((a) => a.id),
    );
    people = applicants;
    sessions = await generateSchedule(env, coordinator, cohort.id);
    // Weeks 1 to 3 taken; Trainee 4 missed weeks 2 and 3, so is at risk.
    for (const session of sessions.slice(0, 3)) {
      await saveRegister(
        env,
        coordinator,
        session.id,
        session.registerVersion,
        people.map((p, i) => ({ personId: p.personId, status: i === 3 && session.week !== 1 ? 'absent' : 'present' })),
      ).expect(200);
    }
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('marks each person with one tap at 390 px, keeps marks through a lost connection, and shows them saved after a reload', async () => {
    const context = await web.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, base, trainer.email, PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'My cohorts' }).waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'my-cohorts')));
    await screenshot(page, 'trainer-my-cohorts');

    await page.getByRole('link', { name: cohort.name }).click();
    await page.getByRole('heading', { level: 1, name: cohort.name }).waitFor();
    await page
      .getByRole('table', { name: /People at risk/ })
      .getByText('Trainee 4')
      .waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'cohort')));
    await screenshot(page, 'trainer-cohort');

    await page.getByRole('link', { name: 'Take the register for week 4' }).click();
    await page.getByRole('heading', { level: 1, name: /Register: week 4/ }).waitFor();
    const status = page.getByTestId('register-status');
    await status.getByText('Nothing recorded yet').waitFor();
    // Nothing scrolls sideways on a phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    const row = (name: string) => page.getByRole('group', { name });
    await row('Trainee 1').getByRole('button', { name: 'Present' }).tap();
    await row('Trainee 2').getByRole('button', { name: 'Late' }).tap();
    await status.getByText(/All changes saved/).waitFor();

    // The signal drops: the marks stay on the phone and say so, then go when it comes back.
    await context.setOffline(true);
    await row('Trainee 4').getByRole('button', { name: 'Absent' }).tap();
    await status.getByText(/Not saved – no connection/).waitFor();
    expect(await page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('steppingstone.register.')).length")).toBe(1);
    await screenshot(page, 'trainer-register-offline');
    await context.setOffline(false);
    await status.getByText(/All changes saved/).waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Mark the other 5 present' }).tap();
    await status.getByText(/All changes saved/).waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'register')));
    await screenshot(page, 'trainer-register');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Register: week 4/ }).waitFor();
    await status.getByText(/All changes saved/).waitFor();
    expect(await row('Trainee 2').getByRole('button', { name: 'Late' }).getAttribute('aria-pressed')).toBe('true');
    expect(await row('Trainee 4').getByRole('button', { name: 'Absent' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('steppingstone.register.')).length")).toBe(0);

    const register = await env.http.get(`/sessions/${sessions[3].id}/register`).set(bearer(trainer)).expect(200);
    const saved = Object.fromEntries(register.body.entries.map((e: { name: string; status: string }) => [e.name, e.status]));
    expect(saved).toMatchObject({ 'Trainee 1': 'present', 'Trainee 2': 'late', 'Trainee 4': 'absent', 'Trainee 8': 'present' });

    // At risk, and a withdrawal with its reason.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'At risk' }).tap();
    await page.getByRole('heading', { level: 1, name: 'At risk of dropping out' }).waitFor();
    await page.getByRole('row', { name: /Trainee 4/ }).waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'at-risk')));
    await screenshot(page, 'trainer-at-risk');

    await page.goto(`${base}/cohorts/${cohort.id}`);
    const record = page.locator('details', { hasText: 'Record for Trainee 4' });
    await record.getByText('Record for Trainee 4').tap();
    // Nothing is chosen for the trainer, and a withdrawal asks for its reason, then for confirmation.
    expect(await record.getByLabel('Result').inputValue()).toBe('');
    expect(await record.getByLabel('Main reason').inputValue()).toBe('');
    await record.getByRole('button', { name: 'Record withdrawal' }).tap();
    await record.getByText('Choose the main reason Trainee 4 left').waitFor();
    await record.getByLabel('Main reason').selectOption('caring-responsibilities');
    await record.getByRole('button', { name: 'Record withdrawal' }).tap();
    await record
      .getByRole('alertdialog')
      .getByText(/Withdraw Trainee 4 from .* \(caring duties\)\?/)
      .waitFor();
    await record.getByRole('button', { name: 'Yes, withdraw Trainee 4' }).tap();
    await page
      .getByRole('row', { name: /Trainee 4/ })
      .getByRole('cell', { name: /^(Status: )?Withdrawn$/ })
      .waitFor();
    await page
      .getByRole('table', { name: 'Withdrawals by reason' })
      .getByRole('row', { name: /Caring duties\s*1/ })
      .waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'cohort-after-withdrawal')));
    const enrolments = await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(trainer)).expect(200);
    expect(enrolments.body.find((e: { name: string }) => e.name === 'Trainee 4').state).toBe('withdrawn');

    // Undone from the same place: re-admitted, and back on the course.
    await record.getByRole('button', { name: 'Re-admit Trainee 4' }).tap();
    await page
      .getByRole('row', { name: /Trainee 4/ })
      .getByRole('cell', { name: /^(Status: )?Withdrawn$/ })
      .waitFor({ state: 'detached' });
    const readmitted = await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(trainer)).expect(200);
    expect(readmitted.body.find((e: { name: string }) => e.name === 'Trainee 4').state).toBe('enrolled');

    expect(findings).toEqual([]);
    await context.close();
  });

  it('offers only excused before a session starts, and says when the rest can be marked', async () => {
    const nextMonth = await createCohort(env, coordinator, [trainer], { name: 'Peer Mentor training, next cohort', startsOn: mondayOf(isoDaysFromToday(28)) });
    const [newcomer] = await acceptedApplicants(env, coordinator, (nextMonth as unknown as { intakeId: string }).intakeId, 1, () => ({ name: 'Trainee 1' }));
    await enrolApplications(env, coordinator, nextMonth.id, [newcomer.id]);
    const [later] = await generateSchedule(env, coordinator, nextMonth.id);
    const detail = await env.http.get(`/sessions/${later.id}`).set(bearer(trainer)).expect(200);
    expect(new Date(detail.body.startsAt).getTime()).toBeGreaterThan(Date.now());
    const context = await web.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, base, trainer.email, PASSWORD, `/sessions/${later.id}/register`);
    await page.getByTestId('register-not-started').waitFor();
    const row = page.getByRole('group', { name: 'Trainee 1' });
    expect(await row.getByRole('button').allTextContents()).toEqual(['Excused']);
    expect(await page.getByRole('button', { name: /Mark the other/ }).count()).toBe(0);
    await row.getByRole('button', { name: 'Excused' }).tap();
    await page
      .getByTestId('register-status')
      .getByText(/All changes saved/)
      .waitFor();
    const register = await env.http.get(`/sessions/${later.id}/register`).set(bearer(trainer)).expect(200);
    expect(register.body.entries.find((e: { name: string }) => e.name === 'Trainee 1').status).toBe('excused');
    findings.push(...(await seriousAccessibilityFindings(page, 'register-before-start')));
    // A cohort that starts next month does not say it has started.
    await page.goto(`${base}/cohorts/${nextMonth.id}`);
    await page.getByText(/^Starts .* · 1 enrolled/).waitFor();
    expect(findings).toEqual([]);
    await context.close();
  });

  it('sends a trainer whose session ended to sign in and back to the register, with unsaved marks sent then', async () => {
    const context = await web.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, base, trainer.email, PASSWORD, `/sessions/${sessions[4].id}/register`);
    await page.waitForURL(`**/sessions/${sessions[4].id}/register`);
    await page.getByTestId('register-status').getByText('Nothing recorded yet').waitFor();

    // The session ends elsewhere (signed out on another device would do the same).
    await context.clearCookies();
    await page.getByRole('group', { name: 'Trainee 1' }).getByRole('button', { name: 'Absent' }).tap();
    await page.waitForURL(/\/sign-in\?/);
    await page.getByText('Your session ended').waitFor();
    await page.getByLabel('Email address').fill(trainer.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/sessions/${sessions[4].id}/register`);
    await page
      .getByTestId('register-status')
      .getByText(/All changes saved/)
      .waitFor();
    const register = await env.http.get(`/sessions/${sessions[4].id}/register`).set(bearer(trainer)).expect(200);
    expect(register.body.entries.find((e: { name: string }) => e.name === 'Trainee 1').status).toBe('absent');
    await context.close();
  });
});
