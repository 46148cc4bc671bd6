/*
 * The same inputs and seed give byte-identical files from two separate `npm run select` processes
 * run at the same time on a machine kept busy by two processes spinning on the CPU: every limit in
 * the engine is work done, never time, so a slow machine stops where a fast one does.
 * The pool is the benchmark's synthetic one (300 applicants, 6 categories and an intersection).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { syntheticPool, syntheticQuotas } from '../../bench/cases/selection';

const ROOT = join(__dirname, '..', '..', '..');
const OUTPUTS = ['panel.csv', 'probabilities.csv', 'lottery.csv', 'summary.json'];

function select(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

/** A process that keeps one core busy until it is killed (and stops by itself after two minutes). */
function spinner(): ChildProcess {
  return spawn(process.execPath, ['-e', 'const end = Date.now() + 120000; while (Date.now() < end) {}'], { stdio: 'ignore' });
}

describe('npm run select is deterministic across processes on a loaded machine', () => {
  let dir: string;
  let categories: string;
  let respondents: string;
  const spinners: ChildProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'select-determinism-'));
    const pool = syntheticPool(300);
    const columns = Object.keys(pool[0].features);
    respondents = join(dir, 'respondents.csv');
    categories = join(dir, 'categories.csv');
    writeFileSync(respondents, stringify([['id', ...columns], ...pool.map((p) => [p.id, ...columns.map((c) => p.features[c])])]));
    writeFileSync(categories, stringify([['category', 'feature', 'min', 'max'], ...syntheticQuotas(30).map((q) => [q.category, q.feature, q.min, q.max])]));
    spinners.push(spinner(), spinner());
  });
  afterAll(() => {
    for (const child of spinners) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['maximin', 'leximin'])(
    '%s: two processes at once write byte-identical panel, probabilities, lottery and summary',
    async (algorithm) => {
      const args = (out: string) => ['--categories', categories, '--respondents', respondents, '--panel-size', '30', '--seed', 'same-seed', '--algorithm', algorithm, '--out', out];
      const [first, second] = await Promise.all([select(args(join(dir, `${algorithm}-1`))), select(args(join(dir, `${algorithm}-2`)))]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      for (const file of OUTPUTS) {
        const a = readFileSync(join(dir, `${algorithm}-1`, file));
        const b = readFileSync(join(dir, `${algorithm}-2`, file));
        expect(a.length).toBeGreaterThan(0);
        expect(a.equals(b)).toBe(true);
      }
      if (algorithm === 'leximin') {
        // Whether or not the budget cut it short, the output says which it was.
        expect(first.stdout).toMatch(/^LEXIMIN: (complete|cut short by its work budget)/m);
      }
    },
    240_000,
  );
});
