import { parse } from 'csv-parse/sync';
import { censusDimension } from '../engine/census-dimensions';
import { TOTALS_DIMENSION, totalsAgree, universeOf } from './census-universes';

/** One problem in an uploaded table: the spreadsheet row (the header is row 1), the column and the rule broken. */
export interface CensusRowProblem {
  row: number;
  column: string;
  rule: string;
  message: string;
}

export interface CensusRow {
  row: number;
  areaCode: string;
  areaName: string;
  parentCode: string | null;
  dimension: string;
  category: string;
  count: number;
}

/** What the organisation's dataset already holds, so a new table is checked against it too. */
export interface CensusCheckContext {
  boroughCode: string;
  /** ONS codes the organisation's localities cover (wards, MSOAs, LSOAs). */
  localityCodes: ReadonlySet<string>;
  /** `dimension|areaCode|category` of rows already in the dataset. */
  existingKeys: ReadonlySet<string>;
  /** Sums already in the dataset per area and dimension: `areaCode|dimension` → people. */
  existingSums: ReadonlyMap<string, number>;
}

export interface CensusCheckResult {
  rowsRead: number;
  /** Rows for this borough, its small areas or its localities: what an import stores. */
  kept: CensusRow[];
  /** Rows of other local authorities (a national file): not this organisation's, left out. */
  skippedOtherAreas: number;
  problems: CensusRowProblem[];
}

const REQUIRED_COLUMNS = ['area_code', 'dimension', 'category', 'count'];
/** The largest count the table stores (a PostgreSQL integer); England's population is under 60 million. */
const MAX_COUNT = 2_147_483_647;
const ONS_CODE = /^[EWSN]\d{8}$/;
const LOCAL_AUTHORITY = /^(E0[6-9]|W06)\d{6}$/;
const DIMENSION = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Checks a census table in the tidy shape the ONS-derived files use
 * (`area_code,area_name[,parent_code,parent_name],dimension,category,count`) and reports every
 * problem at once, so a dry run shows the whole list and a real import refuses the whole file.
 */
export function checkCensusTable(csv: string, context: CensusCheckContext): CensusCheckResult {
  const problems: CensusRowProblem[] = [];
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return {
      rowsRead: 0,
      kept: [],
      skippedOtherAreas: 0,
      problems: [{ row: (error as { lines?: number }).lines ?? 1, column: '', rule: 'csv', message: `The file is not valid CSV: ${(error as Error).message}` }],
    };
  }
  if (records.length === 0) return { rowsRead: 0, kept: [], skippedOtherAreas: 0, problems: [{ row: 1, column: '', rule: 'notEmpty', message: 'The file is empty' }] };

  const header = records[0].map((h) => h.toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return {
      rowsRead: 0,
      kept: [],
      skippedOtherAreas: 0,
      problems: missing.map((c) => ({ row: 1, column: c, rule: 'requiredColumn', message: `The header has no ${c} column (expected ${REQUIRED_COLUMNS.join(', ')})` })),
    };
  }
  const at = (record: string[], column: string) => record[header.indexOf(column)] ?? '';
  const has = (column: string) => header.includes(column);

  const kept: CensusRow[] = [];
  const seen = new Map<string, number>();
  let skippedOtherAreas = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    const row = i + 1;
    const areaCode = at(record, 'area_code').toUpperCase();
    const parentCode = has('parent_code') ? at(record, 'parent_code').toUpperCase() || null : null;
    const dimension = at(record, 'dimension');
    const category = at(record, 'category');
    const countText = at(record, 'count');
    const before = problems.length;
    const problem = (column: string, rule: string, message: string) => problems.push({ row, column, rule, message });

    const area = classifyArea(areaCode, parentCode, context);
    if (area === 'other') {
      skippedOtherAreas++;
      continue;
    }
    if (area === 'unknown') {
      problem(
        'area_code',
        'knownArea',
        ONS_CODE.test(areaCode) ? `${areaCode} is not ${context.boroughCode}, a small area of it, or in one of your localities` : `${areaCode || '(empty)'} is not an ONS area code such as E09000019`,
      );
    }
    if (!DIMENSION.test(dimension)) problem('dimension', 'dimensionName', `dimension must be a lower-case name such as ethnicity, got ${JSON.stringify(dimension)}`);
    const known = censusDimension(dimension);
    const isTotal = dimension === TOTALS_DIMENSION || category.startsWith('Total');
    if (!category) problem('category', 'required', 'category is empty');
    else if (known && !isTotal && !known.categories.includes(category)) problem('category', 'knownCategory', `${JSON.stringify(category)} is not a census category of ${dimension}`);
    if (!/^\d+$/.test(countText)) problem('count', 'nonNegativeInteger', `count must be a whole number of people, 0 or more, got ${JSON.stringify(countText)}`);
    else if (Number(countText) > MAX_COUNT) problem('count', 'max', `count must be at most ${MAX_COUNT} (more people than any area holds), got ${countText}`);
    const storedDimension = isTotal ? TOTALS_DIMENSION : dimension;
    const storedCategory = isTotal ? (dimension === TOTALS_DIMENSION ? category : dimension) : category;
    const key = `${storedDimension}|${areaCode}|${storedCategory}`;
    if (seen.has(key) || context.existingKeys.has(key)) {
      problem('category', 'unique', seen.has(key) ? `the same area, dimension and category as row ${seen.get(key)}` : `${areaCode} ${dimension} ${category} is already in this dataset`);
    }
    seen.set(key, row);
    if (problems.length === before) {
      kept.push({ row, areaCode, areaName: has('area_name') ? at(record, 'area_name') : areaCode, parentCode, dimension: storedDimension, category: storedCategory, count: Number(countText) });
    }
  }
  problems.push(...totalsProblems(kept, context));
  return { rowsRead: records.length - 1, kept, skippedOtherAreas, problems };
}

