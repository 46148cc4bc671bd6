/*
 * The interchange format of the Sortition Foundation's tools and the Nature 2021 replication data:
 * a quota file (see sortition-quotas.ts for its layouts) and `respondents.csv` (one column per
 * category, an id column, any other columns kept for output). Every problem is reported with its
 * file, line and column, all at once, so a coordinator can fix the files in one pass.
 */
import { parse } from 'csv-parse/sync';
import { INTERSECTION_SEPARATOR, Quota, Respondent } from '../selection/types';
import { parseQuotaTable } from './sortition-quotas';

export interface SortitionFileIssue {
  file: string;
  /** 1-based line in the file (the header is line 1); undefined for a problem with the whole file. */
  line?: number;
  column?: string;
  message: string;
}

export class SortitionFormatError extends Error {
  readonly code = 'SORTITION_FORMAT_INVALID' as const;
  constructor(readonly issues: SortitionFileIssue[]) {
    super(issues.map((i) => `${i.file}${i.line ? ` line ${i.line}` : ''}${i.column ? ` column "${i.column}"` : ''}: ${i.message}`).join('\n'));
    this.name = 'SortitionFormatError';
  }
}

/** A respondent's original row, kept for the output: every column, with the id first. */
export interface SortitionRespondentRow {
  id: string;
  values: Record<string, string>;
}

export interface SortitionPool {
  quotas: Quota[];
  respondents: Respondent[];
  rows: SortitionRespondentRow[];
  /** The respondents file's columns for output, `id` first. */
  columns: string[];
  /** The column the ids came from, or undefined when respondents are numbered by row. */
  idColumn?: string;
  /** Ids from the already-selected file, in its order. */
  alreadySelected: string[];
}

export interface SortitionFiles {
  categoriesCsv: string;
  respondentsCsv: string;
  /** Names used in messages (e.g. the paths given on the command line). */
  categoriesName?: string;
  respondentsName?: string;
  /** The respondents' id column; by default `id`, else one of the names the Sortition Foundation's tools use. */
  idColumn?: string;
  /** Columns that together give an address: people sharing all of them form a household, of whom at most one is chosen. */
  sameAddressColumns?: readonly string[];
  /** People who must be on the panel: a CSV with the same id column (or `id`). */
  alreadySelectedCsv?: string;
  alreadySelectedName?: string;
}

/** Id columns in files written by the stratification app, OpenDLP and sortition-algorithms. */
export const KNOWN_ID_COLUMNS = ['id', 'nationbuilder_id', 'unique_id', 'pool_member_identifier'];

/** Addresses match whatever the spacing or case, as people type them differently on forms. */
function normaliseAddress(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

function readCsv(text: string, file: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as string[][];
  } catch (error) {
    throw new SortitionFormatError([{ file, message: `is not valid CSV: ${(error as Error).message}` }]);
  }
}

