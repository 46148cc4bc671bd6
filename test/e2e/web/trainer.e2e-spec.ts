import { Locator } from 'playwright-core';
import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, isoDaysFromToday, mondayOf, saveRegister } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, fitsTheWidth, pageChecks, screenshot, seriousAccessibilityFindings, signIn, tabTo, VIEWPORTS, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

interface Course {
  trainer: SignedIn;
  cohort: { id: string; name: string };
  sessions: Array<{ id: string; week: number | null; registerVersion: number }>;
}

/** A trainer takes the register: one tap per person on a phone, the keyboard alone on a laptop, saved through a lost connection and a reload. */
describe('web: a trainer takes a register', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let admin: SignedIn;
  let coordinator: SignedIn;
  // One trainer and cohort per width, so the two runs of the register flow never see each other's marks.
  const courses = new Map<number, Course>();
  // The phone's trainer and cohort, for the register's other cases.
  let trainer: SignedIn;
  let sessions: Course['sessions'];
  const findings: AxeFinding[] = [];

  async function seedCourse(name: string): Promise<Course> {
    const trainer = await addMember(env, admin, Role.Trainer);
    const cohort = await createCohort(env, coordinator, [trainer], { name });
    const applicants = await acceptedApplicants(env, coordinator, cohort.intakeId, 8, (i) => ({ name: `Trainee ${i + 1}` }));
    await enrolApplications(
      env,
      coordinator,
      cohort.id,
      applicants.map((a) => a.id),
    );
    const sessions = await generateSchedule(env, coordinator, cohort.id);
    // Weeks 1 to 3 taken; Trainee 4 missed weeks 2 and 3, so is at risk.
    for (const session of sessions.slice(0, 3)) {
      await saveRegister(
        env,
        coordinator,
        session.id,
        session.registerVersion,
        applicants.map((p, i) => ({ personId: p.personId, status: i === 3 && session.week !== 1 ? 'absent' : 'present' })),
      ).expect(200);
    }
    return { trainer, cohort, sessions };
  }

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    for (const { width } of VIEWPORTS) courses.set(width, await seedCourse(`Peer Mentor training, spring cohort (${width} px)`));
    ({ trainer, sessions } = courses.get(390)!);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it.each(VIEWPORTS)(
    'marks each person at $width px (one tap on a phone, the keyboard alone on a laptop), keeps marks through a lost connection, and shows them saved after a reload',
    async (viewport) => {
      const { width } = viewport;
      const phone = width < 500;
      const { trainer, cohort, sessions } = courses.get(width)!;
      const context = await web.context(viewport);
      const page = await context.newPage();
      const findings: AxeFinding[] = [];
      const check = pageChecks(findings, 'trainer', { atWidth: true });
      /** A tap on the phone; on the laptop, focus and Enter, as someone without a mouse would. */
      const activate = async (target: Locator) => {
        if (phone) return target.tap();
        await target.focus();
        await page.keyboard.press('Enter');
      };
      /** A register mark: a tap on the phone; on the laptop, Tab (or Shift+Tab) to the button and Space. */
      const mark = async (target: Locator, backwards = false) => {
        if (phone) return target.tap();
        await tabTo(page, target, { backwards });
        await page.keyboard.press('Space');
      };

      await signIn(page, base, trainer.email, PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'My cohorts' }).waitFor();
      await check(page, 'my-cohorts');

      await activate(page.getByRole('link', { name: cohort.name }));
      await page.getByRole('heading', { level: 1, name: cohort.name }).waitFor();
      await page
        .getByRole('table', { name: /People at risk/ })
        .getByText('Trainee 4')
        .waitFor();
      await check(page, 'cohort');

      await activate(page.getByRole('link', { name: 'Take the register for week 4' }));
      await page.getByRole('heading', { level: 1, name: /Register: week 4/ }).waitFor();
      const status = page.getByTestId('register-status');
      await status.getByText('Nothing recorded yet').waitFor();
      await fitsTheWidth(page, `register at ${width} px`);

      const row = (name: string) => page.getByRole('group', { name });
      await mark(row('Trainee 1').getByRole('button', { name: 'Present' }));
      await mark(row('Trainee 2').getByRole('button', { name: 'Late' }));
      await status.getByText(/All changes saved/).waitFor();

      // The signal drops: the marks stay on the device and say so, then go when it comes back.
      await context.setOffline(true);
      await mark(row('Trainee 4').getByRole('button', { name: 'Absent' }));
      await status.getByText(/Not saved – no connection/).waitFor();
      expect(await page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('steppingstone.register.')).length")).toBe(1);
      await screenshot(page, `trainer-register-offline-${width}`);
      await context.setOffline(false);
      await status.getByText(/All changes saved/).waitFor({ timeout: 15_000 });
      // Coming back online refetches the page's data; focus stays on the mark rather than jumping to the heading.
      expect(
        await row('Trainee 4')
          .getByRole('button', { name: 'Absent' })
          .evaluate((el) => el.matches(':focus')),
      ).toBe(true);

      // The button for the rest sits above the list: back up to it.
      await mark(page.getByRole('button', { name: 'Mark the other 5 present' }), true);
      await status.getByText(/All changes saved/).waitFor();
      await check(page, 'register');

      await page.reload();
      await page.getByRole('heading', { level: 1, name: /Register: week 4/ }).waitFor();
      await status.getByText(/All changes saved/).waitFor();
      expect(await row('Trainee 2').getByRole('button', { name: 'Late' }).getAttribute('aria-pressed')).toBe('true');
      expect(await row('Trainee 4').getByRole('button', { name: 'Absent' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('steppingstone.register.')).length")).toBe(0);

      const register = await env.http.get(`/sessions/${sessions[3].id}/register`).set(bearer(trainer)).expect(200);
      const saved = Object.fromEntries(register.body.entries.map((e: { name: string; status: string }) => [e.name, e.status]));
      expect(saved).toEqual({
        'Trainee 1': 'present',
        'Trainee 2': 'late',
        'Trainee 3': 'present',
        'Trainee 4': 'absent',
        'Trainee 5': 'present',
        'Trainee 6': 'present',
        'Trainee 7': 'present',
        'Trainee 8': 'present',
      });

      // At risk, and a withdrawal with its reason.
      await activate(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'At risk' }));
      await page.getByRole('heading', { level: 1, name: 'At risk of dropping out' }).waitFor();
      await page.getByRole('row', { name: /Trainee 4/ }).waitFor();
      await check(page, 'at-risk');

      await page.goto(`${base}/cohorts/${cohort.id}`);
      const record = page.locator('details', { hasText: 'Record for Trainee 4' });
      await activate(record.getByText('Record for Trainee 4'));
      // Nothing is chosen for the trainer, and a withdrawal asks for its reason, then for confirmation.
      expect(await record.getByLabel('Result').inputValue()).toBe('');
      expect(await record.getByLabel('Main reason').inputValue()).toBe('');
      await activate(record.getByRole('button', { name: 'Record withdrawal' }));
      await record.getByText('Choose the main reason Trainee 4 left').waitFor();
      await record.getByLabel('Main reason').selectOption('caring-responsibilities');
      await activate(record.getByRole('button', { name: 'Record withdrawal' }));
      await record
        .getByRole('alertdialog')
        .getByText(/Withdraw Trainee 4 from .* \(caring duties\)\?/)
        .waitFor();
      await activate(record.getByRole('button', { name: 'Yes, withdraw Trainee 4' }));
      await page
        .getByRole('row', { name: /Trainee 4/ })
        .getByRole('cell', { name: /^(Status: )?Withdrawn$/ })
        .waitFor();
      await page
        .getByRole('table', { name: 'Withdrawals by reason' })
        .getByRole('row', { name: /Caring duties\s*1/ })
        .waitFor();
      await check(page, 'cohort-after-withdrawal');
      const enrolments = await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(trainer)).expect(200);
      expect(enrolments.body.find((e: { name: string }) => e.name === 'Trainee 4').state).toBe('withdrawn');

      // Undone from the same place: re-admitted, and back on the course.
      await activate(record.getByRole('button', { name: 'Re-admit Trainee 4' }));
      await page
        .getByRole('row', { name: /Trainee 4/ })
        .getByRole('cell', { name: /^(Status: )?Withdrawn$/ })
        .waitFor({ state: 'detached' });
      const readmitted = await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(trainer)).expect(200);
      expect(readmitted.body.find((e: { name: string }) => e.name === 'Trainee 4').state).toBe('enrolled');

      expect(findings).toEqual([]);
      await context.close();
    },
  );

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
