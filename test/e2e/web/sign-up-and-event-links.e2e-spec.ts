import { Role } from '@steppingstone/core';
import { addMember, PASSWORD, signUpOrganisation } from '../../factories/organisations';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';
import { AxeFinding, pageChecks, signIn, WebBrowser } from './support/browser';

jest.setTimeout(180_000);

/** Signing up in the browser (the form, "check your email", the emailed link), and an event link from the intake page to the public form. */
describe('web: sign-up by email, and event links', () => {
  let env: TestEnvironment;
  let web: WebBrowser;
  let base: string;
  const findings: AxeFinding[] = [];

  beforeAll(async () => {
    // One application per connection on the plain form, so the limit is met at once.
    env = await TestEnvironment.start({ listen: true, worker: true, smtp: true, env: { PUBLIC_FORM_RATE_LIMIT: '1', PUBLIC_FORM_RATE_WINDOW_SECONDS: '3600' } });
    base = await env.listen();
    web = await WebBrowser.launch();
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  const check = pageChecks(findings, 'trust', { settle: true });

  it('signs up from the sign-in page: "check your email", then the emailed link creates the organisation and signs the admin in; the link works once', async () => {
    const context = await web.context();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Create an organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an organisation' }).waitFor();
    await page.getByLabel('Organisation name').fill('Tower Hamlets Peer Network');
    await page.getByLabel('Borough (ONS code)').fill('E09000030');
    await page.getByLabel('Your name').fill('Rukhsana Begum');
    await page.getByLabel('Email address').fill('rukhsana@example.org');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^Password must be at least 12 characters/ })
      .waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Check your email: we have sent rukhsana@example.org a link to finish signing up. It works once, for 24 hours.');
    await check(page, 'sign-up-check-your-email');

    const [mail] = await env.smtp!.waitFor('rukhsana@example.org');
    const link = /(http\S+\/verify-sign-up\?token=\S+)/.exec(mail.text ?? '')![1];
    expect(link.startsWith(`${base}/verify-sign-up?token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Finish creating your organisation' }).waitFor();
    await check(page, 'sign-up-verify');
    await page.getByRole('button', { name: 'Create my organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByText('Tower Hamlets Peer Network').count()).toBeGreaterThan(0);

    const again = await context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Create my organisation' }).click();
    expect(await again.getByRole('alert').textContent()).toBe('This sign-up link is not valid, or it has been used or has expired: sign up again');
    expect(findings).toEqual([]);
    await context.close();
  });

  describe('an intake at a recruitment event', () => {
    let intake: IntakeView;
    let coordinatorEmail: string;
    beforeAll(async () => {
      const admin = await signUpOrganisation(env, { organisationName: 'Newham Peer Network', boroughCode: 'E09000025' });
      const coordinator = await addMember(env, admin, Role.Coordinator);
      coordinatorEmail = coordinator.email;
      intake = await openIntake(env, coordinator);
    });

    it('shows the API’s own wait when the plain form’s limit is met, not a vague one', async () => {
      const context = await web.context({ width: 390, height: 844 });
      const page = await context.newPage();
      for (const name of ['First Applicant', 'Second Applicant']) {
        await page.goto(`${base}/apply/${intake.publicSlug}`);
        await page.getByLabel('Your name').fill(name);
        await page.getByLabel('Email address').fill(`${name.split(' ')[0].toLowerCase()}@example.org`);
        await page.getByLabel('I agree to be contacted about my application').check();
        await page.getByRole('button', { name: 'Send my application' }).click();
        if (name === 'First Applicant') await page.getByRole('heading', { name: 'Application received' }).waitFor();
      }
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/^Too many applications from this address; please try again in (59|60) minutes$/);
      await check(page, 'apply-limited');
      await context.close();
    });

    it('lets a coordinator create and copy an event link on the intake page, which takes applications past the limit on one connection', async () => {
      const context = await web.context();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await context.newPage();
      await signIn(page, base, coordinatorEmail, PASSWORD, `/intakes/${intake.id}`);
      await page.getByRole('heading', { level: 2, name: 'Event link' }).waitFor();
      await page.getByLabel('Hours the link works').fill('4');
      await page.getByRole('button', { name: 'Create an event link' }).click();
      const field = page.getByLabel(/^Event link, working until /);
      await field.waitFor();
      const url = await field.inputValue();
      expect(url).toMatch(new RegExp(`^${base}/apply/${intake.publicSlug}\\?event=\\d+\\.[\\w-]+$`));
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page.getByText('Copied.').waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(url);
      await check(page, 'event-link-created');

      // At the event: one device, several people, all past the plain form's limit of one.
      const event = await (await web.context({ width: 390, height: 844 })).newPage();
      for (const name of ['Ayesha Event', 'Ben Event', 'Cara Event']) {
        await event.goto(url);
        await event.getByText(/^Event link: this device can send as many applications as needed until /).waitFor();
        await event.getByLabel('Your name').fill(name);
        await event.getByLabel('Email address').fill(`${name.split(' ')[0].toLowerCase()}.event@example.org`);
        await event.getByLabel('I agree to be contacted about my application').check();
        await event.getByRole('button', { name: 'Send my application' }).click();
        await event.getByRole('heading', { name: 'Application received' }).waitFor();
      }
      await check(event, 'apply-through-event-link');
      expect(findings).toEqual([]);
      await event.context().close();
      await context.close();
    });
  });
});
