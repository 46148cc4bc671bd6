/*
 * `npm run select` as a coordinator runs it: a child process on files in a temporary directory.
 * Asserts the files it writes, what it prints (the last line exactly) and its exit status.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test/fixtures/sortition');

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

describe('npm run select', () => {
  let dir: string;
  const categories = join(FIXTURES, 'categories.csv');
  const respondents = join(FIXTURES, 'respondents.csv');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'select-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('selects a panel meeting the quotas, writes panel.csv and probabilities.csv, and ends with the minimum probability', async () => {
    const out = join(dir, 'run1');
    const run = await select(['--categories', categories, '--respondents', respondents, '--panel-size', '10', '--seed', 'e2e-seed', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^minimum probability: \d\.\d{4} \(exact optimum: \d\.\d{4}; N\/pool: 0\.2500\)$/);
    expect(run.stdout).toContain('seed: e2e-seed');
    expect(run.stdout).toMatch(/category\s+feature\s+min\s+max\s+selected/);

    const panel = parse(readFileSync(join(out, 'panel.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(panel).toHaveLength(10);
    expect(Object.keys(panel[0])).toEqual(['id', 'first_name', 'gender', 'age', 'area']);
    const idsLine = lines.find((l) => l.startsWith('panel (10): '));
    expect(idsLine?.slice('panel (10): '.length).split(', ')).toEqual(panel.map((r) => r.id));
    const count = (column: string, value: string) => panel.filter((r) => r[column] === value).length;
    expect(count('gender', 'Female')).toBeGreaterThanOrEqual(4);
    expect(count('gender', 'Female')).toBeLessThanOrEqual(6);
    expect(count('age', '65+')).toBeGreaterThanOrEqual(2);

    const probabilities = parse(readFileSync(join(out, 'probabilities.csv'), 'utf8'), { columns: true }) as Array<{ id: string; probability: string }>;
    expect(probabilities).toHaveLength(40);
    const total = probabilities.reduce((s, p) => s + Number(p.probability), 0);
    expect(total).toBeCloseTo(10, 4);
    const minimum = Math.min(...probabilities.map((p) => Number(p.probability)));
    const printed = Number(/minimum probability: (\S+)/.exec(lines.at(-1) ?? '')?.[1]);
    expect(Math.abs(printed - minimum)).toBeLessThanOrEqual(0.00005 + 1e-12);

    // Both minimums are printed and stored, and the default lottery keeps within 1% of the exact one.
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { exactMinimumProbability: number; lotteryMinimumProbability: number; tickets: number };
    expect(summary.lotteryMinimumProbability).toBeCloseTo(minimum, 9);
    expect(summary.lotteryMinimumProbability).toBeGreaterThanOrEqual(summary.exactMinimumProbability * 0.99);
    expect(run.stdout).toContain(`exact minimum probability: ${summary.exactMinimumProbability.toFixed(7)}; lottery minimum probability: ${summary.lotteryMinimumProbability.toFixed(7)}`);
    const lottery = parse(readFileSync(join(out, 'lottery.csv'), 'utf8'), { columns: true }) as Array<{ tickets: string }>;
    expect(lottery.reduce((s, row) => s + Number(row.tickets), 0)).toBe(summary.tickets);

    const again = await select(['--categories', categories, '--respondents', respondents, '--panel-size', '10', '--seed', 'e2e-seed', '--out', join(dir, 'run2')]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'run2', 'panel.csv'), 'utf8')).toBe(readFileSync(join(out, 'panel.csv'), 'utf8'));
  });

  it('exits with status 2 and names the conflicting categories when the quotas cannot be met', async () => {
    const file = join(dir, 'infeasible-categories.csv');
    // Every 65+ respondent is in the pool's 8, but the quota asks for 9.
    writeFileSync(file, readFileSync(categories, 'utf8').replace('age,65+,2,4', 'age,65+,9,10').replace('area,North,4,6', 'area,North,4,4'));
    const run = await select(['--categories', file, '--respondents', respondents, '--panel-size', '10', '--seed', 'x', '--out', join(dir, 'infeasible')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Conflicting categories: .*age/);
    expect(run.stderr).toContain('Nearest feasible quotas');
    expect(existsSync(join(dir, 'infeasible', 'panel.csv'))).toBe(false);
  });

  it('exits with status 2 for quotas that conflict across categories', async () => {
    const file = join(dir, 'cross-categories.csv');
    writeFileSync(file, 'category,feature,min,max\ngender,Female,9,10\ngender,Male,0,10\narea,North,0,10\narea,South,0,10\nage,18-34,0,10\nage,35-64,0,10\nage,65+,0,10\n');
    const people = 'id,gender,area,age\n' + Array.from({ length: 12 }, (_, i) => `p${i},${i < 8 ? 'Female' : 'Male'},North,35-64`).join('\n') + '\n';
    writeFileSync(join(dir, 'few-women.csv'), people);
    const run = await select(['--categories', file, '--respondents', join(dir, 'few-women.csv'), '--panel-size', '10', '--seed', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Conflicting categories: gender/);
    expect(run.stderr).toMatch(/gender\s+Female\s+9 -> 8/);
  });

  it('exits with status 1 naming the file, line and column of bad input', async () => {
    const bad = join(dir, 'bad-respondents.csv');
    writeFileSync(bad, 'id,first_name,gender,age,area\nR1,A,Female,18-34,North\nR2,B,Unknown,18-34,North\n');
    const run = await select(['--categories', categories, '--respondents', bad, '--panel-size', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${bad} line 3 column "gender": "Unknown" is not a feature of gender`);

    const missing = await select(['--categories', join(dir, 'nope.csv'), '--respondents', respondents, '--panel-size', '10']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot read the categories file ${join(dir, 'nope.csv')}`);

    const tooMany = await select(['--categories', categories, '--respondents', respondents, '--panel-size', '41']);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('The panel size 41 is larger than the pool of 40');

    const usage = await select(['--categories', categories, '--respondents', respondents, '--panel-size', 'ten']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/--panel-size must be a whole number[\s\S]*Usage: npm run select/);
  }, 240_000); // five runs of the CLI, each starting ts-node: a minute is not enough on a busy machine

  it('chooses and prints a seed when none is given, so the draw can be repeated', async () => {
    const run = await select(['--categories', categories, '--respondents', respondents, '--panel-size', '10', '--out', join(dir, 'random'), '--algorithm', 'leximin']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^seed: [0-9a-f]{16} \(chosen at random/m);
    expect(run.stdout).toContain('algorithm: leximin');
  });
});
