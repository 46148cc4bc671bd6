/*
 * Statistical disclosure control for a report shared outside the organisation: cell suppression as
 * in the ONS and Eurostat guidance for tabular outputs.
 *
 *   1. Primary suppression: every count below the threshold (zero included, since "none of group X
 *      got a job" discloses as much as "one did") is withheld and shown as "<5".
 *   2. Secondary (complementary) suppression: while any withheld value can still be worked out from
 *      what is shown (the published row and column totals make a system of linear equations), the
 *      smallest shown count sharing a row or column with it is withheld too, shown as "[c]"; and
 *      while the withheld values of a row or column add up to less than the threshold (readable
 *      from its total), the smallest count still shown in it is withheld as well.
 *
 * The second step does not stop at "at least two withheld per row and column": that rule is
 * necessary but not sufficient (a rectangle of rows and columns can still pin a value down), so each
 * round solves the system exactly and only stops when no withheld value is determined by it.
 * Totals published elsewhere in full (the overall funnel, for instance) are `fixed`: never withheld,
 * and known to whoever reads the table.
 */

export type CellStatus = 'shown' | 'primary' | 'secondary';

export interface Cell {
  value: number;
  status: CellStatus;
}

export interface CountTable {
  /** Rows by columns of non-negative whole counts. */
  cells: number[][];
  /** Which totals are published beside the cells: each row's sum, each column's sum (and the grand total when both). */
  totals: { rows: boolean; columns: boolean };
  /** Totals published in full elsewhere in the same report: never withheld, and counted as known. */
  fixed?: { rows?: boolean; columns?: boolean; grand?: boolean };
}

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[] | null;
  columnTotals: Cell[] | null;
  grandTotal: Cell | null;
  /**
   * Set when no amount of suppression could hide a small count, because totals published in full
   * elsewhere pin it down (e.g. a table of one group): the table must not be published at all.
   */
  withheld: boolean;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** Where one value sits: a cell, a row total, a column total or the grand total. */
type Position = { kind: 'cell'; row: number; column: number } | { kind: 'row-total'; row: number } | { kind: 'column-total'; column: number } | { kind: 'grand' };

interface Entry {
  position: Position;
  value: number;
  status: CellStatus;
  fixed: boolean;
}

