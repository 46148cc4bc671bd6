import { EntityManager } from 'typeorm';
import { activityTotals, ActivityTotals } from '@steppingstone/field';
import { ReportPeriod } from '../period/report-period';

export interface ExpenseTotalsRow {
  category: string;
  approvedClaims: number;
  approvedPence: number;
  /** Approved and put in a payment batch: paid, or on its way. */
  exportedPence: number;
  waitingClaims: number;
  waitingPence: number;
  approvedMiles: number;
}

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
  const rows: Array<Record<keyof ExpenseTotalsRow, string | number>> = await manager.query(
    `SELECT category,
            count(*) FILTER (WHERE status = 'approved')::int AS "approvedClaims",
            coalesce(sum(amount_pence) FILTER (WHERE status = 'approved'), 0)::bigint AS "approvedPence",
            coalesce(sum(amount_pence) FILTER (WHERE status = 'approved' AND export_batch_id IS NOT NULL), 0)::bigint AS "exportedPence",
            count(*) FILTER (WHERE status = 'submitted')::int AS "waitingClaims",
            coalesce(sum(amount_pence) FILTER (WHERE status = 'submitted'), 0)::bigint AS "waitingPence",
            coalesce(sum(miles) FILTER (WHERE status = 'approved'), 0)::float8 AS "approvedMiles"
       FROM expense_claims
      WHERE organisation_id = $1 AND incurred_on BETWEEN $2::date AND $3::date
      GROUP BY category ORDER BY category`,
    [organisationId, period.from, period.to],
  );
  const expenses = rows.map((r) => ({
    category: String(r.category),
    approvedClaims: Number(r.approvedClaims),
    approvedPence: Number(r.approvedPence),
    exportedPence: Number(r.exportedPence),
    waitingClaims: Number(r.waitingClaims),
    waitingPence: Number(r.waitingPence),
    approvedMiles: Number(r.approvedMiles),
  }));
  return { byKind, byMonth, expenses };
}
