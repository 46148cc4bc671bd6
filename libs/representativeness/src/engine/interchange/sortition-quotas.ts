/*
 * The quota file in each layout the sortition world writes today:
 *   category,feature,min,max           the Nature 2021 replication data and this project's earlier files
 *   category,name,min,max,min_flex,max_flex     the Sortition Foundation's stratification app
 *   feature,value,min,max,min_flex,max_flex     sortition-algorithms and OpenDLP (whose monitoring
 *                                               files add further columns)
 * Columns are matched by name in any order, case-insensitively; any other column is ignored.
 */
import { Quota } from '../selection/types';
import type { SortitionFileIssue } from './sortition-format';

export const QUOTA_LAYOUTS = ['category,feature,min,max', 'category,name,min,max,min_flex,max_flex', 'feature,value,min,max,min_flex,max_flex'];

interface QuotaColumns {
  category: number;
  feature: number;
  min: number;
  max: number;
  minFlex: number;
  maxFlex: number;
}

/** Which column holds the category and which its value: "feature" means the value beside "category" but the category beside "value". */
function quotaColumns(header: string[]): QuotaColumns | undefined {
  const at = (name: string) => header.indexOf(name);
  let category = -1;
  let feature = -1;
  if (at('category') >= 0) {
    category = at('category');
    feature = [at('feature'), at('name'), at('value')].find((i) => i >= 0) ?? -1;
  } else if (at('feature') >= 0 && at('value') >= 0) {
    category = at('feature');
    feature = at('value');
  }
  if (category < 0 || feature < 0 || at('min') < 0 || at('max') < 0) return undefined;
  return { category, feature, min: at('min'), max: at('max'), minFlex: at('min_flex'), maxFlex: at('max_flex') };
}

export function parseQuotaTable(table: string[][], file: string, issues: SortitionFileIssue[]): Quota[] {
  if (!table.length) {
    issues.push({ file, message: `is empty; expected a header such as ${QUOTA_LAYOUTS.join(' or ')}` });
    return [];
  }
  const header = table[0].map((h) => h.trim().toLowerCase());
  const columns = quotaColumns(header);
  if (!columns) {
    const missing = ['min', 'max'].filter((n) => !header.includes(n));
    const named = header.includes('category') || (header.includes('feature') && header.includes('value'));
    const lacking = [...(named ? [] : ['category (or feature with value)']), ...missing];
    issues.push({
      file,
      line: 1,
      message: `has no ${lacking.join(', ') || 'feature, name or value'} column (expected ${QUOTA_LAYOUTS.join(' or ')}, extra columns ignored; found ${table[0].join(',')})`,
    });
    return [];
  }
  const quotas: Quota[] = [];
  table.slice(1).forEach((row, i) => {
    const line = i + 2;
    const number = (index: number, name: string, optional: boolean): number | undefined => {
      const text = (row[index] ?? '').trim();
      if (optional && text === '') return undefined;
      if (!/^\d+$/.test(text)) {
        issues.push({ file, line, column: name, message: `"${text}" is not a whole number of 0 or more` });
        return undefined;
      }
      return Number(text);
    };
    const category = row[columns.category];
    const feature = row[columns.feature];
    if (!category) issues.push({ file, line, column: header[columns.category], message: 'is empty' });
    if (!feature) issues.push({ file, line, column: header[columns.feature], message: 'is empty' });
    const min = number(columns.min, 'min', false);
    const max = number(columns.max, 'max', false);
    const minFlex = columns.minFlex >= 0 ? number(columns.minFlex, 'min_flex', true) : undefined;
    const maxFlex = columns.maxFlex >= 0 ? number(columns.maxFlex, 'max_flex', true) : undefined;
    if (min !== undefined && max !== undefined && min > max) issues.push({ file, line, column: 'min', message: `min ${min} is above max ${max}` });
    if (min !== undefined && minFlex !== undefined && minFlex > min) issues.push({ file, line, column: 'min_flex', message: `min_flex ${minFlex} is above min ${min}` });
    if (max !== undefined && maxFlex !== undefined && maxFlex < max) issues.push({ file, line, column: 'max_flex', message: `max_flex ${maxFlex} is below max ${max}` });
    if (category && feature && min !== undefined && max !== undefined) {
      quotas.push({ category, feature, min, max, ...(minFlex !== undefined ? { minFlex } : {}), ...(maxFlex !== undefined ? { maxFlex } : {}) });
    }
  });
  return quotas;
}
