/*
 * `npm run select -- --categories FILE --respondents FILE --panel-size N [--seed S]
 *                    [--algorithm maximin|leximin] [--out DIR] [--tickets N | --draw exact]
 *                    [--id-column NAME] [--check-same-address COLUMNS] [--already-selected FILE]
 *                    [--leximin-rounds N]`
 *
 * Fair selection from files in the Sortition Foundation / Nature 2021 formats. Writes
 * DIR/panel.csv, DIR/probabilities.csv (each person's chance under the draw and in the exact
 * distribution, and the quotas that bind for them), DIR/lottery.csv and DIR/summary.json (both
 * minimums, the draw, LEXIMIN's status), all byte-identical for the same inputs and seed. Prints
 * the seed, the panel, the quota table and, last, the minimum probability beside the exact optimum
 * and N/pool. Exit status: 0 selected, 1 bad arguments or files, 2 quotas that cannot be met (with
 * the nearest feasible quotas).
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
  SelectionDraw,
  SelectionInfeasibleError,
  SelectionResult,
  SelectionValidationError,
  selectPanel,
  SortitionFormatError,
  SortitionPool,
} from '@steppingstone/representativeness/engine';
import { csvText } from '@steppingstone/core';

const USAGE =
  'Usage: npm run select -- --categories FILE --respondents FILE --panel-size N [--seed S] [--algorithm maximin|leximin] [--out DIR]\n' +
  '         [--tickets N | --draw exact] [--id-column NAME] [--check-same-address COLUMN,COLUMN] [--already-selected FILE] [--leximin-rounds N]';

class UsageError extends Error {}

interface Args {
  categories: string;
  respondents: string;
  panelSize: number;
  seed?: string;
  algorithm: SelectionAlgorithm;
  out: string;
  tickets?: number;
  draw: SelectionDraw;
  idColumn?: string;
  sameAddress: string[];
  alreadySelected?: string;
  leximinRounds?: number;
}

function wholeNumber(flag: string, text: string | undefined, least: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < least) throw new UsageError(`${flag} must be a whole number of at least ${least} (got "${text}")`);
  return Number(text);
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  const known = [
    '--categories',
    '--respondents',
    '--panel-size',
    '--seed',
    '--algorithm',
    '--out',
    '--tickets',
    '--draw',
    '--id-column',
    '--check-same-address',
    '--already-selected',
    '--leximin-rounds',
  ];
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
  const panelSize = wholeNumber('--panel-size', values.get('--panel-size'), 1) as number;
  const algorithm = values.get('--algorithm') ?? 'maximin';
  if (algorithm !== 'maximin' && algorithm !== 'leximin') throw new UsageError(`--algorithm must be maximin or leximin (got "${algorithm}")`);
  const draw = values.get('--draw') ?? 'lottery';
  if (draw !== 'lottery' && draw !== 'exact') throw new UsageError(`--draw must be lottery or exact (got "${draw}")`);
  const tickets = wholeNumber('--tickets', values.get('--tickets'), 1);
  if (tickets !== undefined && draw === 'exact') throw new UsageError('--tickets sets the size of a lottery; it cannot go with --draw exact');
  const sameAddress = (values.get('--check-same-address') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (values.has('--check-same-address') && !sameAddress.length) throw new UsageError('--check-same-address needs one or more column names, separated by commas');
  return {
    categories: values.get('--categories') as string,
    respondents: values.get('--respondents') as string,
    panelSize,
    seed: values.get('--seed'),
    algorithm,
    out: values.get('--out') ?? '.',
    tickets,
    draw,
    idColumn: values.get('--id-column'),
    sameAddress,
    alreadySelected: values.get('--already-selected'),
    leximinRounds: wholeNumber('--leximin-rounds', values.get('--leximin-rounds'), 0),
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
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function printQuotaTable(quotas: QuotaOutcome[]): void {
  console.log('Quotas met:');
  console.log(
    table(
      ['category', 'feature', 'min', 'max', 'selected'],
      quotas.map((q) => [q.category, q.feature, q.min, q.max, q.selected]),
    ),
  );
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

function bindingText(result: SelectionResult, i: number): string {
  return result.explanations[i].binding.map((b) => `${b.category}=${b.feature} (${b.bound} ${b.limit})`).join('; ');
}

/** Every file the run writes; nothing in them depends on the clock or the machine. */
function writeOutputs(out: string, pool: SortitionPool, result: SelectionResult): string[] {
  mkdirSync(out, { recursive: true });
  const chosen = new Set(result.panel);
  const rows = pool.rows.filter((r) => chosen.has(r.id)).map((r) => pool.columns.map((c, i) => (i === 0 ? r.id : r.values[c])));
  const files = ['panel.csv', 'probabilities.csv', 'lottery.csv', 'summary.json'];
  writeFileSync(join(out, files[0]), csvText([pool.columns, ...rows]));
  writeFileSync(
    join(out, files[1]),
    csvText([
      ['id', 'probability', 'exact_probability', 'already_selected', 'binding_quotas'],
      ...result.probabilities.map((p, i) => [p.id, p.probability.toFixed(10), result.exactProbabilities[i].toFixed(10), result.explanations[i].alreadySelected ? 'yes' : 'no', bindingText(result, i)]),
    ]),
  );
  let next = 0;
  const quotaNames = result.quotaTable.map((q) => `${q.category}=${q.feature}`);
  writeFileSync(
    join(out, files[2]),
    csvText([
      ['panel', 'weight', 'tickets', 'first_ticket', 'last_ticket', 'drawn', ...quotaNames],
      ...result.lottery.map((entry, p) => {
        const first = next;
        next += entry.tickets;
        const range = entry.tickets ? [first + 1, next] : ['', ''];
        return [p + 1, entry.weight.toFixed(12), entry.tickets, ...range, p === result.drawnPanel ? 'yes' : 'no', ...entry.quotaCounts];
      }),
    ]),
  );
  const summary = {
    seed: result.seed,
    algorithm: result.algorithm,
    draw: result.draw,
    tickets: result.lotterySize || null,
    panelsInLottery: result.panelsInLottery,
    drawnPanel: result.drawnPanel + 1,
    exactMinimumProbability: result.exactMinimumProbability,
    lotteryMinimumProbability: result.lotteryMinimumProbability,
    lotteryLoss: result.lotteryLoss,
    equalChance: result.equalChance,
    leximin: result.algorithm === 'leximin' ? { status: result.stats.leximinStatus, levels: result.stats.leximinLevels } : null,
    idColumn: pool.idColumn ?? null,
    alreadySelected: result.alreadySelected,
    relaxedQuotas: result.relaxedQuotas ?? [],
    panel: result.panel,
    quotaTable: result.quotaTable,
  };
  writeFileSync(join(out, files[3]), `${JSON.stringify(summary, null, 2)}\n`);
  return files.map((f) => join(out, f));
}

