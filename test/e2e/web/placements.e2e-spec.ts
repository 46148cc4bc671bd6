import { Page } from 'playwright-core';
import { addDays, Role } from '@steppingstone/core';
import { localitiesOfSmallAreas } from '../../factories/census';
import { isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson } from '../../factories/people';
import { createHost, createOpportunity } from '../../factories/progression';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, tabTo, WebBrowser } from './support/browser';

jest.setTimeout(240_000);

/** A coordinator runs placements in the browser: placing, moving on, supervising, reviewing, hosts and paid roles. */
describe('web: a coordinator’s placements', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  let coordinator: SignedIn;
  let localities: Array<{ id: string; name: string }>;
  let amara: { id: string; name: string };
  let bilal: { id: string; name: string };
  let host: { id: string; name: string };
  let opportunity: { id: string; roleTitle: string };
  const findings: AxeFinding[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.start({ listen: true });
    base = await env.listen();
    web = await WebBrowser.launch();
    const admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['Farnworth', 'Horwich']);
    amara = await createPerson(env, coordinator, { name: 'Amara Okoye' });
    bilal = await createPerson(env, coordinator, { name: 'Bilal Hussain' });
    host = await createHost(env, coordinator, { name: 'Farnworth Recovery Hub' });
    opportunity = await createOpportunity(env, coordinator, host.id, { roleTitle: 'Peer support volunteer', hoursPerWeek: 8, places: 3, requirements: ['dbs-check'] });
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  async function open(width: number): Promise<Page> {
    const context = await web.context({ width, height: 900 });
    const page = await context.newPage();
    page.on('console', (message) => {
      // Opening a page signed out answers 401 by design; refusals the test provokes answer 400 and 409.
      if (message.type() === 'error' && !/status of (401|400|409)/.test(message.text())) consoleErrors.push(message.text());
    });
    return page;
  }

  const check = pageChecks(findings, 'placements');

  const api = (path: string) => env.http.get(path).set(bearer(coordinator)).expect(200);

  it('places a person from an opportunity (a missing DBS check named first), starts, supervises, reviews and ends the placement early', async () => {
    const page = await open(1280);
    await signIn(page, base, coordinator.email, PASSWORD, `/people/${amara.id}`);
    await page.getByRole('heading', { level: 1, name: 'Amara Okoye' }).waitFor();
    await page.getByRole('link', { name: 'Place Amara Okoye' }).click();
    await page.getByRole('heading', { level: 1, name: 'Place Amara Okoye' }).waitFor();

    const startsOn = isoDaysFromToday(-7);
    await page.getByLabel('Host organisation').selectOption(host.id);
    await page.getByLabel('Opportunity').selectOption(opportunity.id);
    await page.getByText('A DBS check', { exact: true }).waitFor();
    await page.getByLabel('Supervisor at the host').fill('Jo Walsh');
    await page.getByLabel('Starts on').fill(startsOn);
    await page.getByLabel('Planned to end on').fill(isoDaysFromToday(77));
    await page.getByRole('button', { name: 'Create placement' }).click();

    // The safety check the role needs is named in words, and nothing was placed.
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot take this placement yet' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Amara Okoye cannot take this placement yet. The role needs safety checks they do not hold:A DBS check: none on record');
    await check(page, 'refused-missing-check');
    expect((await api(`/people/${amara.id}/placements`)).body).toEqual([]);

    await env.http
      .post(`/people/${amara.id}/checks`)
      .set(bearer(coordinator))
      .send({ kind: 'dbs', dbsLevel: 'enhanced', barredList: false, checkedOn: isoDaysFromToday(-30), evidenceSeenBy: 'Chloe Brennan' })
      .expect(201);
    await page.getByRole('button', { name: 'Create placement' }).click();
    await page.getByRole('status').filter({ hasText: 'Placement created.' }).waitFor();
    const placementId = page.url().split('/placements/')[1];
    let held = (await api(`/placements/${placementId}`)).body;
    expect(held).toMatchObject({
      personId: amara.id,
      hostId: host.id,
      opportunityId: opportunity.id,
      roleTitle: 'Peer support volunteer',
      hoursPerWeek: 8,
      supervisorName: 'Jo Walsh',
      startsOn,
      status: 'proposed',
    });
    // A proposed placement offers only what the API allows from there.
    const next = page.getByRole('group', { name: /What happens next/ });
    await next.waitFor();
    expect(await next.locator('label').allTextContents()).toEqual(['Start placement', 'End early']);
    await check(page, 'placement-proposed');

    // Start it.
    await page.getByLabel('Start placement').check();
    await page.getByRole('button', { name: 'Start placement' }).click();
    await page.getByRole('status').filter({ hasText: 'Placement started.' }).waitFor();
    await expect(page.getByTestId('placement-status').textContent()).resolves.toBe('Active');
    expect((await api(`/placements/${placementId}`)).body.status).toBe('active');

    // Supervision, signing her off to visit alone; the next one falls due a fortnight later.
    const heldOn = await page.getByLabel('Held on').first().inputValue();
    await page.getByLabel('Agreed actions (optional)').fill('Shadow two more visits');
    await page.getByLabel('Signed off to visit alone (lone working)').check();
    await page.getByRole('button', { name: 'Record supervision' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Supervision on .* recorded\. Next due / })
      .waitFor();
    held = (await api(`/placements/${placementId}`)).body;
    expect(held.supervision).toMatchObject({ lastHeldOn: heldOn, nextDueOn: addDays(heldOn, 14), intervalDays: 14 });
    expect(held.loneWorkingSignedOffOn).toBe(heldOn);
    const sessions = (await api(`/placements/${placementId}/supervision`)).body;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ heldOn, supervisorName: 'Jo Walsh', actions: 'Shadow two more visits', loneWorkingSignedOff: true, wellbeingConcern: false });
    await page.getByRole('table', { name: 'Supervision sessions, newest first' }).getByText('Shadow two more visits').waitFor();
    // Once signed off, the sign-off is not offered again.
    expect(await page.getByLabel('Signed off to visit alone (lone working)').count()).toBe(0);

    // The week-6 review: no outcome is chosen for the coordinator.
    const outcomes = page.getByRole('group', { name: 'Outcome' }).getByRole('radio');
    expect(await outcomes.evaluateAll((radios) => radios.filter((r) => r.matches(':checked')).length)).toBe(0);
    await page.getByLabel('Continue as it is').check();
    await page.getByLabel('Summary (optional)').fill('Settling in well');
    await page.getByRole('button', { name: 'Record review' }).click();
    await page.getByRole('status').filter({ hasText: 'Week 6 review recorded.' }).waitFor();
    held = (await api(`/placements/${placementId}`)).body;
    expect(held.reviews.find((r: { week: number }) => r.week === 6)).toMatchObject({ week: 6, dueOn: addDays(startsOn, 42), heldOn, outcome: 'continue', state: 'held' });
    await check(page, 'placement-active');

    // Ending early asks for confirmation, and the API's refusal of an end without a reason links to the box.
    await page.getByLabel('End early').check();
    await page.getByRole('button', { name: 'End early' }).click();
    await page.getByText(/End Amara Okoye’s placement as Peer support volunteer at Farnworth Recovery Hub on .*\? This cannot be undone/).waitFor();
    expect((await api(`/placements/${placementId}`)).body.status).toBe('active');
    await page.getByRole('button', { name: 'Yes, end it early' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Please check these answers' });
    await summary.getByRole('link', { name: 'say why the placement ended early' }).click();
    await expect(page.getByLabel('Why did it end early?').evaluate((el) => el.matches(':focus'))).resolves.toBe(true);
    await check(page, 'end-early-refused');
    await page.getByLabel('Why did it end early?').fill('Moved out of the borough');
    await page.getByRole('button', { name: 'End early' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await api(`/placements/${placementId}`)).body.status).toBe('active');
    await page.getByRole('button', { name: 'End early' }).click();
    await page.getByRole('button', { name: 'Yes, end it early' }).click();
    await page.getByRole('status').filter({ hasText: 'Placement ended early.' }).waitFor();
    held = (await api(`/placements/${placementId}`)).body;
    expect(held).toMatchObject({ status: 'ended-early', endReason: 'Moved out of the borough', endedOn: heldOn });
    await page.getByText('This placement has ended; nothing more can change its status.').waitFor();
    await check(page, 'placement-ended');
    await page.context().close();
  });

  it('edits a host and its opportunity, places someone directly and starts it with the keyboard at 390 px', async () => {
    const page = await open(390);
    await signIn(page, base, coordinator.email, PASSWORD, '/placements');
    await page.getByRole('heading', { level: 1, name: 'Placements and hosts' }).waitFor();
    await check(page, 'list-390');
    await page.getByRole('link', { name: 'Farnworth Recovery Hub', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Farnworth Recovery Hub' }).waitFor();

    await page.getByLabel('Contact phone (optional)').fill('01204 333000');
    await page.getByLabel('Locality (optional)').selectOption({ label: 'Farnworth' });
    await page.getByLabel('Contact email (optional)').fill('not an email');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Please check these answers' })
      .getByRole('link', { name: /must be an email address/ })
      .waitFor();
    await page.getByLabel('Contact email (optional)').fill('hello@farnworthhub.example.org');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('status').filter({ hasText: 'Farnworth Recovery Hub’s details saved.' }).waitFor();
    expect((await api(`/host-organisations/${host.id}`)).body).toMatchObject({
      contactPhone: '01204 333000',
      contactEmail: 'hello@farnworthhub.example.org',
      localityId: localities[0].id,
      localityName: 'Farnworth',
    });

    await page.getByRole('button', { name: 'Change Peer support volunteer' }).click();
    await page.getByRole('heading', { name: 'Change Peer support volunteer' }).waitFor();
    const edit = page.locator('form', { has: page.getByRole('heading', { name: 'Change Peer support volunteer' }) });
    await edit.getByLabel('Hours a week').fill('7.5');
    await edit.getByLabel('Places').fill('5');
    await edit.getByLabel('A right to work check').check();
    await edit.getByRole('button', { name: 'Save opportunity' }).click();
    await page.getByRole('status').filter({ hasText: 'Peer support volunteer saved.' }).waitFor();
    expect((await api(`/placement-opportunities/${opportunity.id}`)).body).toMatchObject({ hoursPerWeek: 7.5, places: 5, requirements: ['dbs-check', 'right-to-work'] });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await check(page, 'host-390');

    // A placement arranged directly, with its own role and hours in quarter hours.
    await page.getByRole('main').getByRole('link', { name: 'Placements and hosts' }).click();
    await page.getByRole('link', { name: 'Place a person' }).click();
    await page.getByLabel('Find the person').fill('Bilal');
    await page.getByLabel('Person', { exact: true }).locator(`option[value="${bilal.id}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Person', { exact: true }).selectOption(bilal.id);
    await page.getByLabel('Host organisation').selectOption(host.id);
    await page.getByLabel('Role').fill('Front desk volunteer');
    await page.getByLabel('Hours a week').fill('22.25');
    await page.getByLabel('Supervisor at the host').fill('Sam Okafor');
    await page.getByLabel('Starts on').fill(isoDaysFromToday(-1));
    await page.getByLabel('Planned to end on').fill(isoDaysFromToday(60));
    await check(page, 'new-placement-390');
    await page.getByRole('button', { name: 'Create placement' }).click();
    await page.getByRole('status').filter({ hasText: 'Placement created.' }).waitFor();
    const placementId = page.url().split('/placements/')[1];
    expect((await api(`/placements/${placementId}`)).body).toMatchObject({ personId: bilal.id, opportunityId: null, roleTitle: 'Front desk volunteer', hoursPerWeek: 22.25, status: 'proposed' });

    // Started with the keyboard alone.
    await page.getByLabel('Start placement').focus();
    await page.keyboard.press('Space');
    const start = page.getByRole('button', { name: 'Start placement' });
    await tabTo(page, start);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Placement started.' }).waitFor();
    expect((await api(`/placements/${placementId}`)).body.status).toBe('active');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await check(page, 'placement-390');
    await page.context().close();
  });

  it('adds a paid role, appoints a post-holder and refuses a second one where the locality’s post is held', async () => {
    const page = await open(1280);
    await signIn(page, base, coordinator.email, PASSWORD, '/placements');
    await page.getByRole('link', { name: 'Paid roles and post-holders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paid roles' }).waitFor();
    await page.getByText('No paid roles yet.').waitFor();
    await page.getByLabel('Title').fill('Peer Navigator');
    await page.getByLabel('Hours a week').fill('16');
    await page.getByLabel('Fixed term in months (optional)').fill('18');
    await page.getByLabel('Posts in each locality').fill('1');
    await page.getByRole('button', { name: 'Add paid role' }).click();
    await page.getByRole('cell', { name: 'Peer Navigator' }).waitFor();
    const [role] = (await api('/paid-roles')).body;
    expect(role).toMatchObject({ title: 'Peer Navigator', hoursPerWeek: 16, fixedTermMonths: 18, postsPerLocality: 1, currentPostHolders: 0 });

    await page.getByLabel('See post-holders and appoint to').selectOption(role.id);
    await page.getByText('Nobody has held this post yet.').waitFor();
    const appoint = async (person: { id: string }, name: string) => {
      await page.getByLabel('Find the person').fill(name);
      await page.getByLabel('Person', { exact: true }).locator(`option[value="${person.id}"]`).waitFor({ state: 'attached' });
      await page.getByLabel('Person', { exact: true }).selectOption(person.id);
      await page.getByLabel('Locality of the post').selectOption(localities[1].id);
      await page.getByLabel('Starts on').fill('2026-03-01');
      await page.getByRole('button', { name: 'Appoint' }).click();
    };
    await appoint(amara, 'Amara');
    await page
      .getByRole('status')
      .filter({ hasText: /^Amara Okoye appointed Peer Navigator from .*1 Mar 2026 to .*31 Aug 2027\.$/ })
      .waitFor();
    await page.getByRole('table', { name: 'Everyone who has held the post, newest first' }).getByRole('link', { name: 'Amara Okoye' }).waitFor();
    const holders = (await api(`/paid-roles/${role.id}/post-holders`)).body;
    expect(holders).toHaveLength(1);
    // 1 March 2026 plus 18 months ends on 31 August 2027, the day before 1 September.
    expect(holders[0]).toMatchObject({ personId: amara.id, localityId: localities[1].id, startsOn: '2026-03-01', contractEndsOn: '2027-08-31', title: 'Peer Navigator' });
    await check(page, 'paid-roles');

    await appoint(bilal, 'Bilal');
    await page.getByRole('alert').filter({ hasText: 'All 1 Peer Navigator post(s) in this locality are held during those dates' }).waitFor();
    expect((await api(`/paid-roles/${role.id}/post-holders`)).body).toHaveLength(1);
    await check(page, 'paid-roles-full');
    await page.context().close();

    expect(consoleErrors).toEqual([]);
    expect(findings).toEqual([]);
  });
});
