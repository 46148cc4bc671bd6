import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { renderRolesTable, ROLES_BLOCK_END, ROLES_BLOCK_START } from '../../../scripts/roles-table';
import { importCensus } from '../../factories/census';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, login, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createHost, createOpportunity, jobBody, placementBody } from '../../factories/progression';
import { createLocality, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
  name: string;
  public: boolean;
  roles: Role[];
  security: unknown;
  description: string;
  requiredQuery: Record<string, string>;
  body?: { type: 'json' | 'csv' };
}
interface Response {
  status: number;
  text: string;
}

/** The operations that are open to anyone: the only ones whose OpenAPI entry may declare no security. */
const PUBLIC_OPERATIONS = [
  'POST /auth/sign-up',
  'POST /auth/sign-up/verify',
  'POST /auth/login',
  'POST /invitations/accept',
  'GET /public/intakes/{slug}',
  'POST /public/intakes/{slug}/applications',
  'GET /public/equality-questions',
  'POST /public/intakes/{slug}/equality-answers',
  'GET /health',
  'GET /ready',
  'POST /notify/{organisationId}/delivery-receipts',
];

/**
 * Operations a generic request cannot call in any order. Each is still called, but last, and why
 * is said here: the matrix would otherwise end the very session it goes on to use.
 */
const CALLED_LAST: Record<string, string> = {
  'POST /auth/logout': 'ends the caller’s session, so the caller is refused (401) on everything after it',
};

/**
 * GETs that do not answer 2xx for the organisation’s own admin even with real ids, and why; the
 * cross-organisation check still holds for them (never 2xx, never the first organisation’s data).
 */
const OWN_READ_NOT_2XX: Record<string, { status: number; reason: string }> = {
  'GET /reports/{id}/download': { status: 409, reason: 'the report is queued: no worker runs in this test, and a download waits until it is done' },
  'GET /data-rights-requests/{id}/download': { status: 409, reason: 'the export is pending: no worker runs in this test, and a download waits until it is done' },
};

/** Marks every record of the first organisation, so any leak of its data shows in a response body. */
const MARK = 'Ashbourne';
const CALLERS = ['admin', 'coordinator', 'trainer', 'mentor'] as const;

