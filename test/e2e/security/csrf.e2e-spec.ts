import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const OWN = 'http://localhost:3000';
const crossSite = (response: { body: { code?: string } }) => expect(response.body.code).toBe('CROSS_SITE_REQUEST');
const PARTNER = 'https://partner.example';

describe('cross-site request forgery: cookie-authenticated writes only from the product’s own origin', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let cookie: string;
  let n = 0;
  const locality = () => ({ name: `Locality ${++n}`, onsCodes: [] });
  const localityNames = async () => ((await env.http.get('/localities').set(bearer(admin)).expect(200)).body as Array<{ name: string }>).map((l) => l.name);

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { CORS_ORIGINS: PARTNER } });
    admin = await signUpOrganisation(env);
    cookie = `steppingstone_session=${admin.token}`;
  });
  afterAll(() => env.close());

  it('refuses a cookie-authenticated POST /localities from another site, another port, a subdomain or an opaque origin with 403, and creates nothing', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:4000', 'https://localhost:3000', 'http://evil.localhost:3000', 'null']) {
      const body = locality();
      const refused = await env.http.post('/localities').set('Cookie', cookie).set('Origin', origin).send(body).expect(403);
      expect(refused.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'CROSS_SITE_REQUEST',
        details: [],
        message: `This request came from another site (${origin}), so it was refused; use Steppingstone from its own address`,
      });
      expect(await localityNames()).not.toContain(body.name);
    }
  });

  it('refuses PUT, PATCH and DELETE the same way', async () => {
    const evil = { Cookie: cookie, Origin: 'http://evil.example' };
    const created = (await env.http.post('/localities').set(bearer(admin)).send(locality()).expect(201)).body;
    await env.http.patch(`/localities/${created.id}`).set(evil).send({ name: 'Renamed by another site' }).expect(403).expect(crossSite);
    expect(await localityNames()).toContain(created.name);
    const invitation = (await env.http.post('/invitations').set(bearer(admin)).send({ email: 'invitee@example.org', role: 'trainer' }).expect(201)).body;
    await env.http.delete(`/invitations/${invitation.id}`).set(evil).expect(403).expect(crossSite);
    expect((await env.http.get(`/invitations/${invitation.id}`).set(bearer(admin)).expect(200)).body.status).toBe('pending');
    const intake = await openIntake(env, admin);
    await env.http.put(`/programmes/${intake.programmeId}/census-dataset`).set(evil).send({ datasetId: null }).expect(403).expect(crossSite);
  });

  it('judges by Sec-Fetch-Site when a browser sends no Origin', async () => {
    for (const site of ['cross-site', 'same-site']) await env.http.post('/localities').set('Cookie', cookie).set('Sec-Fetch-Site', site).send(locality()).expect(403).expect(crossSite);
    for (const site of ['same-origin', 'none']) await env.http.post('/localities').set('Cookie', cookie).set('Sec-Fetch-Site', site).send(locality()).expect(201);
  });

  it('accepts the cookie from PUBLIC_URL’s origin and from CORS_ORIGINS', async () => {
    await env.http.post('/localities').set('Cookie', cookie).set('Origin', OWN).send(locality()).expect(201);
    await env.http.post('/localities').set('Cookie', cookie).set('Origin', PARTNER).send(locality()).expect(201);
  });

  it('leaves bearer-token clients alone whatever Origin they send, and requests that carry no session cookie', async () => {
    await env.http.post('/localities').set(bearer(admin)).set('Origin', 'http://evil.example').send(locality()).expect(201);
    await env.http.post('/localities').set(bearer(admin)).set('Cookie', cookie).set('Origin', 'http://evil.example').send(locality()).expect(201);
    const intake = await openIntake(env, admin);
    await env.http
      .post(`/public/intakes/${intake.publicSlug}/applications`)
      .set('Origin', 'http://evil.example')
      .send({ name: 'Sam Taylor', email: 'sam@example.org', postcode: 'N7 8JL', consent: true })
      .expect(201);
  });

  it('lets reads through (they change nothing, and CORS keeps the answer from another site)', async () => {
    await env.http.get('/localities').set('Cookie', cookie).set('Origin', 'http://evil.example').expect(200);
  });
});
