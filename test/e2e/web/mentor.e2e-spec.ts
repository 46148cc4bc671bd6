import { readFileSync } from 'node:fs';
import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createHost, placementBody } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, screenshot, seriousAccessibilityFindings, signIn, VIEWPORTS, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** Each width has its own mentor and record, so the two runs never see each other's changes. */
const MENTORS = [
  { ...VIEWPORTS[0], name: 'Nadia Shah' },
  { ...VIEWPORTS[1], name: 'Maya Lewis' },
];

interface Mentor {
  mentor: SignedIn;
  own: { id: string; personId: string };
}

/** A peer mentor sees their own sessions, placement, progression and data, and nobody else's. */
describe('web: a mentor sees only their own record', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  const mentors = new Map<number, Mentor>();
  let mentor: SignedIn;
  let cohort: { id: string; name: string };
  let other: { personId: string };
  let coordinator: SignedIn;
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    const admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
    const trainer = await addMember(env, admin, Role.Trainer);
    cohort = await createCohort(env, coordinator, [trainer], { name: 'Peer Mentor training, spring cohort' });
    const [nadia, maya, someoneElse] = await acceptedApplicants(env, coordinator, (cohort as unknown as { intakeId: string }).intakeId, 3, (i) => ({
      name: [...MENTORS.map((m) => m.name), 'Ravi Someone-Else'][i],
    }));
    other = someoneElse;
    await enrolApplications(env, coordinator, cohort.id, [nadia.id, maya.id, someoneElse.id]);
    await generateSchedule(env, coordinator, cohort.id, { sessions: 20 });
    const mine = await createHost(env, coordinator, { name: 'Islington Mind' });
    const theirs = await createHost(env, coordinator, { name: 'Elsewhere Housing' });
    for (const [i, own] of [nadia, maya].entries()) {
      const account = await addMember(env, admin, Role.Mentor);
      await env.http.put(`/people/${own.personId}/account`).set(bearer(coordinator)).send({ userId: account.userId }).expect(200);
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(own.personId, mine.id, 0, { status: 'active' }))
        .expect(201);
      mentors.set(MENTORS[i].width, { mentor: account, own });
    }
    mentor = mentors.get(390)!.mentor;
    await env.http
      .post('/placements')
      .set(bearer(coordinator))
      .send(placementBody(someoneElse.personId, theirs.id, 0, { status: 'active' }))
      .expect(201);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it.each(MENTORS)('shows their sessions, placement with supervision dates, progression and a download of their data, at $width px', async ({ name, ...viewport }) => {
    const { width } = viewport;
    const { mentor, own } = mentors.get(width)!;
    const others = MENTORS.filter((m) => m.name !== name).map((m) => m.name);
    const context = await web.context(viewport);
    const page = await context.newPage();
    const findings: AxeFinding[] = [];
    const check = pageChecks(findings, 'mentor', { atWidth: true });
    await signIn(page, base, mentor.email, PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'My sessions' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My sessions', 'My activity', 'My expenses', 'My placement', 'My progression', 'My details', 'My data']);
    await page.getByRole('table', { name: 'Your next sessions' }).getByText(cohort.name).first().waitFor();
    await check(page, 'sessions');

    await nav.getByRole('link', { name: 'My placement' }).click();
    await page.getByRole('heading', { name: 'Peer support volunteer at Islington Mind' }).waitFor();
    await page.getByText(/Next due:/).waitFor();
    expect(await page.getByText('Elsewhere Housing').count()).toBe(0);
    await check(page, 'placement');

    await nav.getByRole('link', { name: 'My progression' }).click();
    await page.getByText(/Started the course: yes/).waitFor();
    await page.getByText(/Started a placement: yes/).waitFor();
    await page.getByText(/Started a job: not yet/).waitFor();
    await check(page, 'progression');

    await nav.getByRole('link', { name: 'My data' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    const [readable] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a copy to read' }).click()]);
    expect(readable.suggestedFilename()).toBe('my-data.html');
    const html = readFileSync((await readable.path())!, 'utf8');
    expect(html).toContain('Why we hold this:');
    expect(html).toContain(name);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
    const data = readFileSync((await json.path())!, 'utf8');
    expect(JSON.parse(data).sections.details.records[0].name).toBe(name);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toContain('table,placements,Your placements');
    for (const file of [html, data]) {
      for (const someoneElse of ['Ravi Someone-Else', ...others]) expect(file).not.toContain(someoneElse);
      expect(file).not.toContain('Elsewhere Housing');
      expect(file).not.toContain(own.personId);
    }
    await check(page, 'data');
    expect(findings).toEqual([]);
    await context.close();
  });

  it.each(MENTORS)('changes their contact details and gives and withdraws each consent at $width px, with the effects in the API', async ({ name, ...viewport }) => {
    const { width } = viewport;
    const { mentor, own } = mentors.get(width)!;
    const email = `${name.toLowerCase().replace(' ', '.')}@example.org`;
    const context = await web.context(viewport);
    const page = await context.newPage();
    const findings: AxeFinding[] = [];
    const check = pageChecks(findings, 'mentor', { atWidth: true });
    await signIn(page, base, mentor.email, PASSWORD, '/me/details');
    await page.getByRole('heading', { level: 1, name: 'My details' }).waitFor();

    // A mistake is named in the summary, which links to the field, and nothing is saved.
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Save my details' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Email address must be an email address' }).waitFor();
    await check(page, 'details-error');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Phone number').fill('020 7946 0000');
    await page.getByLabel('Postcode').fill('n7 8jl');
    await page.getByRole('checkbox', { name: 'Text message' }).check();
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByRole('status').filter({ hasText: 'Your details have been saved.' }).waitFor();
    expect(await page.getByLabel('Postcode').inputValue()).toBe('N7 8JL');
    const { body: person } = await env.http.get(`/people/${own.personId}`).set(bearer(coordinator)).expect(200);
    expect(person).toMatchObject({ email, phone: '020 7946 0000', postcode: 'N7 8JL' });
    expect(person.contactPreferences).toContain('sms');

    // Consent to be contacted: given, then withdrawn after a confirmation.
    const contact = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Being contacted' }) });
    await contact.getByRole('button', { name: 'Give consent to be contacted' }).click();
    await contact.getByText('Given', { exact: true }).waitFor();
    await contact.getByRole('button', { name: 'Withdraw consent to be contacted' }).click();
    await contact.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
    await contact.getByRole('button', { name: 'Give consent to be contacted' }).waitFor();
    const consents = async () => (await env.http.get(`/people/${own.personId}/consents`).set(bearer(coordinator)).expect(200)).body as Array<{ purpose: string; withdrawnAt: string | null }>;
    expect((await consents()).filter((c) => c.purpose === 'contact').map((c) => c.withdrawnAt !== null)).toContain(true);

    // Equality monitoring: the answers go with the consent, and withdrawing deletes them.
    const equality = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Equality monitoring' }) });
    await equality.getByRole('button', { name: 'Answer the equality questions' }).click();
    await equality.getByLabel('What is your sex?').selectOption('Female');
    await equality.getByRole('button', { name: 'Save my answers and my consent' }).click();
    await equality.getByRole('link', { name: 'Tick the box to agree: your answers are kept only with your consent' }).waitFor();
    await equality.getByRole('checkbox', { name: /I agree that the organisation running this programme may keep my answers/ }).check();
    await equality.getByRole('button', { name: 'Save my answers and my consent' }).click();
    await equality.getByRole('button', { name: 'Withdraw consent to equality monitoring' }).waitFor();
    expect((await env.http.get(`/people/${own.personId}/demographics`).set(bearer(coordinator)).expect(200)).body.profile.sex).toBe('Female');
    await check(page, 'details');
    await equality.getByRole('button', { name: 'Withdraw consent to equality monitoring' }).click();
    await equality.getByText('Your answers to the equality questions will be deleted straight away.').waitFor();
    await equality.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
    await equality.getByRole('button', { name: 'Answer the equality questions' }).waitFor();
    expect((await env.http.get(`/people/${own.personId}/demographics`).set(bearer(coordinator)).expect(200)).body.profile).toBeNull();
    expect(findings).toEqual([]);
    await context.close();
  });

  it('is refused the pages of coordinators and trainers, and the API refuses the data behind them', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await signIn(page, base, mentor.email, PASSWORD);
    for (const path of [`/people/${other.personId}`, '/people', `/cohorts/${cohort.id}`, '/dashboard', '/intakes']) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
      expect(await page.getByText('Ravi Someone-Else').count()).toBe(0);
    }
    await screenshot(page, 'mentor-refused');
    findings.push(...(await seriousAccessibilityFindings(page, 'refused')));
    // The page is only the first door: the API answers the mentor's own session with 403 too.
    const answers = await page.evaluate(
      async (paths) => Promise.all(paths.map(async (p) => (await fetch(p, { headers: { Accept: 'application/json' } })).status)),
      [`/people/${other.personId}`, `/cohorts/${cohort.id}/enrolments`, '/placements'],
    );
    expect(answers).toEqual([403, 403, 403]);
    expect(findings).toEqual([]);
    await context.close();
  });
});
