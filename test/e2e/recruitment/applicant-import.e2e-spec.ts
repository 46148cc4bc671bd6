import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createIntake, createLocality, createProgramme, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/applicants', name), 'utf8');

interface Problem {
  row: number;
  column: string;
  rule: string;
  message: string;
}

describe('bulk import of applicants from a coordinator spreadsheet', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let holloway: { id: string };

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Islington Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    holloway = await createLocality(env, admin, 'Holloway');
    await createLocality(env, admin, 'Archway');
  });
  afterAll(() => env.close());

  const importCsv = (who: SignedIn, intakeId: string, csv: string, dryRun: boolean) =>
    env.http.post(`/intakes/${intakeId}/applicants/import`).query({ dryRun }).set(bearer(who)).set('Content-Type', 'text/csv').send(csv);

  const listTotal = async (intakeId: string) => (await env.http.get('/applications').query({ intakeId }).set(bearer(coordinator)).expect(200)).body.total as number;

  it('dry run reports every problem of every row by spreadsheet row and column, and writes nothing', async () => {
    const intake = await openIntake(env, coordinator);
    const { body } = await importCsv(coordinator, intake.id, fixture('mixed-problems.csv'), true).expect(200);

    expect(body).toMatchObject({ dryRun: true, intakeId: intake.id, rowCount: 9, validRows: 2, created: 0, ignoredColumns: ['Shoe size'] });
    const found = body.problems.map((p: Problem) => [p.row, p.column, p.rule]);
    expect(found).toEqual([
      [3, 'Email', 'isEmail'],
      [4, 'Postcode', 'matches'],
      [5, 'DOB', 'isDateOfBirth'],
      [6, 'Locality', 'localityExists'],
      [7, 'Full name', 'isNotEmpty'],
      [8, 'Source', 'isIn'],
      [9, 'DOB', 'dateFormat'],
    ]);
    const message = (row: number) => body.problems.find((p: Problem) => p.row === row).message;
    expect(message(5)).toMatch(/^DOB must be a date/);
    expect(message(6)).toBe('Locality "Atlantis" is not one of this organisation\'s localities');
    expect(message(8)).toContain('"radio advert"');
    expect(message(9)).toContain('21/04/1990');

    // A repeated email (in another case) is a warning on the later row, as is a column we do not import.
    expect(body.warnings).toEqual([
      { row: 1, column: 'Shoe size', rule: 'unknownColumn', message: 'The column "Shoe size" is not one we import; it was ignored' },
      { row: 10, column: 'Email', rule: 'duplicateInFile', message: 'Same email as row 2: the same person twice?' },
    ]);
    expect(await listTotal(intake.id)).toBe(0);
    expect((await env.http.get('/people').set(bearer(coordinator)).expect(200)).body.total).toBe(0);
  });

  it('refuses the whole file (400, nothing written) when one row has a problem', async () => {
    const intake = await openIntake(env, coordinator);
    const csv = `${fixture('clean.csv').trimEnd()}\nLee Bad,,lee@example,,,,,,,\n`;
    const { body } = await importCsv(coordinator, intake.id, csv, false).expect(400);

    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'IMPORT_INVALID_ROWS', dryRun: false, rowCount: 7, validRows: 6, created: 0 });
    expect(body.message).toMatch(/^1 of 7 rows have problems, so nothing was imported/);
    expect(body.details).toEqual([{ field: 'row 9: Email', rule: 'isEmail', message: 'Email must be an email address' }]);
    expect(body.problems).toEqual([{ row: 9, column: 'Email', rule: 'isEmail', message: 'Email must be an email address' }]);
    expect(await listTotal(intake.id)).toBe(0);
  });

  it('imports a clean file in one go: every applicant at applied, by the importing user, audited once', async () => {
    const intake = await openIntake(env, coordinator);
    const { body } = await importCsv(coordinator, intake.id, fixture('clean.csv'), false).expect(201);
    expect(body).toMatchObject({ dryRun: false, rowCount: 6, validRows: 6, created: 6, problems: [] });

    const list = await env.http.get('/applications').query({ intakeId: intake.id, sort: 'name', direction: 'asc' }).set(bearer(coordinator)).expect(200);
    expect(list.body.total).toBe(6);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['Joe Bloggs', 'Kemi Adebayo', "O'Brien, Niamh", 'Priya Shah', 'Sam Taylor', 'Tom Walsh']);
    expect(list.body.items.every((a: { stage: string }) => a.stage === 'applied')).toBe(true);
    const pipeline = await env.http.get(`/intakes/${intake.id}/pipeline`).set(bearer(coordinator)).expect(200);
    expect(pipeline.body).toMatchObject({ total: 6, stages: { applied: 6, screened: 0 } });

    // A UK date, a lower-case postcode and locality, and "email; sms" all arrive as the API stores them.
    const sam = list.body.items.find((a: { name: string }) => a.name === 'Sam Taylor');
    expect(sam).toMatchObject({ source: 'referral', referrer: 'Islington Mind', localityId: holloway.id, preferredName: 'Sam' });
    const person = await env.http.get(`/people/${sam.personId}`).set(bearer(coordinator)).expect(200);
    expect(person.body).toMatchObject({ dateOfBirth: '1990-04-21', postcode: 'N7 8JL', phone: '07700 900101', contactPreferences: ['email', 'sms'] });
    const sources = Object.fromEntries(list.body.items.map((a: { name: string; source: string }) => [a.name, a.source]));
    expect(sources).toMatchObject({ 'Joe Bloggs': 'coordinator', "O'Brien, Niamh": 'event', 'Priya Shah': 'self' });

    const application = await env.http.get(`/applications/${sam.id}`).set(bearer(coordinator)).expect(200);
    expect(application.body.history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'applied', actorUserId: coordinator.userId })]);
    const audit = await env.http.get('/audit-log').query({ action: 'applications.imported', pageSize: 100 }).set(bearer(admin)).expect(200);
    const entries = audit.body.items.filter((e: { entityId: string }) => e.entityId === intake.id);
    expect(entries).toEqual([expect.objectContaining({ action: 'applications.imported', actorUserId: coordinator.userId, details: expect.objectContaining({ count: 6 }) })]);

    // The same file again: every row matches someone already recorded (and already applied), as a warning.
    const again = await importCsv(coordinator, intake.id, fixture('clean.csv'), true).expect(200);
    expect(again.body.problems).toEqual([]);
    const tom = again.body.warnings.find((w: { row: number; column: string }) => w.row === 8 && w.column === 'Email');
    expect(tom).toMatchObject({ rule: 'matchesExistingPerson', matches: [{ name: 'Tom Walsh', alreadyInIntake: true }] });
    expect(await listTotal(intake.id)).toBe(6);
  });

  it('accepts First name and Last name columns, tab-separated text, a declared Windows-1252 file and a draft intake', async () => {
    const programme = await createProgramme(env, coordinator);
    const draft = await createIntake(env, coordinator, programme.id);
    const csv = 'First name\tSurname\tDOB\nAmara\tOkafor\t21/04/1990\n';
    const { body } = await importCsv(admin, draft.id, csv, false).expect(201);
    expect(body.created).toBe(1);
    const list = await env.http.get('/applications').query({ intakeId: draft.id }).set(bearer(admin)).expect(200);
    expect(list.body.items[0]).toMatchObject({ name: 'Amara Okafor', source: 'coordinator' });

    // Older Excel's "CSV" is Windows-1252: refused when undeclared (names would be mangled), read when declared.
    const latin1 = Buffer.from('Name\nRenée Dubois\n', 'latin1');
    const send = (type: string) => env.http.post(`/intakes/${draft.id}/applicants/import`).query({ dryRun: false }).set(bearer(admin)).set('Content-Type', type).send(latin1);
    expect((await send('text/csv').expect(400)).body.message).toMatch(/not UTF-8/);
    await send('text/csv; charset=windows-1252').expect(201);
    const names = (await env.http.get('/applications').query({ intakeId: draft.id, sort: 'name', direction: 'asc' }).set(bearer(admin)).expect(200)).body.items.map((a: { name: string }) => a.name);
    expect(names).toEqual(['Amara Okafor', 'Renée Dubois']);
  });

  it('refuses empty, header-only and nameless files with a clear message', async () => {
    const intake = await openIntake(env, coordinator);
    for (const dryRun of [true, false]) {
      const empty = await importCsv(coordinator, intake.id, '', dryRun).expect(400);
      expect(empty.body).toMatchObject({ code: 'IMPORT_UNREADABLE_FILE', message: expect.stringMatching(/^The file is empty/) });
      const headerOnly = await importCsv(coordinator, intake.id, 'Name,Email\n\n,\n', dryRun).expect(400);
      expect(headerOnly.body).toMatchObject({ code: 'IMPORT_UNREADABLE_FILE', message: expect.stringMatching(/header row but no applicants/) });
    }
    const nameless = await importCsv(coordinator, intake.id, 'Email,Phone\nsam@example.org,07700 900123\n', true).expect(400);
    expect(nameless.body).toMatchObject({ code: 'IMPORT_INVALID_COLUMNS', details: [{ field: 'Name', rule: 'requiredColumn', message: expect.stringContaining('Name column') }] });
    const twice = await importCsv(coordinator, intake.id, 'Name,Full name\nSam,Sam\n', true).expect(400);
    expect(twice.body.details).toEqual([expect.objectContaining({ rule: 'uniqueColumn' })]);

    const json = await env.http.post(`/intakes/${intake.id}/applicants/import`).query({ dryRun: true }).set(bearer(coordinator)).send({ csv: 'Name\nSam\n' }).expect(415);
    expect(json.body.message).toContain('Content-Type: text/csv');
    await env.http.post(`/intakes/${intake.id}/applicants/import`).set(bearer(coordinator)).set('Content-Type', 'text/csv').send('Name\nSam\n').expect(400);
    expect(await listTotal(intake.id)).toBe(0);
  });

  it('documents the endpoint in OpenAPI as taking the CSV file itself', async () => {
    const { body } = await env.http.get('/api/docs-json').expect(200);
    const operation = body.paths['/intakes/{id}/applicants/import'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['text/csv', 'application/csv', 'text/plain']);
    expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dryRun', in: 'query', required: true })]));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '403', '404', '409']));
  });

  it('answers 404 for another organisation’s intake, 409 for an archived one, 403 for trainers and mentors', async () => {
    const other = await signUpOrganisation(env);
    const theirs = await openIntake(env, other);
    const csv = 'Name\nSam Taylor\n';
    const notFound = await importCsv(coordinator, theirs.id, csv, false).expect(404);
    expect(notFound.body).toMatchObject({ code: 'INTAKE_NOT_FOUND' });
    expect((await env.http.get('/applications').query({ intakeId: theirs.id }).set(bearer(other)).expect(200)).body.total).toBe(0);

    const programme = await createProgramme(env, coordinator);
    const archived = await createIntake(env, coordinator, programme.id);
    await env.http.post(`/intakes/${archived.id}/status`).set(bearer(coordinator)).send({ status: 'archived' }).expect(200);
    expect((await importCsv(coordinator, archived.id, csv, false).expect(409)).body.message).toContain('archived');

    const ours = await openIntake(env, coordinator);
    for (const role of [Role.Trainer, Role.Mentor]) {
      const member = await addMember(env, admin, role);
      await importCsv(member, ours.id, csv, true).expect(403);
      await importCsv(member, ours.id, csv, false).expect(403);
    }
    expect(await listTotal(ours.id)).toBe(0);
  });
});
