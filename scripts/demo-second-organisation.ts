import { DemoCall, must } from './demo-api';
import { seedBoltonNavigators } from './demo-field';
import { signUpByLink } from './sign-up-by-link';

/**
 * A second demo organisation, so anyone can try the wall between organisations by hand: sign in as
 * its admin and ask for the first organisation's records by id (404), or the other way round.
 * Bolton's Peer Navigators: a programme, an open intake and a few applicants, and four navigators
 * whose logged activity, approved, reached 615 people.
 */
export const SECOND_DEMO = {
  organisationName: 'Bolton Peer Navigators (demo)',
  boroughCode: 'E08000001',
  admin: { role: 'admin', name: 'Bilal Shah', email: 'admin@bolton.demo.steppingstone.local' },
};

const APPLICANTS = ['Jade Whittaker', 'Imran Patel', 'Kerry Ashworth', 'Tomasz Nowak', 'Zainab Ali'];

export async function seedSecondOrganisation(call: DemoCall, api: string, ownerUrl: string, appSecret: string, password: string): Promise<void> {
  const signUp = await signUpByLink(api, ownerUrl, appSecret, {
    organisationName: SECOND_DEMO.organisationName,
    boroughCode: SECOND_DEMO.boroughCode,
    name: SECOND_DEMO.admin.name,
    email: SECOND_DEMO.admin.email,
    password,
  });
  const token = signUp.token as string;
  const programme = must(
    await call('POST', '/programmes', { name: 'Peer Navigators', kind: 'paid-role', description: 'Paid peer navigator posts: 18 months, 16 hours a week, two per catchment' }, token),
    201,
    'Bolton programme',
  );
  const intake = must(
    await call('POST', '/intakes', { programmeId: programme.id, name: 'Navigator recruitment', opensOn: '2026-11-16', closesOn: '2027-01-15', capacity: 12 }, token),
    201,
    'Bolton intake',
  );
  must(await call('POST', `/intakes/${intake.id}/status`, { status: 'open' }, token), 200, 'opening the Bolton intake');
  for (const [i, name] of APPLICANTS.entries()) {
    must(
      await call(
        'POST',
        '/applications',
        { intakeId: intake.id, source: i % 2 ? 'referral' : 'self', ...(i % 2 ? { referrer: 'Bolton Jobcentre Plus' } : {}), person: { name, phone: `07700 900${String(100 + i)}` } },
        token,
      ),
      201,
      'Bolton application',
    );
  }
  await seedBoltonNavigators(call, token, signUp.organisationId as string, appSecret, password);
}
