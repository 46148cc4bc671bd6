import fc from 'fast-check';
import { Cell, CountTable, SuppressedTable, suppressSmallCounts, unsuppressed } from './small-counts';

/*
 * The attacker's view, built here independently of the implementation: every shown value is known,
 * every withheld one is an unknown, and every published total is an equation. A withheld value is
 * recoverable by subtraction (or any combination of the sums) exactly when deleting its column
 * from the coefficient matrix lowers the matrix's rank.
 */
function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let rank = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && rank < m.length; c++) {
    const pivot = m.findIndex((row, r) => r >= rank && Math.abs(row[c]) > 1e-9);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot], m[rank]];
    for (let r = 0; r < m.length; r++) {
      if (r === rank) continue;
      const factor = m[r][c] / m[rank][c];
      for (let k = c; k < width; k++) m[r][k] -= factor * m[rank][k];
    }
    rank += 1;
  }
  return rank;
}

interface Published {
  cells: Cell[][];
  rowTotals: Cell[] | null;
  columnTotals: Cell[] | null;
  grandTotal: Cell | null;
}

/** Labels of the withheld values an attacker can work out from the shown values and the totals. */
function recoverableByAttacker(table: Published): string[] {
  const unknowns: Array<{ label: string; cell: Cell }> = [];
  const id = new Map<Cell, number>();
  const note = (label: string, cell: Cell | null) => {
    if (cell && cell.status !== 'shown') {
      id.set(cell, unknowns.length);
      unknowns.push({ label, cell });
    }
  };
  table.cells.forEach((row, r) => row.forEach((cell, c) => note(`cell ${r},${c}`, cell)));
  table.rowTotals?.forEach((cell, r) => note(`row total ${r}`, cell));
  table.columnTotals?.forEach((cell, c) => note(`column total ${c}`, cell));
  note('grand total', table.grandTotal);
  const equations: number[][] = [];
  const equation = (members: Cell[], total: Cell) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const m of members) if (id.has(m)) row[id.get(m)!] += 1;
    if (id.has(total)) row[id.get(total)!] -= 1;
    equations.push(row);
  };
  table.rowTotals?.forEach((total, r) => equation(table.cells[r], total));
  table.columnTotals?.forEach((total, c) =>
    equation(
      table.cells.map((row) => row[c]),
      total,
    ),
  );
  if (table.grandTotal && table.rowTotals && table.columnTotals) {
    equation(table.rowTotals, table.grandTotal);
    equation(table.columnTotals, table.grandTotal);
  }
  if (!unknowns.length || !equations.length) return [];
  const full = rank(equations);
  return unknowns.filter((_, i) => rank(equations.map((row) => row.filter((__, k) => k !== i))) < full).map((u) => u.label);
}

function allEntries(table: SuppressedTable): Cell[] {
  return [...table.cells.flat(), ...(table.rowTotals ?? []), ...(table.columnTotals ?? []), ...(table.grandTotal ? [table.grandTotal] : [])];
}

const shownValues = (table: SuppressedTable) => table.cells.map((row) => row.map((c) => (c.status === 'shown' ? c.value : c.status === 'primary' ? '<' : 'c')));

/** Tables of counts skewed towards small values, as a programme's demographic breakdowns are. */
const countTable = (maxRows = 6, maxColumns = 6): fc.Arbitrary<CountTable> =>
  fc.record({ rows: fc.integer({ min: 1, max: maxRows }), columns: fc.integer({ min: 1, max: maxColumns }) }).chain(({ rows, columns }) =>
    fc.record({
      cells: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      totals: fc.record({ rows: fc.boolean(), columns: fc.boolean() }),
      fixed: fc.option(fc.record({ rows: fc.boolean(), columns: fc.boolean(), grand: fc.boolean() }), { nil: undefined }),
    }),
  );