function classifyArea(areaCode: string, parentCode: string | null, context: CensusCheckContext): 'borough' | 'small-area' | 'other' | 'unknown' {
  if (areaCode === context.boroughCode) return 'borough';
  if (context.localityCodes.has(areaCode)) return 'small-area';
  if (parentCode === context.boroughCode && ONS_CODE.test(areaCode)) return 'small-area';
  if (LOCAL_AUTHORITY.test(areaCode) || (parentCode && LOCAL_AUTHORITY.test(parentCode))) return 'other';
  return 'unknown';
}

/** Tables of the same population must add up to the same number in each area, within perturbation. */
function totalsProblems(rows: CensusRow[], context: CensusCheckContext): CensusRowProblem[] {
  const sums = new Map<string, { total: number; firstRow: number }>();
  const declaredTotals: CensusRow[] = [];
  for (const r of rows) {
    if (r.dimension === TOTALS_DIMENSION) {
      declaredTotals.push(r);
      continue;
    }
    const key = `${r.areaCode}|${r.dimension}`;
    const entry = sums.get(key) ?? { total: context.existingSums.get(key) ?? 0, firstRow: r.row };
    entry.total += r.count;
    sums.set(key, entry);
  }
  const problems: CensusRowProblem[] = [];
  const byAreaUniverse = new Map<string, Array<{ dimension: string; total: number; firstRow: number | null }>>();
  const addSum = (areaCode: string, dimension: string, total: number, firstRow: number | null) => {
    const key = `${areaCode}|${universeOf(dimension)}`;
    byAreaUniverse.set(key, [...(byAreaUniverse.get(key) ?? []), { dimension, total, firstRow }]);
  };
  for (const [key, { total, firstRow }] of sums) {
    const [areaCode, dimension] = key.split('|');
    addSum(areaCode, dimension, total, firstRow);
  }
  for (const [key, total] of context.existingSums) {
    if (!sums.has(key)) addSum(key.split('|')[0], key.split('|')[1], total, null);
  }
  for (const [key, tables] of byAreaUniverse) {
    const reference = tables.find((t) => t.firstRow === null) ?? tables[0];
    for (const table of tables) {
      if (table === reference || table.firstRow === null || totalsAgree(table.total, reference.total)) continue;
      problems.push({
        row: table.firstRow,
        column: 'count',
        rule: 'totalsAgree',
        message: `${key.split('|')[0]}: the ${table.dimension} table adds up to ${table.total} but ${reference.dimension} to ${reference.total} (${universeOf(table.dimension)}); they should agree`,
      });
    }
  }
  for (const total of declaredTotals) {
    const sum = sums.get(`${total.areaCode}|${total.category}`)?.total ?? context.existingSums.get(`${total.areaCode}|${total.category}`);
    if (sum !== undefined && !totalsAgree(sum, total.count)) {
      problems.push({ row: total.row, column: 'count', rule: 'totalsAgree', message: `${total.areaCode}: the ${total.category} table adds up to ${sum}, not the stated total ${total.count}` });
    }
  }
  return problems;
}
