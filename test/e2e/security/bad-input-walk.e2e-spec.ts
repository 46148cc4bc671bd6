/*
 * Every operation of the OpenAPI document, as the running app serves it, called by a signed-in
 * admin with bodies, path parameters and query strings that are wrong in every way a careless or
 * hostile client manages: wrong types, NUL characters, huge and negative numbers, null, lists for
 * objects and objects for lists, deep nesting, an empty body, text that is not JSON, unknown ids.
 * Whatever else they answer, none may answer 5xx. Path ids are real records of the admin's
 * organisation (so the handler runs past its 404) unless the probe is about the path itself.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, login, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { demographicConsent, recordDemographics } from '../../factories/people';
import { createHost, createOpportunity, jobBody, placementBody } from '../../factories/progression';
import { createLocality } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One request of the walk: what it tries, and the request itself. */
interface Probe {
  label: string;
  path: string;
  contentType?: string;
  body?: string | Buffer;
}

const HUGE = '99999999999999999999';
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Values (as raw JSON) put in place of one property: each is wrong for most properties. */
const VALUE_MUTATIONS: Array<[string, string]> = [
  ['null', 'null'],
  ['NUL in a string', '"Nul\\u0000here"'],
  ['a huge number', HUGE],
  ['a huge negative number', `-${HUGE}`],
  ['-1', '-1'],
  ['0', '0'],
  ['a fraction', '1.5'],
  ['true', 'true'],
  ['an empty string', '""'],
  ['a 5,000-character string', `"${'x'.repeat(5000)}"`],
  ['an impossible date', '"2026-02-30"'],
  ['an unknown id', `"${randomUUID()}"`],
  ['an object', '{"a":1}'],
  ['an empty list', '[]'],
  ['a list holding NUL', '["\\u0000"]'],
  ['a list holding null', '[null]'],
  ['a list holding an object', '[{}]'],
  ['40 levels of lists', deepArray(40)],
];
/** The fewer mutations tried on properties of nested objects (a person inside an application, say). */
const NESTED_MUTATIONS = VALUE_MUTATIONS.filter(([label]) =>
  ['null', 'NUL in a string', 'a huge number', '-1', 'true', 'a 5,000-character string', 'an unknown id', 'an object', 'an empty list'].includes(label),
);

/** Whole bodies, sent instead of the operation's JSON. */
const BODY_MUTATIONS: Array<[string, string, string]> = [
  ['an empty object', 'application/json', '{}'],
  ['an empty body', 'application/json', ''],
  ['null', 'application/json', 'null'],
  ['a list', 'application/json', '[]'],
  ['a string', 'application/json', '"text"'],
  ['a number', 'application/json', HUGE],
  ['text that is not JSON', 'application/json', '{"name": '],
  ['JSON nested 10,000 deep in lists', 'application/json', deepArray(10_000)],
  ['JSON nested 10,000 deep in objects', 'application/json', deepObject(10_000)],
  ['a property name holding NUL', 'application/json', '{"\\u0000": 1}'],
  ['plain text', 'text/plain', 'hello'],
  ['a form', 'application/x-www-form-urlencoded', 'name=%00&a[b][c]=1'],
];
/** Files sent to operations that take CSV. */
const CSV_MUTATIONS: Array<[string, string | Buffer]> = [
  ['an empty file', ''],
  ['a NUL character', 'Name,Email\nJo\u0000,jo@example.org\n'],
  ['bytes that are not UTF-8', randomBytes(2048)],
  ['an unterminated quote', '"Name,Email\nJo,jo@example.org\n'],
  ['10,000 empty columns', `${','.repeat(10_000)}\n`],
  ['a census row with a huge count', `area_code,area_name,dimension,category,count\nE09000019,Islington,sex,Female,${HUGE}\n`],
  ['a census row with a negative count', 'area_code,area_name,dimension,category,count\nE09000019,Islington,sex,Female,-5\n'],
  ['an applicant row of impossible values', `Name,Email,Phone,Postcode,Locality,Date of birth,Source\n${'x'.repeat(5000)},a@b.c,${HUGE},N7 8JL,Nowhere,31/02/1990,event\n`],
];
const PATH_MUTATIONS: Array<[string, string]> = [
  ['an unknown id', randomUUID()],
  ['not a UUID', 'not-a-uuid'],
  ['NUL', '%00'],
  ['a huge number', HUGE],
  ['-1', '-1'],
  ['300 characters', 'x'.repeat(300)],
  ['broken percent-encoding', '%E0%A4%A'],
  ['null', 'null'],
];
const QUERY_MUTATIONS: Array<[string, (name: string) => string]> = [
  ['NUL', (n) => `${n}=%00`],
  ['text', (n) => `${n}=abc`],
  ['a huge number', (n) => `${n}=${HUGE}`],
  ['a huge negative number', (n) => `${n}=-${HUGE}`],
  ['-1', (n) => `${n}=-1`],
  ['0', (n) => `${n}=0`],
  ['a fraction', (n) => `${n}=1.5`],
  ['empty', (n) => `${n}=`],
  ['3,000 characters', (n) => `${n}=${'x'.repeat(3000)}`],
  ['given twice', (n) => `${n}=1&${n}=2`],
  ['as an object', (n) => `${n}[a]=1`],
  ['broken percent-encoding', (n) => `${n}=%E0%A4%A`],
  ['an impossible date', (n) => `${n}=2026-02-30`],
];

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];
/** Optional properties a valid body needs all the same (a report's period: these, or a preset). */
const ALSO_SENT = ['from', 'to'];

