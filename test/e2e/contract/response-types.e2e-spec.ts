import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { Client } from 'pg';
import { parseConfig, Role } from '@steppingstone/core';
import { invitationToken, SignUp, signUpToken } from '@steppingstone/organisations';
import { importCensus } from '../../factories/census';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule } from '../../factories/cohorts';
import { addMember, bearer, PASSWORD, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createHost, placementBody } from '../../factories/progression';
import { createLocality, createProgramme, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = Record<string, unknown>;
interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}
interface OperationObject {
  responses?: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];
const REDIRECTS = ['301', '302', '303', '307', '308'];

/**
 * What a generated client needs of an operation's success response: a schema or content type to
 * type it by, or a status that carries no body (204, or a redirect).
 */
function declaresItsResponse(operation: OperationObject): boolean {
  const responses = operation.responses ?? {};
  return Object.entries(responses).some(([status, response]) => {
    if (status === '204' || REDIRECTS.includes(status)) return true;
    if (!/^2\d\d$/.test(status)) return false;
    return Object.values(response.content ?? {}).some((media) => media.schema !== undefined && Object.keys(media.schema).length > 0);
  });
}

/**
 * The declared schema as ajv should see it: references inlined, OpenAPI 3.0's `nullable` turned into
 * JSON Schema's null type, and objects closed, so a field the view does not declare is an error.
 */
function strictSchema(schema: Schema, components: Record<string, Schema>, seen: string[] = []): Schema {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) throw new Error(`schema ${name} refers to itself through ${seen.join(' → ')}`);
    if (!components[name]) throw new Error(`schema ${name} is referred to but not in components.schemas`);
    const { $ref: _ref, ...siblings } = schema;
    return strictSchema({ ...components[name], ...siblings }, components, [...seen, name]);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, property]) => [name, strictSchema(property, components, seen)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = strictSchema(value as Schema, components, seen);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as Schema[]).map((part) => strictSchema(part, components, seen));
    } else if (key !== 'nullable' && key !== 'example' && key !== 'examples' && key !== 'description' && key !== 'default') {
      out[key] = value;
    }
  }
  if ((out.type === 'object' || out.properties) && out.additionalProperties === undefined && !out.allOf && !out.anyOf && !out.oneOf) {
    out.additionalProperties = false;
  }
  // Nest writes a nullable nested view as `type: object, allOf: [$ref]`, so null is offered beside the whole schema, not added to its type.
  return schema.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function validatorFactory(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uuid', UUID);
  ajv.addFormat('date', DATE);
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('binary', /[\s\S]*/);
  return ajv;
}

/** One real call: the caller, the request, and the status it must answer with. */
interface Call {
  method: Method;
  /** The OpenAPI path, `{param}` style, whose declared response is checked. */
  path: string;
  who: () => SignedIn;
  url: () => string;
  body?: () => Record<string, unknown>;
  /** Makes what the body needs (a token only a service can issue) just before the call. */
  prepare?: () => Promise<void>;
  /** A CSV body instead of JSON. */
  csv?: string;
  status: number;
}

