import { readFileSync } from 'node:fs';
import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createHost, placementBody } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, screenshot, seriousAccessibilityFindings, signIn, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** A peer mentor sees their own sessions, placement, progression and data, and nobody else's. */
describe('web: a mentor sees only their own record', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let mentor: SignedIn;
  let cohort: { id: string; name: string };
  let other: { personId: string };
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    const admin = await signUpOrganisation(env);
    const coordinator = await addMember(env, admin, Role.Coordinator);
    const trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
    cohort = await createCohort(env, coordinator, [trainer], { name: 'Peer Mentor training, spring cohort' });
    const [own, someoneElse] = await acceptedApplicants(env, coordinator, (cohort as unknown as { intakeId: string }).intakeId, 2, (i) => ({ name: i === 0 ? 'Maya Lewis' : 'Ravi Someone-Else' }));
    other = someoneElse;
    await enrolApplications(env, coordinator, cohort.id, [own.id, someoneElse.id]);
    await generateSchedule(env, coordinator, cohort.id, { sessions: 20 });
    await env.http.put(`/people/${own.personId}/account`).set(bearer(coordinator)).send({ userId: mentor.userId }).expect(200);
    const mine = await createHost(env, coordinator, { name: 'Islington Mind' });
    const theirs = await createHost(env, coordinator, { name: 'Elsewhere Housing' });
    await env.http.post('/placements').set(bearer(coordinator)).send(placementBody(own.personId, mine.id, 0, { status: 'active' })).expect(201);
    await env.http.post('/placements').set(bearer(coordinator)).send(placementBody(someoneElse.personId, theirs.id, 0, { status: 'active' })).expect(201);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('shows their sessions, placement with supervision dates, progression and a download of their data', async () => {
    const context = await web.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, base, mentor.email, PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'My sessions' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My sessions', 'My activity', 'My expenses', 'My placement', 'My progression', 'My data']);
    await page.getByRole('table', { name: 'Your next sessions' }).getByText(cohort.name).first().waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'my-sessions')));
    await screenshot(page, 'mentor-sessions');

    await nav.getByRole('link', { name: 'My placement' }).click();
    await page.getByRole('heading', { name: 'Peer support volunteer at Islington Mind' }).waitFor();
    await page.getByText(/Next due:/).waitFor();
    expect(await page.getByText('Elsewhere Housing').count()).toBe(0);
    findings.push(...(await seriousAccessibilityFindings(page, 'my-placement')));
    await screenshot(page, 'mentor-placement');

    await nav.getByRole('link', { name: 'My progression' }).click();
    await page.getByText(/Started the course: yes/).waitFor();
    await page.getByText(/Started a placement: yes/).waitFor();
    await page.getByText(/Started a job: not yet/).waitFor();
    findings.push(...(await seriousAccessibilityFindings(page, 'my-progression')));

    await nav.getByRole('link', { name: 'My data' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    const data = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(data).person.name).toBe('Maya Lewis');
    expect(data).not.toContain('Ravi Someone-Else');
    expect(data).not.toContain('Elsewhere Housing');
    findings.push(...(await seriousAccessibilityFindings(page, 'my-data')));
    await screenshot(page, 'mentor-data');

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
    const answers = await page.evaluate(async (paths) => Promise.all(paths.map(async (p) => (await fetch(p, { headers: { Accept: 'application/json' } })).status)), [`/people/${other.personId}`, `/cohorts/${cohort.id}/enrolments`, '/placements']);
    expect(answers).toEqual([403, 403, 403]);
    expect(findings).toEqual([]);
    await context.close();
  });
});