export function parseSortitionFiles(files: SortitionFiles): SortitionPool {
  const categoriesFile = files.categoriesName ?? 'categories.csv';
  const respondentsFile = files.respondentsName ?? 'respondents.csv';
  const issues: SortitionFileIssue[] = [];
  const quotas = parseQuotaTable(readCsv(files.categoriesCsv, categoriesFile), categoriesFile, issues);
  const table = readCsv(files.respondentsCsv, respondentsFile);
  if (!table.length) throw new SortitionFormatError([...issues, { file: respondentsFile, message: 'is empty; expected a header with one column per category' }]);

  const header = table[0];
  const findColumn = (name: string) => {
    const exact = header.indexOf(name);
    return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  };
  let idColumn = -1;
  if (files.idColumn !== undefined) {
    idColumn = findColumn(files.idColumn);
    if (idColumn < 0) issues.push({ file: respondentsFile, line: 1, message: `has no id column "${files.idColumn}" (columns: ${header.join(', ')})` });
  } else {
    idColumn = KNOWN_ID_COLUMNS.map(findColumn).find((c) => c >= 0) ?? -1;
  }
  const addressColumns = (files.sameAddressColumns ?? []).map((name) => {
    const c = findColumn(name);
    if (c < 0) issues.push({ file: respondentsFile, line: 1, message: `has no address column "${name}" (columns: ${header.join(', ')})` });
    return c;
  });
  const columnOf = new Map<string, number>();
  const categories = [...new Set(quotas.map((q) => q.category))];
  for (const category of categories) {
    const parts = [category, ...(category.includes(INTERSECTION_SEPARATOR) ? category.split(INTERSECTION_SEPARATOR).map((p) => p.trim()) : [])];
    for (const part of parts) if (findColumn(part) >= 0) columnOf.set(part, findColumn(part));
    const known = columnOf.has(category) || (parts.slice(1).every((p) => columnOf.has(p)) && parts.length > 1);
    if (!known) issues.push({ file: categoriesFile, column: 'category', message: `the category "${category}" is not a column of ${respondentsFile} (columns: ${header.join(', ')})` });
  }
  const baseCategories = [...columnOf.keys()];
  const featuresOf = new Map(categories.map((c) => [c, new Set(quotas.filter((q) => q.category === c).map((q) => q.feature))]));

  const respondents: Respondent[] = [];
  const rows: SortitionRespondentRow[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((row, i) => {
    const line = i + 2;
    const id = idColumn >= 0 ? row[idColumn] : String(i + 1);
    if (!id) issues.push({ file: respondentsFile, line, column: header[idColumn], message: 'the id is empty' });
    else if (seen.has(id)) issues.push({ file: respondentsFile, line, column: header[idColumn], message: `the id "${id}" is also used on line ${seen.get(id)}` });
    seen.set(id, line);
    const features: Record<string, string> = {};
    for (const category of baseCategories) {
      const value = row[columnOf.get(category) as number];
      if (!value) issues.push({ file: respondentsFile, line, column: header[columnOf.get(category) as number], message: 'has no value' });
      else if (featuresOf.has(category) && !featuresOf.get(category)?.has(value)) {
        issues.push({ file: respondentsFile, line, column: header[columnOf.get(category) as number], message: `"${value}" is not a feature of ${category} in ${categoriesFile}` });
      }
      features[category] = value;
    }
    const values: Record<string, string> = {};
    header.forEach((name, c) => (values[name] = row[c]));
    const address = addressColumns.every((c) => c >= 0) ? addressColumns.map((c) => normaliseAddress(row[c] ?? '')) : [];
    // A blank address says nothing about who lives together, so it puts no one in a household.
    const household = address.length && address.some(Boolean) ? address.join('\u0000') : undefined;
    respondents.push(household === undefined ? { id, features } : { id, features, household });
    rows.push({ id, values });
  });
  const alreadySelected = files.alreadySelectedCsv === undefined ? [] : readAlreadySelected(files, header[idColumn], seen, issues);
  if (issues.length) throw new SortitionFormatError(issues.slice(0, 100));
  const columns = idColumn >= 0 ? [header[idColumn], ...header.filter((_, c) => c !== idColumn)] : ['id', ...header];
  return { quotas, respondents, rows, columns, idColumn: idColumn >= 0 ? header[idColumn] : undefined, alreadySelected };
}

/** The already-selected file: one id per row under the respondents' id column name (or `id`); every id must be in the pool. */
function readAlreadySelected(files: SortitionFiles, idName: string | undefined, pool: ReadonlyMap<string, number>, issues: SortitionFileIssue[]): string[] {
  const file = files.alreadySelectedName ?? 'already-selected.csv';
  const table = readCsv(files.alreadySelectedCsv ?? '', file);
  if (!table.length) return [];
  const names = [...(idName ? [idName] : []), ...KNOWN_ID_COLUMNS];
  const column = names.map((n) => table[0].findIndex((h) => h.toLowerCase() === n.toLowerCase())).find((c) => c >= 0) ?? -1;
  if (column < 0) {
    issues.push({ file, line: 1, message: `has no id column (expected ${names[0]}; found ${table[0].join(',')})` });
    return [];
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  table.slice(1).forEach((row, i) => {
    const id = row[column];
    const line = i + 2;
    if (!pool.has(id)) issues.push({ file, line, column: table[0][column], message: `"${id}" is not in ${files.respondentsName ?? 'respondents.csv'}` });
    else if (seen.has(id)) issues.push({ file, line, column: table[0][column], message: `"${id}" is listed twice` });
    else ids.push(id);
    seen.add(id);
  });
  return ids;
}