export function suppressSmallCounts(table: CountTable, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedTable {
  assertTable(table, threshold);
  const entries = entriesOf(table);
  for (const entry of entries) if (!entry.fixed && entry.value < threshold) entry.status = 'primary';
  const lines = linesOf(table, entries);

  for (;;) {
    const small = smallWithheldSum(entries, lines, threshold);
    if (small) {
      small.status = 'secondary';
      continue;
    }
    const determined = recoverableEntries(entries, lines);
    if (!determined.length) break;
    const complement = complementFor(determined, entries, lines);
    if (!complement) return build(table, entries, true);
    complement.status = 'secondary';
  }
  return build(table, entries, false);
}

/**
 * The withheld entries whose value follows from the shown ones through the published sums. An
 * unknown is determined exactly when its unit vector lies in the row space of the equations'
 * coefficients over the unknowns: in reduced row echelon form, when some row is that unit vector.
 */
export function recoverableEntries<T extends { status: CellStatus; fixed?: boolean }>(entries: T[], lines: number[][]): T[] {
  const unknown = entries.map((e, i) => (isHidden(e) ? i : -1)).filter((i) => i >= 0);
  if (!unknown.length) return [];
  const column = new Map(unknown.map((entryIndex, c) => [entryIndex, c]));
  const matrix = lines
    .map((line) => {
      const row = new Array<number>(unknown.length).fill(0);
      // Each line is "members sum to the last member (its total)": +1 for members, -1 for the total.
      line.forEach((entryIndex, k) => {
        const c = column.get(entryIndex);
        if (c !== undefined) row[c] += k === line.length - 1 ? -1 : 1;
      });
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  return reducedRows(matrix)
    .map((row) => row.map((v, c) => (Math.abs(v) > EPSILON ? c : -1)).filter((c) => c >= 0))
    .filter((nonZero) => nonZero.length === 1)
    .map(([c]) => entries[unknown[c]]);
}

const EPSILON = 1e-9;

/**
 * Withheld values whose sum can be read off a line (its total shown, less the shown members) must
 * not add up to less than the threshold while a count beside them is still shown: a column of
 * "20, <5, <5" under a total of 20 says both withheld values are 0. Returns the shown count to
 * withhold next (the smallest in the first such line), or nothing when every line is safe.
 */
function smallWithheldSum(entries: Entry[], lines: number[][], threshold: number): Entry | undefined {
  for (const line of lines) {
    const total = entries[line[line.length - 1]];
    const members = line.slice(0, -1).map((i) => entries[i]);
    if (isHidden(total) || !members.some(isHidden)) continue;
    const shown = members.filter((m) => !isHidden(m));
    if (!shown.length) continue;
    const withheldSum = total.value - shown.reduce((a, m) => a + m.value, 0);
    if (withheldSum < threshold) return shown.sort((a, b) => a.value - b.value)[0];
  }
  return undefined;
}

function isHidden(entry: { status: CellStatus }): boolean {
  return entry.status !== 'shown';
}

/** Gauss–Jordan elimination with partial pivoting; the matrices are a few dozen rows at most. */
function reducedRows(input: number[][]): number[][] {
  const m = input.map((r) => [...r]);
  const columns = m[0]?.length ?? 0;
  let pivotRow = 0;
  for (let c = 0; c < columns && pivotRow < m.length; c++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < m.length; r++) if (Math.abs(m[r][c]) > Math.abs(m[best][c])) best = r;
    if (Math.abs(m[best][c]) < EPSILON) continue;
    [m[pivotRow], m[best]] = [m[best], m[pivotRow]];
    const pivot = m[pivotRow][c];
    for (let k = 0; k < columns; k++) m[pivotRow][k] /= pivot;
    for (let r = 0; r < m.length; r++) {
      if (r === pivotRow || Math.abs(m[r][c]) < EPSILON) continue;
      const factor = m[r][c];
      for (let k = 0; k < columns; k++) m[r][k] -= factor * m[pivotRow][k];
    }
    pivotRow += 1;
  }
  return m.slice(0, pivotRow);
}

/**
 * The value to withhold next: the smallest shown count in a line through any determined one (so as
 * little as possible is lost, and one withheld count can cover several), preferring cells to
 * totals; failing that, the smallest shown value anywhere. Fixed totals are never candidates.
 */
function complementFor(determined: Entry[], entries: Entry[], lines: number[][]): Entry | undefined {
  const indexes = determined.map((d) => entries.indexOf(d));
  const neighbours = new Set(lines.filter((line) => indexes.some((i) => line.includes(i))).flat());
  const open = (e: Entry) => e.status === 'shown' && !e.fixed;
  const smallest = (candidates: Entry[]) => candidates.sort((a, b) => a.value - b.value)[0];
  const near = entries.filter((e, i) => neighbours.has(i) && open(e));
  return smallest(near.filter((e) => e.position.kind === 'cell')) ?? smallest(near) ?? smallest(entries.filter((e) => open(e) && e.position.kind === 'cell')) ?? smallest(entries.filter(open));
}

function entriesOf(table: CountTable): Entry[] {
  const { cells, totals, fixed = {} } = table;
  const entries: Entry[] = [];
  cells.forEach((row, r) => row.forEach((value, c) => entries.push({ position: { kind: 'cell', row: r, column: c }, value, status: 'shown', fixed: false })));
  if (totals.rows) cells.forEach((row, r) => entries.push({ position: { kind: 'row-total', row: r }, value: sum(row), status: 'shown', fixed: !!fixed.rows }));
  const width = cells[0]?.length ?? 0;
  if (totals.columns) {
    for (let c = 0; c < width; c++) entries.push({ position: { kind: 'column-total', column: c }, value: sum(cells.map((row) => row[c])), status: 'shown', fixed: !!fixed.columns });
  }
  if (totals.rows && totals.columns) entries.push({ position: { kind: 'grand' }, value: sum(cells.flat()), status: 'shown', fixed: !!fixed.grand || (!!fixed.rows && !!fixed.columns) });
  return entries;
}

/** Each published sum as a list of entry indexes, its total last. */
function linesOf(table: CountTable, entries: Entry[]): number[][] {
  const at = (match: (p: Position) => boolean) => entries.findIndex((e) => match(e.position));
  const cellAt = (r: number, c: number) => at((p) => p.kind === 'cell' && p.row === r && p.column === c);
  const rows = table.cells.length;
  const width = table.cells[0]?.length ?? 0;
  const lines: number[][] = [];
  if (table.totals.rows) {
    for (let r = 0; r < rows; r++) lines.push([...range(width).map((c) => cellAt(r, c)), at((p) => p.kind === 'row-total' && p.row === r)]);
  }
  if (table.totals.columns) {
    for (let c = 0; c < width; c++) lines.push([...range(rows).map((r) => cellAt(r, c)), at((p) => p.kind === 'column-total' && p.column === c)]);
  }
  if (table.totals.rows && table.totals.columns) {
    const grand = at((p) => p.kind === 'grand');
    lines.push([...range(rows).map((r) => at((p) => p.kind === 'row-total' && p.row === r)), grand]);
    lines.push([...range(width).map((c) => at((p) => p.kind === 'column-total' && p.column === c)), grand]);
  }
  return lines;
}

function build(table: CountTable, entries: Entry[], withheld: boolean): SuppressedTable {
  const cell = (e: Entry): Cell => ({ value: e.value, status: withheld && !e.fixed ? (e.status === 'primary' ? 'primary' : 'secondary') : e.status });
  const find = (match: (p: Position) => boolean) => entries.find((e) => match(e.position))!;
  const width = table.cells[0]?.length ?? 0;
  return {
    cells: table.cells.map((row, r) => row.map((_, c) => cell(find((p) => p.kind === 'cell' && p.row === r && p.column === c)))),
    rowTotals: table.totals.rows ? table.cells.map((_, r) => cell(find((p) => p.kind === 'row-total' && p.row === r))) : null,
    columnTotals: table.totals.columns ? range(width).map((c) => cell(find((p) => p.kind === 'column-total' && p.column === c))) : null,
    grandTotal: table.totals.rows && table.totals.columns ? cell(find((p) => p.kind === 'grand')) : null,
    withheld,
  };
}

/** Every value published as it is: the internal report's view of the same table. */
export function unsuppressed(table: CountTable): SuppressedTable {
  return build(table, entriesOf(table), false);
}

function assertTable(table: CountTable, threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error(`Suppression threshold must be a positive whole number, not ${threshold}`);
  const width = table.cells[0]?.length ?? 0;
  for (const row of table.cells) {
    if (row.length !== width) throw new Error('Every row of a count table must have the same number of columns');
    for (const value of row) if (!Number.isInteger(value) || value < 0) throw new Error(`Counts must be non-negative whole numbers, not ${value}`);
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