function printDraw(result: SelectionResult): void {
  if (result.draw === 'exact') {
    console.log(`draw: straight from the exact distribution (${result.panelsInLottery} panels), entry ${result.drawnPanel + 1} drawn by the seed`);
  } else {
    console.log(
      `lottery: ${result.lotterySize} tickets over ${result.panelsInLottery} distinct panels (panel ${result.drawnPanel + 1} drawn); ` +
        `it gives away ${(result.lotteryLoss * 100).toFixed(2)}% of the exact minimum`,
    );
  }
  if (result.algorithm === 'leximin') {
    const levels = result.stats.leximinLevels;
    if (result.stats.leximinStatus === 'complete') console.log(`LEXIMIN: complete (${levels} level(s))`);
    else console.log(`LEXIMIN: cut short by its work budget (${result.stats.leximinStatus}) after ${levels} level(s); the minimum is exact, the levels above it approximate`);
  }
  console.log(`exact minimum probability: ${result.exactMinimumProbability.toFixed(7)}; lottery minimum probability: ${result.lotteryMinimumProbability.toFixed(7)}`);
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const pool: SortitionPool = parseSortitionFiles({
    categoriesCsv: readInput(args.categories, 'categories'),
    respondentsCsv: readInput(args.respondents, 'respondents'),
    categoriesName: args.categories,
    respondentsName: args.respondents,
    idColumn: args.idColumn,
    sameAddressColumns: args.sameAddress,
    ...(args.alreadySelected ? { alreadySelectedCsv: readInput(args.alreadySelected, 'already-selected'), alreadySelectedName: args.alreadySelected } : {}),
  });
  const seed = args.seed ?? newSeed();
  console.log(`seed: ${seed}${args.seed ? '' : ' (chosen at random; pass --seed to repeat this draw)'}`);
  console.log(`pool: ${pool.respondents.length}, panel size: ${args.panelSize}, algorithm: ${args.algorithm}, ids from: ${pool.idColumn ?? 'row numbers'}`);
  if (args.sameAddress.length) {
    const households = new Map<string, number>();
    for (const r of pool.respondents) if (r.household !== undefined) households.set(r.household, (households.get(r.household) ?? 0) + 1);
    console.log(`households: ${[...households.values()].filter((n) => n > 1).length} address(es) shared by two or more people (${args.sameAddress.join(', ')}); at most one of each is chosen`);
  }
  if (pool.alreadySelected.length) console.log(`already selected: ${pool.alreadySelected.join(', ')}`);
  try {
    const result = await selectPanel(
      {
        respondents: pool.respondents,
        quotas: pool.quotas,
        panelSize: args.panelSize,
        algorithm: args.algorithm,
        seed,
        draw: args.draw,
        lotterySize: args.tickets,
        alreadySelected: pool.alreadySelected,
      },
      args.leximinRounds !== undefined ? { leximinBudget: { rounds: args.leximinRounds } } : {},
    );
    const written = writeOutputs(args.out, pool, result);
    for (const q of result.relaxedQuotas ?? []) console.log(`relaxed within its flex: ${q.category} = ${q.feature}: min ${q.min} -> ${q.feasibleMin}, max ${q.max} -> ${q.feasibleMax}`);
    console.log(`panel (${result.panel.length}): ${result.panel.join(', ')}`);
    printQuotaTable(result.quotaTable);
    printDraw(result);
    console.log(`wrote ${written.join(', ')}`);
    console.log(`minimum probability: ${result.minimumProbability.toFixed(4)} (exact optimum: ${result.exactMinimumProbability.toFixed(4)}; N/pool: ${result.equalChance.toFixed(4)})`);
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