describe('bad input: every operation of the OpenAPI document, malformed every way, answers below 500', () => {
  let env: TestEnvironment;
  let base: URL;
  let admin: SignedIn;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  /** Real records of the admin's organisation, by the collection their id is used under. */
  const ids: Record<string, string> = {};

  /** A set-up call's answer, or an error that says what the API answered instead. */
  const made = async (call: PromiseLike<{ status: number; body: Record<string, unknown> & { id: string } }>, status: number) => {
    const response = await call;
    if (response.status !== status) throw new Error(`set-up call answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    // Rate limits would answer 429 long before the walk is through the sign-in and public form probes.
    env = await TestEnvironment.start({ env: { LOGIN_RATE_LIMIT: '10000', PUBLIC_FORM_RATE_LIMIT: '10000' } });
    base = new URL(await env.listen());
    admin = await signUpOrganisation(env);
    const trainer = await addMember(env, admin, Role.Trainer);
    const as = bearer(admin);

    ids.organisationId = admin.organisationId;
    ids.userId = trainer.userId;
    ids.members = trainer.userId;
    ids.invitations = (
      await made(
        env.http
          .post('/invitations')
          .set(as)
          .send({ email: `walk-${randomUUID()}@example.org`, role: 'mentor' }),
        201,
      )
    ).id;
    ids.localities = (await createLocality(env, admin, 'Holloway')).id;
    ids.datasets = (await made(env.http.post('/census/datasets').set(as).send({ name: 'Census 2021' }), 201)).id;
    const cohort = await createCohort(env, admin, [trainer]);
    ids.cohorts = cohort.id;
    ids.programmes = cohort.programmeId;
    ids.intakes = cohort.intakeId;
    ids.slug = String((await made(env.http.get(`/intakes/${cohort.intakeId}`).set(as), 200)).publicSlug);
    const [enrolled, other] = await acceptedApplicants(env, admin, cohort.intakeId, 2);
    ids.applications = other.id;
    ids.people = enrolled.personId;
    ids.duplicateId = other.personId;
    ids.enrolments = (await enrolApplications(env, admin, cohort.id, [enrolled.id]))[0].id;
    ids.sessions = (await generateSchedule(env, admin, cohort.id))[0].id;
    ids.consents = (await recordDemographics(env, admin, enrolled.personId, { sex: 'Female' }, demographicConsent())).consent.id;
    ids['data-rights-requests'] = (await made(env.http.post(`/people/${other.personId}/export-requests`).set(as), 202)).id;
    ids['host-organisations'] = (await createHost(env, admin)).id;
    ids['placement-opportunities'] = (await createOpportunity(env, admin, ids['host-organisations'])).id;
    ids.placements = (
      await made(
        env.http
          .post('/placements')
          .set(as)
          .send(placementBody(enrolled.personId, ids['host-organisations'], -10)),
        201,
      )
    ).id;
    ids.jobs = (
      await made(
        env.http
          .post(`/people/${enrolled.personId}/jobs`)
          .set(as)
          .send(jobBody({ startsOn: isoDaysFromToday(0) })),
        201,
      )
    ).id;
    ids['paid-roles'] = (await made(env.http.post('/paid-roles').set(as).send({ title: 'Peer Navigator', hoursPerWeek: 16, postsPerLocality: 1 }), 201)).id;
    ids.reports = (
      await made(
        env.http
          .post('/reports')
          .set(as)
          .send({ from: '2026-01-01', to: isoDaysFromToday(0) }),
        202,
      )
    ).id;
    const selection = await env.http.post(`/intakes/${cohort.intakeId}/selections`).set(as).send({ panelSize: 1 });
    if (selection.status === 201) ids.selections = selection.body.id;
  });
  afterAll(async () => {
    agent.destroy();
    await env?.close();
  });

  /** Body properties naming a record: the real one, so a probe fails on its own fault only. */
  const idForProperty = (name: string): string | string[] | undefined =>
    ({
      programmeId: ids.programmes,
      intakeId: ids.intakes,
      localityId: ids.localities,
      personId: ids.people,
      hostId: ids['host-organisations'],
      opportunityId: ids['placement-opportunities'],
      cohortId: ids.cohorts,
      organisationId: ids.organisationId,
      userId: ids.userId,
      datasetId: ids.datasets,
      duplicateId: ids.duplicateId,
      actorUserId: admin.userId,
      entityId: ids.people,
      applicationIds: [ids.applications],
      personIds: [ids.people],
      trainerUserIds: [ids.userId],
    })[name];

  const send = (method: string, probe: Probe): Promise<{ status: number; text: string }> =>
    new Promise((resolve) => {
      const body = probe.body === undefined ? undefined : Buffer.isBuffer(probe.body) ? probe.body : Buffer.from(probe.body, 'utf8');
      const headers: Record<string, string | number> = { ...bearer(admin), Accept: 'application/json' };
      if (body) Object.assign(headers, { 'Content-Type': probe.contentType ?? 'application/json', 'Content-Length': body.length });
      const request = httpRequest({ host: base.hostname, port: base.port, method: method.toUpperCase(), path: probe.path, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
      });
      // A connection the server drops is as much a failure as a 500.
      request.on('error', (error) => resolve({ status: 599, text: `connection error: ${error.message}` }));
      request.end(body);
    });

  it('answers every probe of every operation below 500', async () => {
    const { body: document } = (await env.http.get('/api/docs-json').expect(200)) as unknown as { body: OpenApi };
    const resolve = (schema: Schema | undefined): Schema => {
      if (!schema) return {};
      if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
      if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
      return schema;
    };

    /** A value the property would accept, as far as the document says: its example, an enum value, a real id. */
    const validValue = (name: string, raw: Schema | undefined, depth = 0): unknown => {
      const known = idForProperty(name);
      if (known !== undefined) return known;
      const schema = resolve(raw);
      if (schema.enum?.length) return schema.enum[0];
      // Dates relative to today: the documents' examples fall before the records made above.
      if (schema.format === 'date' || /(On|Date)$/.test(name) || ['from', 'to'].includes(name)) return isoDaysFromToday(/(End|Ends|closes)|^to$/i.test(name) ? 90 : 0);
      if (schema.example !== undefined) return schema.example;
      if (schema.properties) return depth > 3 ? {} : validObject(schema, depth + 1);
      if (schema.type === 'array') return schema.items && resolve(schema.items).properties ? [validValue(name, schema.items, depth + 1)] : [];
      if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? 1;
      if (schema.type === 'boolean') return true;
      if (schema.format === 'uuid' || /Id$/.test(name)) return randomUUID();
      if (schema.format === 'date-time' || /At$/.test(name)) return new Date().toISOString();
      if (/email/i.test(name)) return `walk-${randomUUID()}@example.org`;
      if (/password/i.test(name)) return PASSWORD;
      if (/Time$/.test(name)) return '10:00';
      return 'Walk value';
    };
    const validObject = (schema: Schema, depth = 0): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => schema.required?.includes(name) || idForProperty(name) !== undefined || ALSO_SENT.includes(name))
          .map(([name, property]) => [name, validValue(name, property, depth)]),
      );

    /** The base body with one property (at `path`) replaced by raw JSON. */
    const withRaw = (body: Record<string, unknown>, path: string[], raw: string): string => {
      const marker = `__walk_${randomUUID()}__`;
      const copy = structuredClone(body);
      let at: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
      at[path.at(-1)!] = marker;
      return JSON.stringify(copy).replace(`"${marker}"`, raw);
    };

    const pathWith = (template: string, parameters: Parameter[], replace?: { name: string; value: string }) =>
      template.replace(/\{([^}]+)\}/g, (_, name: string) => {
        if (replace?.name === name) return replace.value;
        const segment = template
          .slice(0, template.indexOf(`{${name}}`))
          .split('/')
          .filter(Boolean)
          .pop()!;
        return ids[name] ?? ids[segment] ?? (parameters.some((p) => p.name === name) ? randomUUID() : name);
      });

    const probesOf = (template: string, operation: Operation): Probe[] => {
      const parameters = operation.parameters ?? [];
      const queryParameters = parameters.filter((p) => p.in === 'query');
      const queryValue = (p: Parameter) => {
        const value = validValue(p.name, p.schema);
        return `${p.name}=${encodeURIComponent(String(Array.isArray(value) ? (value[0] ?? 'x') : value))}`;
      };
      const requiredQuery = (except?: string) => queryParameters.filter((p) => p.required && p.name !== except).map(queryValue);
      const url = (path: string, query: string[]) => (query.length ? `${path}?${query.join('&')}` : path);
      const realPath = pathWith(template, parameters);

      const json = operation.requestBody?.content['application/json'];
      const csv = Object.keys(operation.requestBody?.content ?? {}).find((type) => /csv|text\/plain/.test(type));
      const schema = json ? resolve(json.schema) : undefined;
      const validBody = schema ? validObject(schema) : undefined;
      const baseBody: Pick<Probe, 'body' | 'contentType'> = validBody ? { body: JSON.stringify(validBody) } : csv ? { body: 'Name\nJo Bloggs\n', contentType: csv } : {};

      const probes: Probe[] = [];
      for (const p of parameters.filter((p) => p.in === 'path')) {
        for (const [label, value] of PATH_MUTATIONS)
          probes.push({ label: `path ${p.name}: ${label}`, path: url(pathWith(template, parameters, { name: p.name, value }), requiredQuery()), ...baseBody });
      }
      for (const p of queryParameters) {
        for (const [label, query] of QUERY_MUTATIONS) probes.push({ label: `query ${p.name}: ${label}`, path: url(realPath, [...requiredQuery(p.name), query(p.name)]), ...baseBody });
      }
      probes.push({ label: 'query: an unknown parameter', path: url(realPath, [...requiredQuery(), 'zzz=1']), ...baseBody });
      probes.push({ label: 'query: nested 30 deep', path: url(realPath, [...requiredQuery(), `a${'[a]'.repeat(30)}=1`]), ...baseBody });

      const target = url(realPath, requiredQuery());
      if (schema && validBody) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          for (const [label, raw] of VALUE_MUTATIONS) probes.push({ label: `body ${name}: ${label}`, path: target, body: withRaw({ ...validBody, [name]: null }, [name], raw) });
          // One level down: the properties of an object (or of the first object of a list) held here.
          const resolved = resolve(property);
          const inner = resolved.properties ? resolved : resolved.type === 'array' ? resolve(resolved.items) : undefined;
          if (!inner?.properties) continue;
          const innerBody = validObject(inner);
          for (const innerName of Object.keys(inner.properties)) {
            for (const [label, raw] of NESTED_MUTATIONS) {
              const body = { ...validBody, [name]: resolved.properties ? { ...innerBody, [innerName]: null } : [{ ...innerBody, [innerName]: null }] };
              probes.push({ label: `body ${name}.${innerName}: ${label}`, path: target, body: withRaw(body, resolved.properties ? [name, innerName] : [name, '0', innerName], raw) });
            }
          }
        }
      }
      if (json || !csv) {
        for (const [label, contentType, body] of BODY_MUTATIONS) probes.push({ label: `body: ${label}`, path: target, contentType, body });
      }
      if (csv) {
        for (const dryRun of ['true', 'false']) {
          const path = url(realPath, [...requiredQuery('dryRun'), `dryRun=${dryRun}`]);
          for (const [label, body] of CSV_MUTATIONS) probes.push({ label: `file (dryRun=${dryRun}): ${label}`, path, contentType: csv, body });
        }
        probes.push({ label: 'file: sent as JSON', path: target, contentType: 'application/json', body: '{"name":"x"}' });
      }
      return probes;
    };

    const operations = Object.entries(document.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([method]) => METHOD_ORDER.includes(method))
          .map(([method, operation]) => ({ method, path, operation })),
      )
      // Reads first and deletions last, so a deleted record does not turn later probes into plain 404s.
      .sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
    expect(operations.length).toBeGreaterThan(100);

    const failures: string[] = [];
    let probed = 0;
    for (const { method, path, operation } of operations) {
      const probes = probesOf(path, operation);
      // Four at a time: enough to keep the api busy, few enough for two shared cores.
      for (let i = 0; i < probes.length; i += 4) {
        await Promise.all(
          probes.slice(i, i + 4).map(async (probe) => {
            const { status, text } = await send(method, probe);
            if (status >= 500) {
              const body = probe.body === undefined ? '' : ` with ${Buffer.isBuffer(probe.body) ? `${probe.body.length} bytes` : probe.body.slice(0, 200)}`;
              failures.push(`${method.toUpperCase()} ${path} — ${probe.label}: ${probe.path.slice(0, 200)}${body} → ${status} ${text.slice(0, 300)}`);
            }
          }),
        );
      }
      probed += probes.length;
      // Probes of sign-out, switching organisation and the like may end the admin's session: sign in again.
      if ((await send('get', { label: 'session check', path: '/auth/me' })).status === 401) admin = await login(env, admin.email, admin.organisationId, Role.Admin);
    }
    expect(probed).toBeGreaterThan(operations.length * 20);
    expect(failures).toEqual([]);
  }, 600_000);
});
