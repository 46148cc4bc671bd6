/*
 * `npm run select -- --categories FILE --respondents FILE --panel-size N [--seed S]
 *                    [--algorithm maximin|leximin] [--out DIR]`
 *
 * Fair selection from files in the Sortition Foundation / Nature 2021 format. Writes DIR/panel.csv
 * and DIR/probabilities.csv; prints the seed, the panel, the quota table and, last, the minimum
 * probability against N/pool. Exit status: 0 selected, 1 bad arguments or files, 2 quotas that
 * cannot be met (with the nearest feasible quotas).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  INFEASIBLE_QUOTA_RULES,
  InfeasibilityExplanation,
  nearestFeasibleQuotas,
  newSeed,
  parseSortitionFiles,
  QuotaOutcome,
  SelectionAlgorithm,
  SelectionInfeasibleError,
  SelectionValidationError,
  selectPanel,
  SortitionFormatError,
  SortitionPool,
} from '@steppingstone/representativeness';
import { csvText } from '@steppingstone/core';

const USAGE =
  'Usage: npm run select -- --categories FILE --respondents FILE --panel-size N [--seed S] [--algorithm maximin|leximin] [--out DIR]';

class UsageError extends Error {}

interface Args {
  categories: string;
  respondents: string;
  panelSize: number;
  seed?: string;
  algorithm: SelectionAlgorithm;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  const known = ['--categories', '--respondents', '--panel-size', '--seed', '--algorithm', '--out'];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!known.includes(flag)) throw new UsageError(`Unknown argument "${argv[i]}"`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  for (const required of ['--categories', '--respondents', '--panel-size']) if (!values.has(required)) throw new UsageError(`${required} is required`);
  const panelText = values.get('--panel-size') as string;
  if (!/^\d+$/.test(panelText) || Number(panelText) < 1) throw new UsageError(`--panel-size must be a whole number of at least 1 (got "${panelText}")`);
  const algorithm = values.get('--algorithm') ?? 'maximin';
  if (algorithm !== 'maximin' && algorithm !== 'leximin') throw new UsageError(`--algorithm must be maximin or leximin (got "${algorithm}")`);
  return {
    categories: values.get('--categories') as string,
    respondents: values.get('--respondents') as string,
    panelSize: Number(panelText),
    seed: values.get('--seed'),
    algorithm,
    out: values.get('--out') ?? '.',
  };
}

function readInput(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function printQuotaTable(quotas: QuotaOutcome[]): void {
  console.log('Quotas met:');
  console.log(table(['category', 'feature', 'min', 'max', 'selected'], quotas.map((q) => [q.category, q.feature, q.min, q.max, q.selected])));
}

function printInfeasible(explanation: InfeasibilityExplanation): void {
  console.error(`No panel meets every quota. Conflicting categories: ${explanation.conflictingCategories.join(', ')}`);
  console.error('Conflicting quotas:');
  for (const q of explanation.conflicting) console.error(`  ${q.category} = ${q.feature}: min ${q.min}, max ${q.max}`);
  console.error(`Nearest feasible quotas (bounds moved by ${explanation.totalRelaxation} place(s) in total):`);
  const changed = explanation.nearestFeasible.filter((q) => q.feasibleMin !== q.min || q.feasibleMax !== q.max);
  console.error(
    table(
      ['category', 'feature', 'min', 'max'],
      changed.map((q) => [q.category, q.feature, `${q.min} -> ${q.feasibleMin}`, `${q.max} -> ${q.feasibleMax}`]),
    ),
  );
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const pool: SortitionPool = parseSortitionFiles({
    categoriesCsv: readInput(args.categories, 'categories'),
    respondentsCsv: readInput(args.respondents, 'respondents'),
    categoriesName: args.categories,
    respondentsName: args.respondents,
  });
  const seed = args.seed ?? newSeed();
  console.log(`seed: ${seed}${args.seed ? '' : ' (chosen at random; pass --seed to repeat this draw)'}`);
  console.log(`pool: ${pool.respondents.length}, panel size: ${args.panelSize}, algorithm: ${args.algorithm}`);
  try {
    const result = await selectPanel({ respondents: pool.respondents, quotas: pool.quotas, panelSize: args.panelSize, algorithm: args.algorithm, seed });
    mkdirSync(args.out, { recursive: true });
    const chosen = new Set(result.panel);
    const rows = pool.rows.filter((r) => chosen.has(r.id)).map((r) => pool.columns.map((c, i) => (i === 0 ? r.id : r.values[c])));
    writeFileSync(join(args.out, 'panel.csv'), csvText([pool.columns, ...rows]));
    writeFileSync(join(args.out, 'probabilities.csv'), csvText([['id', 'probability'], ...result.probabilities.map((p) => [p.id, p.probability.toFixed(10)])]));
    console.log(`panel (${result.panel.length}): ${result.panel.join(', ')}`);
    printQuotaTable(result.quotaTable);
    console.log(`lottery: ${result.panelsInLottery} distinct panels over ${result.lotterySize} tickets; wrote ${join(args.out, 'panel.csv')} and ${join(args.out, 'probabilities.csv')}`);
    console.log(`minimum probability: ${result.minimumProbability.toFixed(4)} (N/pool: ${result.equalChance.toFixed(4)})`);
    return 0;
  } catch (error) {
    if (error instanceof SelectionInfeasibleError) {
      printInfeasible(error.explanation);
      return 2;
    }
    if (error instanceof SelectionValidationError && error.issues.every((i) => INFEASIBLE_QUOTA_RULES.has(i.rule))) {
      for (const issue of error.issues) console.error(issue.message);
      printInfeasible(await nearestFeasibleQuotas({ respondents: pool.respondents, quotas: pool.quotas, panelSize: args.panelSize }));
      return 2;
    }
    throw error;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof SortitionFormatError) console.error(`The input files have problems:\n${error.message}`);
    else if (error instanceof SelectionValidationError) console.error(`The selection cannot run:\n${error.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