const fixedKinds = (table: CountTable) => ({
  rows: !!(table.totals.rows && table.fixed?.rows),
  columns: !!(table.totals.columns && table.fixed?.columns),
  grand: !!(table.totals.rows && table.totals.columns && (table.fixed?.grand || (table.fixed?.rows && table.fixed?.columns))),
});

function nonFixed(table: CountTable, result: SuppressedTable): Cell[] {
  const fixed = fixedKinds(table);
  return [
    ...result.cells.flat(),
    ...(fixed.rows ? [] : (result.rowTotals ?? [])),
    ...(fixed.columns ? [] : (result.columnTotals ?? [])),
    ...(fixed.grand || !result.grandTotal ? [] : [result.grandTotal]),
  ];
}

describe('suppressing small counts in a shared report', () => {
  it('withholds a small cell and the smallest count beside it, so the row and column totals give nothing away', () => {
    const result = suppressSmallCounts({
      cells: [
        [3, 12, 20],
        [9, 15, 30],
      ],
      totals: { rows: true, columns: true },
    });
    expect(shownValues(result)).toEqual([
      ['<', 'c', 20],
      ['c', 'c', 30],
    ]);
    expect(result.cells[0][0].status).toBe('primary');
    expect(recoverableByAttacker(result)).toEqual([]);
    expect(result.rowTotals!.map((c) => c.value)).toEqual([35, 54]);
    expect(result.withheld).toBe(false);
  });

  it('withholds totals below the threshold as well', () => {
    const result = suppressSmallCounts({
      cells: [
        [1, 2],
        [30, 40],
      ],
      totals: { rows: true, columns: true },
    });
    expect(result.rowTotals![0]).toEqual({ value: 3, status: 'primary' });
    expect(recoverableByAttacker(result)).toEqual([]);
  });

  it('treats zero as a small count', () => {
    const result = suppressSmallCounts({ cells: [[0], [12]], totals: { rows: false, columns: true } });
    expect(result.cells[0][0].status).toBe('primary');
    expect(result.cells[1][0].status).toBe('secondary');
    expect(result.columnTotals![0]).toEqual({ value: 12, status: 'shown' });
  });

  it('hides a large count when the small ones beside it would otherwise be read off as zero', () => {
    const result = suppressSmallCounts({ cells: [[20], [0], [0]], totals: { rows: false, columns: true }, fixed: { columns: true } });
    expect(result.cells.map((row) => row[0].status)).toEqual(['secondary', 'primary', 'primary']);
  });

  it('keeps totals published elsewhere and hides a second group instead', () => {
    const result = suppressSmallCounts({
      cells: [
        [40, 3],
        [25, 9],
        [30, 12],
      ],
      totals: { rows: false, columns: true },
      fixed: { columns: true },
    });
    expect(result.columnTotals!.map((c) => c.status)).toEqual(['shown', 'shown']);
    expect(result.cells.map((row) => row[1].status)).toEqual(['primary', 'secondary', 'shown']);
    expect(recoverableByAttacker(result)).toEqual([]);
  });

  it('withholds the whole table when totals published elsewhere pin down a small count (one group)', () => {
    const result = suppressSmallCounts({ cells: [[40, 3]], totals: { rows: false, columns: true }, fixed: { columns: true } });
    expect(result.withheld).toBe(true);
    expect(result.cells[0].every((c) => c.status !== 'shown')).toBe(true);
  });

  it('finds values that "two withheld per line" would leave recoverable', () => {
    // Rows 0 and 1 each hold two small counts in the same two columns; row 2 and the other columns are large.
    const result = suppressSmallCounts({
      cells: [
        [1, 2, 50],
        [3, 4, 60],
        [40, 45, 70],
      ],
      totals: { rows: true, columns: true },
    });
    expect(recoverableByAttacker(result)).toEqual([]);
  });

  it('shows everything in the internal report', () => {
    const result = unsuppressed({
      cells: [
        [1, 2],
        [3, 4],
      ],
      totals: { rows: true, columns: true },
    });
    expect(allEntries(result).every((c) => c.status === 'shown')).toBe(true);
    expect(result.grandTotal!.value).toBe(10);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => suppressSmallCounts({ cells: [[-1]], totals: { rows: false, columns: false } })).toThrow(/non-negative whole/);
    expect(() => suppressSmallCounts({ cells: [[1.5]], totals: { rows: false, columns: false } })).toThrow(/non-negative whole/);
  });

  describe('properties', () => {
    const threshold = fc.integer({ min: 2, max: 10 });

    it('shows no count below the threshold, except totals published in full elsewhere', () => {
      fc.assert(
        fc.property(countTable(), threshold, (table, t) => {
          const result = suppressSmallCounts(table, t);
          for (const cell of nonFixed(table, result)) if (cell.status === 'shown') expect(cell.value).toBeGreaterThanOrEqual(t);
        }),
        { numRuns: 400 },
      );
    });

    it('withholds as primary exactly the counts below the threshold', () => {
      fc.assert(
        fc.property(countTable(), threshold, (table, t) => {
          const result = suppressSmallCounts(table, t);
          for (const cell of nonFixed(table, result)) expect(cell.status === 'primary').toBe(cell.value < t);
        }),
        { numRuns: 400 },
      );
    });

    it('leaves no withheld value recoverable from any total, by subtraction or any other combination', () => {
      fc.assert(
        fc.property(countTable(), threshold, (table, t) => {
          const result = suppressSmallCounts(table, t);
          if (!result.withheld) expect(recoverableByAttacker(result)).toEqual([]);
        }),
        { numRuns: 600 },
      );
    });

    it('never lets the withheld values of a row or column add up to less than the threshold beside a shown count', () => {
      fc.assert(
        fc.property(countTable(), threshold, (table, t) => {
          const result = suppressSmallCounts(table, t);
          if (result.withheld) return;
          const lines: Array<{ members: Cell[]; total: Cell }> = [];
          result.rowTotals?.forEach((total, r) => lines.push({ members: result.cells[r], total }));
          result.columnTotals?.forEach((total, c) => lines.push({ members: result.cells.map((row) => row[c]), total }));
          for (const { members, total } of lines) {
            const shown = members.filter((m) => m.status === 'shown');
            if (total.status !== 'shown' || shown.length === members.length || !shown.length) continue;
            expect(total.value - shown.reduce((a, m) => a + m.value, 0)).toBeGreaterThanOrEqual(t);
          }
        }),
        { numRuns: 400 },
      );
    });

    it('withholds a table only when totals published elsewhere force it, and then hides every count in it', () => {
      fc.assert(
        fc.property(countTable(), threshold, (table, t) => {
          const result = suppressSmallCounts(table, t);
          const fixed = fixedKinds(table);
          if (!fixed.rows && !fixed.columns && !fixed.grand) expect(result.withheld).toBe(false);
          if (result.withheld) expect(nonFixed(table, result).every((c) => c.status !== 'shown')).toBe(true);
        }),
        { numRuns: 400 },
      );
    });

    it('never changes a value, only whether it is shown, and gives the same answer every time', () => {
      fc.assert(
        fc.property(countTable(), threshold, (table, t) => {
          const result = suppressSmallCounts(table, t);
          expect(result.cells.map((row) => row.map((c) => c.value))).toEqual(table.cells);
          if (result.rowTotals) expect(result.rowTotals.map((c) => c.value)).toEqual(table.cells.map((row) => row.reduce((a, b) => a + b, 0)));
          expect(suppressSmallCounts(table, t)).toEqual(result);
        }),
        { numRuns: 200 },
      );
    });

    it('withholds nothing when every count reaches the threshold', () => {
      fc.assert(
        fc.property(fc.array(fc.array(fc.integer({ min: 5, max: 100 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.boolean(), fc.boolean(), (cells, rows, columns) => {
          const result = suppressSmallCounts({ cells, totals: { rows, columns } }, 5);
          expect(allEntries(result).every((c) => c.status === 'shown')).toBe(true);
        }),
      );
    });
  });
});