describe('contract: every operation declares its response type, and the declared types are true', () => {
  let env: TestEnvironment;
  let document: OpenApiDocument;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  const ids: Record<string, string> = {};
  const ajv = validatorFactory();

  beforeAll(async () => {
    env = await TestEnvironment.start();
    document = (await env.http.get('/api/docs-json').expect(200)).body;

    admin = await signUpOrganisation(env, { organisationName: 'Calder Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    ids.locality = (await createLocality(env, admin, 'Calder North')).id;
    ids.dataset = (await importCensus(env, admin, ['sex_by_la.csv'])).id;
    const cohort = await createCohort(env, coordinator, [trainer], { name: 'Calder cohort' });
    const [first] = await acceptedApplicants(env, coordinator, cohort.intakeId, 2);
    const [enrolment] = await enrolApplications(env, coordinator, cohort.id, [first.id]);
    const [session, second] = await generateSchedule(env, coordinator, cohort.id);
    Object.assign(ids, { secondSession: second.id, cohort: cohort.id, enrolment: enrolment.id, session: session.id, application: first.id, person: first.personId });
    await recordDemographics(env, coordinator, first.personId, { sex: 'Female' });
    const intake = await openIntake(env, coordinator, { name: 'Calder spring intake' });
    ids.intake = intake.id;
    const applicant = await enterApplicant(env, coordinator, intake.id);
    ids.intakeApplicant = applicant.id;
    await recordDemographics(env, coordinator, applicant.personId, { sex: 'Male' });
    ids.host = (await createHost(env, admin, { name: 'Calder Hub' })).id;
    ids.placement = (
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(first.personId, ids.host, -7))
        .expect(201)
    ).body.id;
    ids.programme = (await createProgramme(env, coordinator, { name: 'Calder programme' })).id;
    ids.partner = (await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Calder Jobcentre', kind: 'job-centre' }).expect(201)).body.id;
    ids.delivery = await insertFailedDelivery(admin.organisationId);
  });
  afterAll(() => env?.close());

  /** Deliveries are written by the worker as it sends; none runs here, so one is written as it would be after a refusal. */
  async function insertFailedDelivery(organisationId: string): Promise<string> {
    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    try {
      const id = randomUUID();
      await owner.query(
        `INSERT INTO deliveries (organisation_id, id, key, recipient, template, subject, status, error) VALUES ($1, $2, $3, 'pending@calder.example.org', 'invitation', 'Calder invitation', 'failed', 'refused')`,
        [organisationId, id, `contract:${id}`],
      );
      return id;
    } finally {
      await owner.end();
    }
  }

  it('declares a success response with a schema or content type for every operation, or says it has no body', () => {
    const offenders: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation && !declaresItsResponse(operation)) offenders.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect({ operationsWithoutADeclaredResponse: offenders }).toEqual({ operationsWithoutADeclaredResponse: [] });
  });

  it('names every class of the api once, since the document names each schema after its class and a second one would silently replace the first', () => {
    const root = join(__dirname, '../../../apps/api/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const seen = new Map<string, string[]>();
    for (const file of files) {
      for (const [, name] of readFileSync(join(root, file), 'utf8').matchAll(/^(?:export )?(?:abstract )?class (\w+)/gm)) seen.set(name, [...(seen.get(name) ?? []), file]);
    }
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });

  const calls: Call[] = [
    { method: 'get', path: '/auth/me', who: () => admin, url: () => '/auth/me', status: 200 },
    { method: 'get', path: '/health', who: () => admin, url: () => '/health', status: 200 },
    { method: 'get', path: '/activity-totals', who: () => coordinator, url: () => '/activity-totals?by=month,person,locality,kind', status: 200 },
    { method: 'get', path: '/notify-settings', who: () => admin, url: () => '/notify-settings', status: 200 },
    {
      method: 'put',
      path: '/notify-settings',
      who: () => admin,
      url: () => '/notify-settings',
      body: () => ({
        templates: {
          'session-tomorrow': { sms: '0b1f5c38-3c55-4a8e-9a52-6f0e2d1c7a10' },
          'application-confirmation': { sms: '5d0c2b1e-8f7a-4c3d-9e6b-1a2f3e4d5c6b', email: '7e8f9a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b' },
        },
      }),
      status: 200,
    },
    { method: 'get', path: '/members', who: () => admin, url: () => '/members', status: 200 },
    { method: 'get', path: '/members/{userId}', who: () => admin, url: () => `/members/${trainer.userId}`, status: 200 },
    { method: 'get', path: '/invitations', who: () => admin, url: () => '/invitations', status: 200 },
    { method: 'post', path: '/invitations', who: () => admin, url: () => '/invitations', body: () => ({ email: 'invitee@calder.example.org', role: Role.Mentor }), status: 201 },
    {
      method: 'post',
      path: '/auth/sign-up/verify',
      who: () => admin,
      prepare: async () => {
        const requestId = await env.api
          .get(SignUp)
          .store({ organisationName: 'Denholme Peer Network', boroughCode: 'E09000019', name: 'Dee Admin', email: 'dee@denholme.example.org', password: PASSWORD }, { requestId: 'contract' });
        ids.signUpToken = signUpToken(parseConfig(process.env).APP_SECRET, requestId);
      },
      url: () => '/auth/sign-up/verify',
      body: () => ({ token: ids.signUpToken }),
      status: 201,
    },
    {
      method: 'post',
      path: '/invitations/accept',
      who: () => admin,
      prepare: async () => {
        const invitation = await env.http.post('/invitations').set(bearer(admin)).send({ email: 'joiner@calder.example.org', role: Role.Trainer }).expect(201);
        ids.invitationToken = invitationToken(parseConfig(process.env).APP_SECRET, admin.organisationId, invitation.body.id);
      },
      url: () => '/invitations/accept',
      body: () => ({ token: ids.invitationToken, name: 'Joan Joiner', password: PASSWORD }),
      status: 201,
    },
    { method: 'get', path: '/audit-log', who: () => admin, url: () => '/audit-log', status: 200 },
    { method: 'get', path: '/localities', who: () => coordinator, url: () => '/localities', status: 200 },
    { method: 'get', path: '/census/datasets', who: () => admin, url: () => '/census/datasets', status: 200 },
    { method: 'get', path: '/census/datasets/{id}', who: () => admin, url: () => `/census/datasets/${ids.dataset}`, status: 200 },
    { method: 'get', path: '/programmes', who: () => coordinator, url: () => '/programmes', status: 200 },
    { method: 'post', path: '/programmes', who: () => coordinator, url: () => '/programmes', body: () => ({ name: 'Contract programme', kind: 'training-course' }), status: 201 },
    { method: 'get', path: '/intakes', who: () => coordinator, url: () => '/intakes', status: 200 },
    { method: 'get', path: '/intakes/{id}', who: () => coordinator, url: () => `/intakes/${ids.intake}`, status: 200 },
    { method: 'get', path: '/applications/{id}', who: () => coordinator, url: () => `/applications/${ids.application}`, status: 200 },
    { method: 'get', path: '/cohorts', who: () => coordinator, url: () => '/cohorts', status: 200 },
    { method: 'get', path: '/cohorts/{id}', who: () => coordinator, url: () => `/cohorts/${ids.cohort}`, status: 200 },
    { method: 'get', path: '/sessions/{id}', who: () => coordinator, url: () => `/sessions/${ids.session}`, status: 200 },
    { method: 'get', path: '/deliveries', who: () => admin, url: () => '/deliveries', status: 200 },
    { method: 'get', path: '/deliveries/{id}', who: () => admin, url: () => `/deliveries/${ids.delivery}`, status: 200 },
    { method: 'get', path: '/census/datasets/{id}/figures', who: () => admin, url: () => `/census/datasets/${ids.dataset}/figures`, status: 200 },
    { method: 'get', path: '/applications', who: () => coordinator, url: () => `/applications?intakeId=${ids.intake}`, status: 200 },
    { method: 'get', path: '/intakes/{id}/pipeline', who: () => coordinator, url: () => `/intakes/${ids.intake}/pipeline`, status: 200 },
    { method: 'get', path: '/intakes/{id}/pipeline/by-partner', who: () => coordinator, url: () => `/intakes/${ids.intake}/pipeline/by-partner`, status: 200 },
    { method: 'get', path: '/referral-partners/{id}', who: () => coordinator, url: () => `/referral-partners/${ids.partner}`, status: 200 },
    { method: 'get', path: '/applicant-import/columns', who: () => coordinator, url: () => '/applicant-import/columns', status: 200 },
    {
      method: 'post',
      path: '/cohorts/{id}/schedule',
      who: () => coordinator,
      prepare: async () => {
        ids.secondCohort = (
          await env.http.post('/cohorts').set(bearer(coordinator)).send({ programmeId: ids.programme, name: 'Calder autumn cohort', startsOn: '2026-09-07', capacity: 12 }).expect(201)
        ).body.id;
      },
      url: () => `/cohorts/${ids.secondCohort}/schedule`,
      body: () => ({ weekday: 1, sessions: 2, startTime: '18:30', durationMinutes: 120 }),
      status: 201,
    },
    { method: 'get', path: '/cohorts/{id}/enrolments', who: () => trainer, url: () => `/cohorts/${ids.cohort}/enrolments`, status: 200 },
    { method: 'get', path: '/cohorts/{id}/sessions', who: () => trainer, url: () => `/cohorts/${ids.cohort}/sessions`, status: 200 },
    { method: 'get', path: '/cohorts/{id}/dropout', who: () => coordinator, url: () => `/cohorts/${ids.cohort}/dropout`, status: 200 },
    { method: 'get', path: '/enrolments/{id}', who: () => trainer, url: () => `/enrolments/${ids.enrolment}`, status: 200 },
    { method: 'get', path: '/sessions/{id}/register', who: () => trainer, url: () => `/sessions/${ids.session}/register`, status: 200 },
    { method: 'get', path: '/programmes/{id}/completion-rules', who: () => coordinator, url: () => `/programmes/${ids.programme}/completion-rules`, status: 200 },
    { method: 'post', path: '/auth/second-factor/setup', who: () => trainer, url: () => '/auth/second-factor/setup', status: 201 },
    { method: 'post', path: '/localities', who: () => admin, url: () => '/localities', body: () => ({ name: 'Calder South', onsCodes: [] }), status: 201 },
    {
      method: 'post',
      path: '/census/datasets/{id}/tables',
      who: () => admin,
      url: () => `/census/datasets/${ids.dataset}/tables?dryRun=true`,
      csv: 'area_code,area_name,dimension,category,count\nE09000019,Islington,sex,Female,10\n',
      status: 201,
    },
    { method: 'get', path: '/intakes/{id}/partner-links', who: () => coordinator, url: () => `/intakes/${ids.intake}/partner-links`, status: 200 },
    { method: 'post', path: '/applications/{id}/move', who: () => coordinator, url: () => `/applications/${ids.intakeApplicant}/move`, body: () => ({ to: 'screened' }), status: 200 },
    {
      method: 'put',
      path: '/sessions/{id}/register',
      who: () => trainer,
      url: () => `/sessions/${ids.session}/register`,
      body: () => ({ version: 0, entries: [{ personId: ids.person, status: 'absent' }] }),
      status: 200,
    },
    // Two absences in a row put the person on the at-risk lists, so those are checked with someone on them.
    {
      method: 'put',
      path: '/sessions/{id}/register',
      who: () => trainer,
      url: () => `/sessions/${ids.secondSession}/register`,
      body: () => ({ version: 0, entries: [{ personId: ids.person, status: 'absent' }] }),
      status: 200,
    },
    { method: 'get', path: '/cohorts/{id}/at-risk', who: () => trainer, url: () => `/cohorts/${ids.cohort}/at-risk`, status: 200 },
    { method: 'get', path: '/at-risk', who: () => trainer, url: () => '/at-risk', status: 200 },
    { method: 'get', path: '/dropout-figures', who: () => coordinator, url: () => '/dropout-figures', status: 200 },
    { method: 'get', path: '/me/sessions', who: () => trainer, url: () => '/me/sessions', status: 200 },
    { method: 'get', path: '/message-audience', who: () => coordinator, url: () => `/message-audience?audience=cohort&cohortId=${ids.cohort}`, status: 200 },
    { method: 'get', path: '/field-settings', who: () => admin, url: () => '/field-settings', status: 200 },
    { method: 'get', path: '/organisation', who: () => admin, url: () => '/organisation', status: 200 },
    { method: 'get', path: '/people', who: () => coordinator, url: () => '/people', status: 200 },
    { method: 'get', path: '/people/{id}', who: () => coordinator, url: () => `/people/${ids.person}`, status: 200 },
    { method: 'get', path: '/host-organisations', who: () => coordinator, url: () => '/host-organisations', status: 200 },
    { method: 'get', path: '/placements', who: () => coordinator, url: () => '/placements', status: 200 },
    { method: 'get', path: '/placements/{id}', who: () => coordinator, url: () => `/placements/${ids.placement}`, status: 200 },
    { method: 'get', path: '/funnel', who: () => coordinator, url: () => '/funnel', status: 200 },
    {
      method: 'post',
      path: '/representativeness/gap-analysis',
      who: () => coordinator,
      url: () => '/representativeness/gap-analysis',
      body: () => ({ intakeId: ids.intake, datasetId: ids.dataset, dimensions: ['sex'] }),
      status: 200,
    },
  ];

  it('checks at least fifteen different operations', () => {
    expect(new Set(calls.map((c) => `${c.method} ${c.path}`)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(calls.map((call) => [`${call.method.toUpperCase()} ${call.path}`, call] as const))('%s answers what its declared schema says', async (_name, call) => {
    await call.prepare?.();
    let request = env.http[call.method](call.url()).set(bearer(call.who()));
    if (call.body) request = request.send(call.body());
    if (call.csv) request = request.set('Content-Type', 'text/csv').send(call.csv);
    const response = await request;
    if (call.path.endsWith('at-risk')) expect(response.body).not.toEqual([]);
    expect({ status: response.status, body: response.status === call.status ? 'as expected' : response.body }).toEqual({ status: call.status, body: 'as expected' });

    const declared = document.paths[call.path]?.[call.method]?.responses?.[String(call.status)]?.content?.['application/json']?.schema;
    expect({ operation: `${call.method.toUpperCase()} ${call.path}`, declaresAJsonSchemaFor: declared ? call.status : 'nothing' }).toEqual({
      operation: `${call.method.toUpperCase()} ${call.path}`,
      declaresAJsonSchemaFor: call.status,
    });
    const validate: ValidateFunction = ajv.compile(strictSchema(declared!, document.components?.schemas ?? {}));
    const valid = validate(response.body);
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`);
    expect({ operation: `${call.method.toUpperCase()} ${call.path}`, problems: valid ? [] : problems }).toEqual({ operation: `${call.method.toUpperCase()} ${call.path}`, problems: [] });
  });
});
