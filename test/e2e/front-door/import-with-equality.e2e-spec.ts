import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const FILE = readFileSync(join(__dirname, '../../fixtures/applicants/equality-paper-forms.csv'), 'utf8');
const MAPPING = { 'Ethnicity (2021 census)': 'ethnicity', 'happy for us to keep equality answers': 'equalityConsent', Notes: null };

interface Gap {
  dimension: string;
  categories: Array<{ category: string; count: number }>;
  undisclosed: Array<{ category: string; count: number }>;
}

describe('importing applicants with their equality answers from a spreadsheet of paper forms', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let db: Client;
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  const importCsv = (intakeId: string, csv: string, dryRun: boolean, mapping?: Record<string, string | null>) =>
    env.http
      .post(`/intakes/${intakeId}/applicants/import`)
      .query({ dryRun, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) })
      .set(bearer(coordinator))
      .set('Content-Type', 'text/csv')
      .send(csv);

  beforeAll(async () => {
    env = await TestEnvironment.start();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'disability_by_la.csv', 'religion_by_la.csv']);
    await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Holloway Jobcentre', kind: 'job-centre', code: 'HOLL' }).expect(201);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('lists the columns it takes, the equality ones in census wording', async () => {
    const { body } = await env.http.get('/applicant-import/columns').set(bearer(coordinator)).expect(200);
    expect(body.find((c: { column: string }) => c.column === 'ethnicity')).toEqual({
      column: 'ethnicity',
      label: 'Ethnic group',
      spellings: expect.arrayContaining(['ethnic group', 'what is your ethnic group']),
      equality: true,
    });
    expect(body.find((c: { column: string }) => c.column === 'equalityConsent')).toMatchObject({ equality: true });
    expect(body.find((c: { column: string }) => c.column === 'phone')).toMatchObject({ equality: false });
    await env.http
      .get('/applicant-import/columns')
      .set(bearer(await addMember(env, admin, Role.Trainer)))
      .expect(403);
  });

  it('dry run without a mapping shows how each header was read, and that answers without a consent column cannot be kept', async () => {
    const intake = await openIntake(env, coordinator);
    const { body } = await importCsv(intake.id, FILE, true).expect(200);
    expect(body.ignoredColumns).toEqual(['Ethnicity (2021 census)', 'Happy for us to keep equality answers', 'Notes']);
    expect(body.columns).toEqual(
      expect.arrayContaining([
        { header: 'Sex', column: 'sex' },
        { header: 'Ethnic group write-in', column: 'ethnicityOther' },
        { header: 'Ethnicity (2021 census)', column: null },
      ]),
    );
    // Without the ethnic group column, the write-ins stand alone; without the consent column, no answer can be kept.
    expect(body.problems.filter((p: { rule: string }) => p.rule === 'consentRequired').map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [2, 'Equality consent'],
      [3, 'Equality consent'],
      [4, 'Equality consent'],
      [5, 'Equality consent'],
      [7, 'Equality consent'],
      [8, 'Equality consent'],
    ]);
    expect(body.problems.filter((p: { rule: string }) => p.rule === 'writeInAnswer').map((p: { row: number }) => p.row)).toEqual([2, 5]);
  });

  it('dry run with the mapping finds nothing wrong and writes nothing; a file with problems lists every one by row and column and a real run refuses it whole', async () => {
    const intake = await openIntake(env, coordinator);
    const clean = await importCsv(intake.id, FILE, true, MAPPING).expect(200);
    expect(clean.body).toMatchObject({ dryRun: true, rowCount: 7, validRows: 7, created: 0, problems: [], equalityRows: 6, ignoredColumns: ['Notes'] });
    expect(clean.body.columns).toEqual(
      expect.arrayContaining([
        { header: 'Ethnicity (2021 census)', column: 'ethnicity' },
        { header: 'Happy for us to keep equality answers', column: 'equalityConsent' },
      ]),
    );

    const broken = `${FILE.trimEnd()}
Hana Ito,07700 900308,,,NOPE,Female,Martian,,,,yes,
Ivo Marek,07700 900309,,,,Male,White: Roma,,,,no,
Jay Kerr,07700 900310,,31/02/2026,,,Any other ethnic group,Cornish,,,yes,
`;
    const dry = await importCsv(intake.id, broken, true, MAPPING).expect(200);
    expect(dry.body.problems.map((p: { row: number; column: string; rule: string }) => [p.row, p.column, p.rule])).toEqual([
      [9, 'Partner code', 'knownPartnerCode'],
      [9, 'Ethnicity (2021 census)', 'isIn'],
      [10, 'Happy for us to keep equality answers', 'consentRequired'],
      [11, 'Received on', 'dateFormat'],
    ]);
    expect(JSON.stringify(dry.body.problems)).not.toContain('Martian');
    const real = await importCsv(intake.id, broken, false, MAPPING).expect(400);
    expect(real.body).toMatchObject({ code: 'IMPORT_INVALID_ROWS', created: 0 });
    expect(await sql(`SELECT count(*)::int AS n FROM applications WHERE intake_id = $1`, [intake.id])).toEqual([{ n: 0 }]);
    expect(await sql(`SELECT count(*)::int AS n FROM people`)).toEqual([{ n: 0 }]);

    const badMapping = await importCsv(intake.id, FILE, true, { 'Ethnicity (2021 census)': 'favouriteColour' }).expect(400);
    expect(badMapping.body.details).toEqual([expect.objectContaining({ field: 'mapping', rule: 'columnMapping' })]);
    const absent = await importCsv(intake.id, FILE, true, { 'Not in the file': 'ethnicity' }).expect(400);
    expect(absent.body).toMatchObject({ code: 'IMPORT_INVALID_COLUMNS', details: [{ field: 'mapping.Not in the file', rule: 'headerExists' }] });
  });

  it('imports the file all or nothing, and the gap analysis counts match the file row for row', async () => {
    const intake = await openIntake(env, coordinator);
    const { body } = await importCsv(intake.id, FILE, false, MAPPING).expect(201);
    expect(body).toMatchObject({ dryRun: false, rowCount: 7, created: 7, equalityRows: 6 });

    const { body: gaps } = await env.http
      .post('/representativeness/gap-analysis')
      .set(bearer(coordinator))
      .send({ intakeId: intake.id, dimensions: ['sex', 'ethnicity_broad', 'disability_broad', 'religion'] })
      .expect(200);
    const counts = Object.fromEntries(
      (gaps.dimensions as Gap[]).map((d) => [d.dimension, Object.fromEntries([...d.categories, ...d.undisclosed].filter((c) => c.count).map((c) => [c.category, c.count]))]),
    );
    // Counted by hand from test/fixtures/applicants/equality-paper-forms.csv (Eli answered nothing).
    expect(gaps.population.size).toBe(7);
    expect(counts.sex).toEqual({ Female: 3, Male: 1, 'Prefer not to say': 2, 'Not recorded': 1 });
    expect(counts.ethnicity_broad).toEqual({ Black: 1, White: 2, Asian: 2, 'Prefer not to say': 1, 'Not recorded': 1 });
    expect(counts.disability_broad).toEqual({ 'Not disabled under the Equality Act': 1, 'Disabled under the Equality Act': 2, 'Prefer not to say': 2, 'Not recorded': 2 });
    expect(counts.religion).toEqual({ Muslim: 2, Christian: 2, 'No religion': 1, 'Prefer not to say': 1, 'Not recorded': 1 });

    // Each profile rests on an imported consent recorded by the coordinator; write-ins kept; partners and arrival dates carried.
    expect(
      await sql(
        `SELECT count(*)::int AS n, min(method) AS method, min(recorded_by::text) AS by FROM consents WHERE purpose = 'demographic-monitoring' AND person_id IN (SELECT person_id FROM applications WHERE intake_id = $1)`,
        [intake.id],
      ),
    ).toEqual([{ n: 6, method: 'import', by: coordinator.userId }]);
    expect(await sql(`SELECT p.name, d.ethnicity_other FROM demographic_profiles d JOIN people p ON p.id = d.person_id WHERE d.ethnicity_other IS NOT NULL ORDER BY p.name`)).toEqual([
      { name: 'Amina Yusuf', ethnicity_other: 'Somali' },
      { name: 'Dora Silva', ethnicity_other: 'Portuguese' },
    ]);
    const byPartner = await env.http.get(`/intakes/${intake.id}/pipeline/by-partner`).set(bearer(coordinator)).expect(200);
    expect(byPartner.body.partners.map((p: { name: string; code: string | null; total: number }) => [p.name, p.code, p.total])).toEqual([
      ['Holloway Jobcentre', 'HOLL', 3],
      ['No partner', null, 4],
    ]);
    expect(
      await sql(
        `SELECT p.name, a.channel, a.source, to_char(a.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM applications a JOIN people p ON p.id = a.person_id WHERE a.intake_id = $1 AND p.name IN ('Amina Yusuf', 'Brian Keane') ORDER BY p.name`,
        [intake.id],
      ),
    ).toEqual([
      { name: 'Amina Yusuf', channel: 'import', source: 'referral', day: '2026-01-05' },
      { name: 'Brian Keane', channel: 'import', source: 'coordinator', day: '2026-01-05' },
    ]);
    expect(await sql(`SELECT count(DISTINCT reference)::int AS n FROM applications WHERE intake_id = $1`, [intake.id])).toEqual([{ n: 7 }]);
  });
});
