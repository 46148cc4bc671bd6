import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createLocality, createProgramme } from '../../factories/recruitment';
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

  it('null for a field the OpenAPI document does not mark nullable is refused by name; a nullable one takes it', async () => {
    const programme = await createProgramme(env, admin);
    for (const field of ['name', 'kind', 'description']) {
      const response = await env.http
        .patch(`/programmes/${programme.id}`)
        .set(bearer(admin))
        .send({ [field]: null });
      expectRefused(response, field);
      expect(response.body.details[0].rule).toBe('notNull');
    }
    const { body: document } = await env.http.get('/api/docs-json').expect(200);
    expect(document.components.schemas.UpdateOrganisationDto.properties.retentionMonths.nullable).toBe(true);
    await env.http.patch('/organisation').set(bearer(admin)).send({ retentionMonths: 36 }).expect(200);
    const { body } = await env.http.patch('/organisation').set(bearer(admin)).send({ retentionMonths: null }).expect(200);
    expect(body.retentionMonths).toBeNull();
  });

  it('an empty PATCH /localities/:id answers the locality unchanged', async () => {
    const locality = await createLocality(env, admin, 'Archway');
    const { body } = await env.http.patch(`/localities/${locality.id}`).set(bearer(admin)).send({}).expect(200);
    expect(body).toMatchObject({ id: locality.id, name: 'Archway' });
  });

  it('a census count past what the table can hold is a problem of the count column', async () => {
    const { body: dataset } = await env.http.post('/census/datasets').set(bearer(admin)).send({ name: 'Census 2021' }).expect(201);
    const csv = 'area_code,area_name,dimension,category,count\nE09000019,Islington,sex,Female,99999999999999999999\n';
    const response = await env.http.post(`/census/datasets/${dataset.id}/tables`).query({ dryRun: false }).set(bearer(admin)).set('Content-Type', 'text/csv').send(csv);
    expect(response.status).toBe(400);
    expect(response.body.report.problems).toEqual([expect.objectContaining({ row: 2, column: 'count', rule: 'max' })]);
  });

  it('ten requests creating the same locality at once: one 201, the others 409, none 500', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () =>
        env.http
          .post('/localities')
          .set(bearer(admin))
          .send({ name: 'Finsbury Park' })
          .then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([201, ...Array(9).fill(409)]);
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
