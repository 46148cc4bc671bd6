/*
 * The interchange format of the Sortition Foundation's stratification app and the Nature 2021
 * replication data: `categories.csv` (category,feature,min,max) and `respondents.csv` (one column
 * per category, an optional id column). Every problem is reported with its file, line and column,
 * all at once, so a coordinator can fix the files in one pass.
 */
import { parse } from 'csv-parse/sync';
import { INTERSECTION_SEPARATOR, Quota, Respondent } from '../selection/types';

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
}

export interface SortitionFiles {
  categoriesCsv: string;
  respondentsCsv: string;
  /** Names used in messages (e.g. the paths given on the command line). */
  categoriesName?: string;
  respondentsName?: string;
}

function readCsv(text: string, file: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as string[][];
  } catch (error) {
    throw new SortitionFormatError([{ file, message: `is not valid CSV: ${(error as Error).message}` }]);
  }
}

function parseQuotas(table: string[][], file: string, issues: SortitionFileIssue[]): Quota[] {
  if (!table.length) {
    issues.push({ file, message: 'is empty; expected a header category,feature,min,max' });
    return [];
  }
  const header = table[0].map((h) => h.toLowerCase());
  const at = Object.fromEntries(['category', 'feature', 'min', 'max'].map((name) => [name, header.indexOf(name)]));
  const missing = Object.entries(at).filter(([, i]) => i < 0).map(([name]) => name);
  if (missing.length) {
    issues.push({ file, line: 1, message: `has no ${missing.join(', ')} column (expected category,feature,min,max; found ${table[0].join(',')})` });
    return [];
  }
  const quotas: Quota[] = [];
  table.slice(1).forEach((row, i) => {
    const line = i + 2;
    const bound = (name: 'min' | 'max'): number | undefined => {
      const text = row[at[name]];
      if (!/^\d+$/.test(text)) {
        issues.push({ file, line, column: name, message: `"${text}" is not a whole number of 0 or more` });
        return undefined;
      }
      return Number(text);
    };
    const category = row[at.category];
    const feature = row[at.feature];
    if (!category) issues.push({ file, line, column: 'category', message: 'is empty' });
    if (!feature) issues.push({ file, line, column: 'feature', message: 'is empty' });
    const min = bound('min');
    const max = bound('max');
    if (min !== undefined && max !== undefined && min > max) issues.push({ file, line, column: 'min', message: `min ${min} is above max ${max}` });
    if (category && feature && min !== undefined && max !== undefined) quotas.push({ category, feature, min, max });
  });
  return quotas;
}

export function parseSortitionFiles(files: SortitionFiles): SortitionPool {
  const categoriesFile = files.categoriesName ?? 'categories.csv';
  const respondentsFile = files.respondentsName ?? 'respondents.csv';
  const issues: SortitionFileIssue[] = [];
  const quotas = parseQuotas(readCsv(files.categoriesCsv, categoriesFile), categoriesFile, issues);
  const table = readCsv(files.respondentsCsv, respondentsFile);
  if (!table.length) throw new SortitionFormatError([...issues, { file: respondentsFile, message: 'is empty; expected a header with one column per category' }]);

  const header = table[0];
  const idColumn = header.findIndex((h) => h.toLowerCase() === 'id');
  const columnOf = new Map<string, number>();
  const findColumn = (name: string) => {
    const exact = header.indexOf(name);
    return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  };
  const categories = [...new Set(quotas.map((q) => q.category))];
  for (const category of categories) {
    const parts = [category, ...(category.includes(INTERSECTION_SEPARATOR) ? category.split(INTERSECTION_SEPARATOR).map((p) => p.trim()) : [])];
    for (const part of parts) if (findColumn(part) >= 0) columnOf.set(part, findColumn(part));
    const known = columnOf.has(category) || parts.slice(1).every((p) => columnOf.has(p)) && parts.length > 1;
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
    respondents.push({ id, features });
    rows.push({ id, values });
  });
  if (issues.length) throw new SortitionFormatError(issues.slice(0, 100));
  const columns = idColumn >= 0 ? [header[idColumn], ...header.filter((_, c) => c !== idColumn)] : ['id', ...header];
  return { quotas, respondents, rows, columns };
}
