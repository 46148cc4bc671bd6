import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { TestEnvironment } from '../../support/test-environment';

interface Detail {
  field: string;
  rule: string;
}

/** The inputs the attack report found answering 500; each must be a 400 naming the field. */
describe('bad input answers 400 naming the field, never 500', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  const NUL = 'Holloway\u0000Road';

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
  });
  afterAll(async () => env?.close());

  const expectRefused = (response: { status: number; body: { details?: Detail[] } }, field: string) => {
    expect({ status: response.status, fields: (response.body.details ?? []).map((d) => d.field) }).toEqual({ status: 400, fields: expect.arrayContaining([field]) });
  };

  it.each([
    ['POST', '/people', { name: NUL }, 'name'],
    ['POST', '/people', { name: 'Jo Bloggs', postcode: NUL }, 'postcode'],
    ['POST', '/localities', { name: NUL, onsCodes: [] }, 'name'],
    ['POST', '/localities', { name: 'Holloway', onsCodes: ['E01000001', NUL] }, 'onsCodes.1'],
    ['POST', '/host-organisations', { name: NUL, contactName: 'Sam Okafor' }, 'name'],
    ['POST', '/host-organisations', { name: 'Recovery Hub', contactName: NUL }, 'contactName'],
    ['POST', '/census/datasets', { name: NUL }, 'name'],
    ['POST', '/programmes', { name: NUL, kind: 'training-course' }, 'name'],
    ['PATCH', '/organisation', { name: NUL }, 'name'],
  ])('%s %s with a NUL character in a string', async (method, path, body, field) => {
    const response = await env.http[method === 'POST' ? 'post' : 'patch'](path).set(bearer(admin)).send(body);
    expectRefused(response, field);
    expect(response.body.details.find((d: Detail) => d.field === field).rule).toBe('noNulCharacter');
  });

  it('GET /people?q=%00', async () => {
    expectRefused(await env.http.get('/people?q=%00').set(bearer(admin)), 'q');
  });

  it('PATCH /organisation with secondFactorRequiredRoles null, and leaves the setting as it was', async () => {
    expectRefused(await env.http.patch('/organisation').set(bearer(admin)).send({ secondFactorRequiredRoles: null }), 'secondFactorRequiredRoles');
    const { body } = await env.http.get('/organisation').set(bearer(admin)).expect(200);
    expect(body.secondFactorRequiredRoles).toEqual([]);
  });

  it.each(['/people', '/members', '/invitations', '/host-organisations', '/placements', '/applications', '/audit-log', '/reports', '/deliveries', '/people/duplicates'])(
    'GET %s?page=99999999999999999999',
    async (path) => {
      const response = await env.http.get(`${path}?page=99999999999999999999`).set(bearer(admin));
      expectRefused(response, 'page');
    },
  );

  it.each([
    ['an array', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'body'],
    ['an object', `${'{"name":'.repeat(10_000)}"x"${'}'.repeat(10_000)}`, 'name'],
  ])('a JSON body nested 10,000 deep as %s', async (_, text, field) => {
    const response = await env.http.post('/localities').set(bearer(admin)).set('Content-Type', 'application/json').send(text);
    expectRefused(response, field);
  });
});
