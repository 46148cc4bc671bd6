/*
 * Two-dimensional (intersectional) cells such as locality x age band: the same figures as a single
 * dimension, per cell. A person undisclosed on either dimension is undisclosed for the pair.
 */
import { DimensionGap, CategoryGap, analyseDimension } from './gap-analysis';
import { NOT_RECORDED, PREFER_NOT_TO_SAY, UNDISCLOSED_CATEGORIES } from '@steppingstone/areas/engine';

export interface CellCount {
  row: string;
  column: string;
  count: number;
}

export interface CellGap extends Omit<CategoryGap, 'category'> {
  row: string;
  column: string;
}

export interface IntersectionGap extends Omit<DimensionGap, 'categories' | 'dimension'> {
  rowDimension: string;
  columnDimension: string;
  cells: CellGap[];
}

export interface IntersectionInput {
  rowDimension: string;
  columnDimension: string;
  population: readonly CellCount[];
  /** Joint reference counts; see `independentJointReference` when only the margins are known. */
  reference: readonly CellCount[];
  undisclosedCategories?: readonly string[];
}

// A separator that cannot occur in an ONS category or a locality name.
const SEPARATOR = '\u241f';

export function analyseIntersection(input: IntersectionInput): IntersectionGap {
  const undisclosedNames = input.undisclosedCategories ?? UNDISCLOSED_CATEGORIES;
  const undisclosedLabel = (row: string, column: string) => ([row, column].some((c) => c === PREFER_NOT_TO_SAY) ? PREFER_NOT_TO_SAY : NOT_RECORDED);
  const population = new Map<string, number>();
  for (const { row, column, count } of input.population) {
    const key = undisclosedNames.includes(row) || undisclosedNames.includes(column) ? undisclosedLabel(row, column) : `${row}${SEPARATOR}${column}`;
    population.set(key, (population.get(key) ?? 0) + count);
  }
  const reference = new Map<string, number>();
  for (const { row, column, count } of input.reference) {
    if (undisclosedNames.includes(row) || undisclosedNames.includes(column)) continue;
    const key = `${row}${SEPARATOR}${column}`;
    reference.set(key, (reference.get(key) ?? 0) + count);
  }
  const gap = analyseDimension({
    dimension: `${input.rowDimension} x ${input.columnDimension}`,
    population,
    reference,
    undisclosedCategories: [PREFER_NOT_TO_SAY, NOT_RECORDED],
    referenceExcluded: [PREFER_NOT_TO_SAY, NOT_RECORDED],
  });
  const { categories, dimension: _dimension, ...rest } = gap;
  return {
    ...rest,
    rowDimension: input.rowDimension,
    columnDimension: input.columnDimension,
    cells: categories.map(({ category, ...cell }) => {
      const [row, column] = category.split(SEPARATOR);
      return { row, column, ...cell };
    }),
  };
}

/**
 * Joint reference counts from two margins assuming independence, for when the census publishes
 * no cross-tabulation of the pair. Scaled to the row margin's total.
 */
export function independentJointReference(rows: ReadonlyMap<string, number>, columns: ReadonlyMap<string, number>): CellCount[] {
  const rowTotal = [...rows.values()].reduce((a, b) => a + b, 0);
  const columnTotal = [...columns.values()].reduce((a, b) => a + b, 0);
  if (rowTotal <= 0 || columnTotal <= 0) return [];
  const cells: CellCount[] = [];
  for (const [row, r] of rows) for (const [column, c] of columns) cells.push({ row, column, count: (r * c) / columnTotal });
  return cells;
}
