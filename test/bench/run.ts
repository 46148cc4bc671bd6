/*
 * `npm run bench [-- [--full] [prefix]]`: runs the benchmarks in test/bench/cases/.
 *
 *   --full    the sizes the issues name (default: a small size fit for CI)
 *   prefix    only the measures whose names start with it (e.g. `api-`, `api-tenant-read`)
 *
 * Each case file exports `benchCase: BenchCase`. Every measure is printed as one line, alone:
 * `BENCH <measure> <value> <unit>`, then a table of all of them. Exits 1 when any case fails.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchMeasure {
  name: string;
  value: number;
  unit: string;
  /** Shown in the table only (e.g. "10 connections, 3 s"). */
  note?: string;
}

export interface BenchOptions {
  full: boolean;
  /** Whether a measure was asked for (by the name prefix on the command line). */
  wants(measure: string): boolean;
  /** Progress for a human; goes to stderr so stdout stays the results. */
  log(line: string): void;
}

export interface BenchCase {
  /** The case's name: a file of several measures shares their common prefix (e.g. `api-throughput`). */
  name: string;
  /** Every measure the case can print, so a prefix can pick the case without running it. */
  measures: string[];
  run(options: BenchOptions): Promise<BenchMeasure[]>;
}

interface Args {
  full: boolean;
  prefixes: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { full: false, prefixes: [] };
  for (const arg of argv) {
    if (arg === '--full') args.full = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run bench -- [--full] [name-prefix ...]');
      process.exit(0);
    } else if (arg.startsWith('-')) {
      console.error(`Unknown option ${arg}. Usage: npm run bench -- [--full] [name-prefix ...]`);
      process.exit(2);
    } else args.prefixes.push(arg);
  }
  return args;
}

function loadCases(): BenchCase[] {
  const dir = join(__dirname, 'cases');
  return readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(join(dir, file)) as { benchCase?: BenchCase };
      if (!loaded.benchCase) throw new Error(`test/bench/cases/${file} exports no benchCase`);
      return loaded.benchCase;
    });
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? String(Math.round(value)) : value.toFixed(2);
}

function printTable(rows: Array<{ measure: BenchMeasure; caseName: string }>): void {
  const header = ['case', 'measure', 'value', 'unit', 'note'];
  const cells = rows.map(({ measure, caseName }) => [caseName, measure.name, format(measure.value), measure.unit, measure.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const wants = (measure: string) => !args.prefixes.length || args.prefixes.some((p) => measure.startsWith(p));
  const cases = loadCases().filter((c) => wants(c.name) || c.measures.some(wants));
  if (!cases.length) {
    console.error(
      `No benchmark matches ${args.prefixes.join(', ')}. Measures: ${loadCases()
        .flatMap((c) => c.measures)
        .join(', ')}`,
    );
    process.exit(2);
  }
  console.error(`Benchmarks (${args.full ? 'full' : 'small'} size): ${cases.map((c) => c.name).join(', ')}`);

  const rows: Array<{ measure: BenchMeasure; caseName: string }> = [];
  const failed: string[] = [];
  for (const benchCase of cases) {
    const started = Date.now();
    const caseWants = (m: string) => wants(benchCase.name) || wants(m);
    try {
      const measures = await benchCase.run({ full: args.full, wants: caseWants, log: (l) => console.error(`[${benchCase.name}] ${l}`) });
      for (const measure of measures.filter((m) => caseWants(m.name))) {
        console.log(`BENCH ${measure.name} ${format(measure.value)} ${measure.unit}`);
        rows.push({ measure, caseName: benchCase.name });
      }
      console.error(`[${benchCase.name}] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed.push(benchCase.name);
      console.error(`[${benchCase.name}] FAILED: ${(error as Error).stack ?? error}`);
    }
  }

  if (rows.length) printTable(rows);
  if (failed.length) {
    console.error(`\n${failed.length} benchmark case(s) failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