describe('role matrix: every operation of the OpenAPI document × every kind of caller', () => {
  let env: TestEnvironment;
  let operations: Operation[];
  let a: Record<(typeof CALLERS)[number], SignedIn>;
  let adminB: SignedIn;
  /** Real ids of one record of each kind in the first organisation, keyed by the path segment that addresses it. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await TestEnvironment.start();
    const admin = await signUpOrganisation(env, { organisationName: `${MARK} Peer Network`, email: `admin@${MARK.toLowerCase()}.example.org`, name: `${MARK} Admin` });
    a = {
      admin,
      coordinator: await addMember(env, admin, Role.Coordinator, `coordinator@${MARK.toLowerCase()}.example.org`),
      trainer: await addMember(env, admin, Role.Trainer, `trainer@${MARK.toLowerCase()}.example.org`),
      mentor: await addMember(env, admin, Role.Mentor, `mentor@${MARK.toLowerCase()}.example.org`),
    };
    await seedOneOfEach();
    adminB = await signUpOrganisation(env, { organisationName: 'Bolton Peer Network', email: 'admin@bolton.example.org', name: 'Bolton Admin' });
    await env.http.post('/people').set(bearer(adminB)).send({ name: 'Bolton Person', email: 'person@bolton.example.org' }).expect(201);

    const document = (await env.http.get('/api/docs-json').expect(200)).body;
    operations = operationsOf(document);
  });
  afterAll(() => env?.close());

  async function seedOneOfEach(): Promise<void> {
    const { admin, coordinator, trainer, mentor } = a;
    ids.members = trainer.userId;
    ids.invitations = (
      await made(
        env.http
          .post('/invitations')
          .set(bearer(admin))
          .send({ email: `pending@${MARK.toLowerCase()}.example.org`, role: Role.Trainer }),
        201,
      )
    ).id;
    ids.localities = (await createLocality(env, admin, `${MARK} North`)).id;
    // A selection needs census figures to compare with, so the dataset gets a table.
    ids.datasets = (await importCensus(env, admin, ['sex_by_la.csv'])).id;

    const cohort = await createCohort(env, coordinator, [trainer], { name: `${MARK} cohort` });
    const [first] = await acceptedApplicants(env, coordinator, cohort.intakeId, 2, (i) => ({ name: `${MARK} Applicant ${i}`, email: `applicant-${i}@${MARK.toLowerCase()}.example.org` }));
    const [enrolment] = await enrolApplications(env, coordinator, cohort.id, [first.id]);
    const [session] = await generateSchedule(env, coordinator, cohort.id);
    Object.assign(ids, { cohorts: cohort.id, enrolments: enrolment.id, sessions: session.id, applications: first.id, people: first.personId });
    ids.consentId = (await recordDemographics(env, coordinator, first.personId, { sex: 'Female' })).consent.id;

    const intake = await openIntake(env, coordinator, { name: `${MARK} spring intake` });
    for (let i = 0; i < 2; i++) {
      const applicant = await enterApplicant(env, coordinator, intake.id, { name: `${MARK} Pool ${i}`, email: `pool-${i}@${MARK.toLowerCase()}.example.org` });
      await recordDemographics(env, coordinator, applicant.personId, { sex: i ? 'Male' : 'Female' });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
    }
    ids.intakes = intake.id;
    ids.programmes = intake.programmeId;
    ids.slug = intake.publicSlug;
    ids.selections = (
      await made(
        env.http
          .post(`/intakes/${intake.id}/selections`)
          .set(bearer(coordinator))
          .send({ panelSize: 1, dimensions: ['sex'], seed: MARK }),
        201,
      )
    ).id;

    const host = await createHost(env, admin, { name: `${MARK} Hub` });
    ids['referral-partners'] = (
      await made(
        env.http
          .post('/referral-partners')
          .set(bearer(coordinator))
          .send({ name: `${MARK} Jobcentre`, kind: 'job-centre' }),
        201,
      )
    ).id;
    ids['host-organisations'] = host.id;
    ids['placement-opportunities'] = (await createOpportunity(env, admin, host.id)).id;
    ids.placements = (
      await made(
        env.http
          .post('/placements')
          .set(bearer(coordinator))
          .send(placementBody(first.personId, host.id, -7)),
        201,
      )
    ).id;
    ids['paid-roles'] = (
      await made(
        env.http
          .post('/paid-roles')
          .set(bearer(coordinator))
          .send({ title: `${MARK} Navigator`, hoursPerWeek: 16, fixedTermMonths: 18, postsPerLocality: 2 }),
        201,
      )
    ).id;
    ids.jobs = (
      await made(
        env.http
          .post(`/people/${first.personId}/jobs`)
          .set(bearer(coordinator))
          .send(jobBody({ startsOn: isoDaysFromToday(0) })),
        201,
      )
    ).id;
    ids.reports = (await made(env.http.post('/reports').set(bearer(coordinator)).send({ preset: 'last-month' }), 202)).id;
    ids['data-rights-requests'] = (await made(env.http.post(`/people/${first.personId}/export-requests`).set(bearer(admin)), 202)).id;
    // The mentor is the placed person, so /me/placements/:id has a record of theirs to address.
    await env.http.put(`/people/${first.personId}/account`).set(bearer(coordinator)).send({ userId: mentor.userId }).expect(200);
    ids.deliveries = await insertDelivery(admin.organisationId);
    // Field work: the mentor's own activity and claims (with a receipt), a check, a payment batch and a message.
    ids.notify = admin.organisationId;
    ids.activity = (
      await made(
        env.http
          .post('/me/activity')
          .set(bearer(mentor))
          .send({ occurredOn: isoDaysFromToday(-1), minutes: 60, kind: 'peer-contact' }),
        201,
      )
    ).id;
    const exported = await made(
      env.http
        .post('/me/expense-claims')
        .set(bearer(mentor))
        .send({ incurredOn: isoDaysFromToday(-1), category: 'parking', description: `${MARK} car park`, amountPence: 300 }),
      201,
    );
    await made(env.http.post(`/expense-claims/${exported.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }), 200);
    ids['expense-batches'] = (await made(env.http.post('/expense-batches').set(bearer(coordinator)), 201)).id;
    ids['expense-claims'] = (
      await made(
        env.http
          .post('/me/expense-claims')
          .set(bearer(mentor))
          .send({ incurredOn: isoDaysFromToday(-1), category: 'parking', description: `${MARK} car park`, amountPence: 200 }),
        201,
      )
    ).id;
    const receipt = await env.http
      .post(`/me/expense-claims/${ids['expense-claims']}/receipts`)
      .set(bearer(mentor))
      .set('Content-Type', 'image/png')
      .send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    if (receipt.status !== 201) throw new Error(`receipt answered ${receipt.status}: ${receipt.text}`);
    ids.receipts = receipt.body.receipts[0].id;
    ids.checks = (
      await made(
        env.http
          .post(`/people/${first.personId}/checks`)
          .set(bearer(coordinator))
          .send({ kind: 'right-to-work', checkedOn: isoDaysFromToday(-1), evidenceSeenBy: `${MARK} Coordinator` }),
        201,
      )
    ).id;
    ids.messages = (
      await made(
        env.http
          .post('/messages')
          .set(bearer(coordinator))
          .send({ audience: 'cohort', cohortId: cohort.id, subject: `${MARK} news`, body: 'Hello' }),
        201,
      )
    ).id;
  }

  /** Deliveries are written by the worker as it sends; none runs here, so one is written as the owner would find it after a refusal. */
  async function insertDelivery(organisationId: string): Promise<string> {
    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    try {
      const id = randomUUID();
      await owner.query(`INSERT INTO deliveries (organisation_id, id, key, recipient, template, subject, status, error) VALUES ($1, $2, $3, $4, 'invitation', $5, 'failed', 'refused')`, [
        organisationId,
        id,
        `role-matrix:${id}`,
        `pending@${MARK.toLowerCase()}.example.org`,
        `${MARK} invitation`,
      ]);
      return id;
    } finally {
      await owner.end();
    }
  }

  /** The path with each parameter filled: the first organisation's real ids, or ids that exist nowhere. */
  function fill(operation: Operation, real: boolean): string {
    return operation.path.replace(/\{(\w+)\}/g, (_whole, param: string, offset: number) => {
      if (!real) return param === 'slug' ? `nowhere${randomUUID().slice(0, 8)}` : randomUUID();
      if (param === 'userId') return ids.members;
      if (param === 'consentId' || param === 'slug') return ids[param];
      const segment = operation.path.slice(0, offset).split('/').filter(Boolean).pop()!;
      if (!ids[segment]) throw new Error(`${operation.name}: no record of kind "${segment}" was seeded; add one to seedOneOfEach`);
      return ids[segment];
    });
  }

  async function call(operation: Operation, caller: SignedIn | undefined, path: string): Promise<Response> {
    let request = env.http[operation.method](path).query(operation.requiredQuery);
    if (caller) request = request.set(bearer(caller));
    if (operation.body?.type === 'csv') request = request.set('Content-Type', 'text/csv').send('name\n');
    else if (operation.body) request = request.send({});
    const response = await request;
    return { status: response.status, text: response.text ?? '' };
  }

  /** Every operation once, the session-ending ones last. */
  async function everyOperation(caller: SignedIn | undefined, real: boolean): Promise<Array<{ operation: Operation; path: string; response: Response }>> {
    const ordered = [...operations.filter((o) => !CALLED_LAST[o.name]), ...operations.filter((o) => CALLED_LAST[o.name])];
    const results = [];
    for (const operation of ordered) {
      const path = fill(operation, real);
      results.push({ operation, path, response: await call(operation, caller, path) });
    }
    return results;
  }

  it('finds the whole API in the document, each operation stating its roles, public ones without security', () => {
    expect(operations.length).toBeGreaterThan(130);
    for (const name of Object.keys(CALLED_LAST)) expect(operations.map((o) => o.name)).toContain(name);
    expect(
      operations
        .filter((o) => o.public)
        .map((o) => o.name)
        .sort(),
    ).toEqual([...PUBLIC_OPERATIONS].sort());
    for (const operation of operations) {
      if (operation.public) {
        expect({ name: operation.name, security: operation.security, roles: operation.roles }).toEqual({ name: operation.name, security: [], roles: [] });
        expect(operation.description).toContain('Who: anyone, without signing in.');
      } else {
        expect({ name: operation.name, security: operation.security }).toEqual({ name: operation.name, security: [{ bearer: [] }, { steppingstone_session: [] }] });
        expect({ name: operation.name, declaresRoles: operation.roles.length > 0 }).toEqual({ name: operation.name, declaresRoles: true });
        expect(operation.description).toContain(`Who: ${operation.roles.join(', ')}.`);
      }
    }
  });

  it('keeps applicants’ details and schedule generation from trainers', () => {
    const rolesOf = (name: string) => operations.find((o) => o.name === name)?.roles;
    expect(rolesOf('GET /applications')).toEqual([Role.Admin, Role.Coordinator]);
    expect(rolesOf('GET /applications/{id}')).toEqual([Role.Admin, Role.Coordinator]);
    expect(rolesOf('POST /cohorts/{id}/schedule')).toEqual([Role.Admin, Role.Coordinator]);
  });

  it('with no session: every operation but the public ones answers 401; the public ones never 401 or 403', async () => {
    const wrong = (await everyOperation(undefined, false))
      .filter(({ operation, response }) => (operation.public ? [401, 403].includes(response.status) : response.status !== 401))
      .map(({ operation, response }) => `${operation.name} → ${response.status}`);
    expect(wrong).toEqual([]);
  });

  it.each(CALLERS)('as the %s: 403 exactly where the operation’s roles leave the role out, never 401 or 403 elsewhere, and 404 for any GET of a record that does not exist', async (role) => {
    // A session of its own: the matrix ends it (POST /auth/logout) on the way.
    const caller = await login(env, a[role].email, a[role].organisationId, a[role].role);
    const wrong: string[] = [];
    for (const { operation, response } of await everyOperation(caller, false)) {
      const allowed = operation.public || operation.roles.includes(a[role].role);
      if (!allowed && response.status !== 403) wrong.push(`${operation.name} → ${response.status}, expected 403`);
      if (allowed && [401, 403].includes(response.status)) wrong.push(`${operation.name} → ${response.status}, expected the role to be let through`);
      if (allowed && operation.method === 'get' && operation.path.includes('{') && response.status !== 404)
        wrong.push(`${operation.name} with an id that exists nowhere → ${response.status}, expected 404`);
    }
    expect(wrong).toEqual([]);
  });

  it('the seeded ids are real: the first organisation reads each record it addresses (so the next test’s 404s are about tenancy)', async () => {
    const admin = await login(env, a.admin.email, a.admin.organisationId, Role.Admin);
    const mentor = await login(env, a.mentor.email, a.mentor.organisationId, Role.Mentor);
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.method === 'get' && o.path.includes('{'))) {
      // /me/... addresses the caller's own records: the mentor is the person the seeded placement is for.
      const response = await call(operation, operation.path.startsWith('/me/') ? mentor : admin, fill(operation, true));
      const expected = OWN_READ_NOT_2XX[operation.name]?.status;
      if (expected ? response.status !== expected : response.status >= 300) wrong.push(`${operation.name} → ${response.status}: ${response.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('as another organisation’s admin aimed at the first organisation’s real ids: never 2xx (404 where nothing else comes first), never any of its data', async () => {
    const caller = await login(env, adminB.email, adminB.organisationId, Role.Admin);
    const ownIds = Object.values(ids);
    const wrong: string[] = [];
    for (const { operation, path, response } of await everyOperation(caller, true)) {
      // A public operation answers anyone the same, signed in or not (the public form shows its intake's name by design).
      if (operation.public) continue;
      const leaked = [MARK, ...ownIds.filter((id) => !path.includes(id))].filter((marker) => response.text.toLowerCase().includes(marker.toLowerCase()));
      if (leaked.length) wrong.push(`${operation.name} → shows ${leaked.join(', ')}`);
      if (!operation.path.includes('{')) continue;
      if (response.status < 300) wrong.push(`${operation.name} → ${response.status} on the other organisation’s record`);
      // With no body to validate first, the record's absence is the answer.
      if (!operation.body && operation.roles.includes(Role.Admin) && response.status !== 404) wrong.push(`${operation.name} → ${response.status}, expected 404`);
    }
    expect(wrong).toEqual([]);
  });

  it('every list under a record (GET /{parent}/:id/{children}) answers 404 for a parent that exists nowhere and for another organisation’s, never 200 []', async () => {
    const lists = operations.filter((o) => o.method === 'get' && /^\/[\w/-]+\/\{id\}\/[\w-]+$/.test(o.path) && !o.path.startsWith('/me/'));
    expect(lists.map((o) => o.name)).toEqual(expect.arrayContaining(['GET /intakes/{id}/selections', 'GET /intakes/{id}/pipeline', 'GET /cohorts/{id}/sessions', 'GET /people/{id}/jobs']));
    const admin = await login(env, a.admin.email, a.admin.organisationId, Role.Admin);
    const other = await login(env, adminB.email, adminB.organisationId, Role.Admin);
    const answers = [];
    for (const operation of lists) {
      answers.push({ name: operation.name, nowhere: (await call(operation, admin, fill(operation, false))).status, otherOrganisation: (await call(operation, other, fill(operation, true))).status });
    }
    expect(answers).toEqual(lists.map((o) => ({ name: o.name, nowhere: 404, otherOrganisation: 404 })));
  });

  it('README’s table of who may call what is the one the document gives (`npm run docs:roles` rewrites it)', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf(ROLES_BLOCK_START), readme.indexOf(ROLES_BLOCK_END) + ROLES_BLOCK_END.length);
    const document = (await env.http.get('/api/docs-json').expect(200)).body;
    expect(block).toBe(renderRolesTable(document));
  });
});

/** The body of a set-up request, or an error that says what the API answered instead. */
async function made(request: PromiseLike<{ status: number; text: string; body: Record<string, string> }>, status: number): Promise<Record<string, string>> {
  const response = await request;
  if (response.status !== status) throw new Error(`set-up request answered ${response.status}, not ${status}: ${response.text}`);
  return response.body;
}

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const parameters = (op.parameters ?? []) as Array<{ name: string; in: string; required?: boolean; schema?: { enum?: unknown[]; example?: unknown } }>;
      const requiredQuery = Object.fromEntries(parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(p.schema?.enum?.[0] ?? p.schema?.example ?? 'x')]));
      const content = Object.keys((op.requestBody as { content?: object } | undefined)?.content ?? {});
      operations.push({
        method,
        path,
        name: `${method.toUpperCase()} ${path}`,
        public: op['x-public'] === true,
        roles: (op['x-roles'] as Role[] | undefined) ?? [],
        security: op.security,
        description: String(op.description ?? ''),
        requiredQuery,
        body: content.length ? { type: content.includes('application/json') ? 'json' : 'csv' } : undefined,
      });
    }
  }
  return operations;
}
