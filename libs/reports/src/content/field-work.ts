import { EntityManager } from 'typeorm';
import { activityTotals, ActivityTotals, expenseTotalsByCategory, ExpenseTotalsRow } from '@steppingstone/field';
import { ReportPeriod } from '../period/report-period';

export type { ExpenseTotalsRow };

export interface FieldWork {
  /** Approved activity in the period, by kind and by month, with the social-value figure. */
  byKind: ActivityTotals;
  byMonth: ActivityTotals;
  /** Claims for costs incurred in the period, by category. */
  expenses: ExpenseTotalsRow[];
}

/**
 * Hours, people reached and the social value come from the same totals as GET /activity-totals, so
 * the report agrees with the screen; expenses are summed by category in one statement.
 */
export async function fieldWork(manager: EntityManager, organisationId: string, period: ReportPeriod): Promise<FieldWork> {
  const range = { from: period.from, to: period.to };
  const byKind = await activityTotals(manager, organisationId, { ...range, by: ['kind'] });
  const byMonth = await activityTotals(manager, organisationId, { ...range, by: ['month'] });
  const expenses = await expenseTotalsByCategory(manager, organisationId, range);
  return { byKind, byMonth, expenses };
}
