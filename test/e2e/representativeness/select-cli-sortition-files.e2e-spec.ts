/*
 * `npm run select` on the files the sortition world writes today (test/fixtures/sortition/layouts:
 * the stratification app's, sortition-algorithms' and OpenDLP's layouts) and the replication
 * repository's instance, with the flags they need: --id-column, --check-same-address,
 * --already-selected, --tickets and --draw exact. Quotas are checked by recounting the chosen
 * people's answers in panel.csv.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const ROOT = join(__dirname, '..', '..', '..');
const LAYOUTS = join(ROOT, 'test/fixtures/sortition/layouts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function select(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/select.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Row = Record<string, string>;
const csv = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];

/** Reads the quota file the way its layout names the columns, and recounts the panel against it. */
function expectQuotasRecounted(categoriesFile: string, panel: Row[]): void {
  const quotas = csv(categoriesFile);
  for (const quota of quotas) {
    const category = quota.category ?? quota.feature;
    const value = quota.category !== undefined ? (quota.name ?? quota.feature) : quota.value;
    const count = panel.filter((person) => person[category] === value).length;
    expect(count).toBeGreaterThanOrEqual(Number(quota.min));
    expect(count).toBeLessThanOrEqual(Number(quota.max));
  }
}

describe('npm run select on Sortition Foundation files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'select-sortition-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['stratification-app', 'nationbuilder_id'],
    ['sortition-algorithms', 'unique_id'],
    ['opendlp', 'pool_member_identifier'],
  ])('selects from the %s layout, keeping the ids of its %s column', async (layout, idColumn) => {
    const out = join(dir, layout);
    const categories = join(LAYOUTS, `${layout}-categories.csv`);
    const run = await select(['--categories', categories, '--respondents', join(LAYOUTS, `${layout}-respondents.csv`), '--panel-size', '10', '--seed', layout, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ids from: ${idColumn}`);
    const panel = csv(join(out, 'panel.csv'));
    expect(panel).toHaveLength(10);
    expect(Object.keys(panel[0])[0]).toBe(idColumn);
    expectQuotasRecounted(categories, panel);
  });

  it('--check-same-address keeps housemates apart and --already-selected puts people on the panel', async () => {
    const categories = join(LAYOUTS, 'stratification-app-categories.csv');
    const respondents = join(LAYOUTS, 'stratification-app-respondents.csv');
    const kept = join(dir, 'already-selected.csv');
    // NB1000 is on the panel already, so NB1001 (same address, typed differently) never can be.
    writeFileSync(kept, 'nationbuilder_id\nNB1000\nNB1010\n');
    for (const seed of ['h1', 'h2', 'h3', 'h4']) {
      const out = join(dir, `household-${seed}`);
      const run = await select([
        '--categories',
        categories,
        '--respondents',
        respondents,
        '--panel-size',
        '10',
        '--seed',
        seed,
        '--out',
        out,
        '--check-same-address',
        'primary_address1,primary_zip',
        '--already-selected',
        kept,
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('households: 2 address(es) shared by two or more people');
      const panel = csv(join(out, 'panel.csv'));
      const ids = panel.map((p) => p.nationbuilder_id);
      expect(ids).toEqual(expect.arrayContaining(['NB1000', 'NB1010']));
      expect(ids).not.toContain('NB1001');
      const addresses = panel.map((p) => `${p.primary_address1.trim().toLowerCase()}|${p.primary_zip.trim().toLowerCase()}`);
      expect(new Set(addresses).size).toBe(panel.length);
      expectQuotasRecounted(categories, panel);
      const chances = csv(join(out, 'probabilities.csv'));
      expect(chances.find((c) => c.id === 'NB1000')).toMatchObject({ probability: '1.0000000000', already_selected: 'yes' });
      expect(Number(chances.find((c) => c.id === 'NB1001')?.probability)).toBe(0);
    }
  });

  it('--tickets 1000 keeps a physical lottery of exactly 1,000 tickets; --draw exact draws from the exact distribution', async () => {
    const args = [
      '--categories',
      join(ROOT, 'test/fixtures/replication/example_small_20/categories.csv'),
      '--respondents',
      join(ROOT, 'test/fixtures/replication/example_small_20/respondents.csv'),
      '--panel-size',
      '20',
      '--seed',
      'tickets',
    ];
    const physical = await select([...args, '--tickets', '1000', '--out', join(dir, 'tickets')]);
    expect(physical.code).toBe(0);
    expect(physical.stdout).toMatch(/^lottery: 1000 tickets over \d+ distinct panels/m);
    const lottery = csv(join(dir, 'tickets', 'lottery.csv'));
    expect(lottery.reduce((s, row) => s + Number(row.tickets), 0)).toBe(1000);
    expect(lottery.filter((row) => row.drawn === 'yes')).toHaveLength(1);

    const exact = await select([...args, '--draw', 'exact', '--out', join(dir, 'exact')]);
    expect(exact.code).toBe(0);
    expect(exact.stdout).toMatch(/^draw: straight from the exact distribution/m);
    // The replication authors' minimum for this instance is 10.0%.
    expect(exact.stdout.trimEnd().split('\n').at(-1)).toBe('minimum probability: 0.1000 (exact optimum: 0.1000; N/pool: 0.1000)');
    const summary = JSON.parse(readFileSync(join(dir, 'exact', 'summary.json'), 'utf8')) as { lotteryLoss: number; draw: string };
    expect(summary).toMatchObject({ lotteryLoss: 0, draw: 'exact' });

    const both = await select([...args, '--draw', 'exact', '--tickets', '1000']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--tickets sets the size of a lottery; it cannot go with --draw exact');
  });

  it('relaxes quotas within min_flex and max_flex when they cannot all be met, and says which', async () => {
    const categories = join(dir, 'flex-categories.csv');
    // 7 women and only one place for a man in 10 cannot all hold; the men's max_flex allows 3.
    writeFileSync(
      categories,
      readFileSync(join(LAYOUTS, 'stratification-app-categories.csv'), 'utf8').replace('gender,Female,4,6,3,7', 'gender,Female,4,6,4,6').replace('gender,Male,4,6,3,7', 'gender,Male,0,1,0,4'),
    );
    const out = join(dir, 'flex');
    const run = await select(['--categories', categories, '--respondents', join(LAYOUTS, 'stratification-app-respondents.csv'), '--panel-size', '10', '--seed', 'flex', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('relaxed within its flex: gender = Male: min 0 -> 0, max 1 -> 4');
    const panel = csv(join(out, 'panel.csv'));
    expect(panel.filter((p) => p.gender === 'Male').length).toBe(4);
  });
});
