import { EntityManager } from 'typeorm';

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

/** Claims for costs incurred from `from` to `to` (inclusive), summed by category in one statement. */
export async function expenseTotalsByCategory(manager: EntityManager, organisationId: string, range: { from: string; to: string }): Promise<ExpenseTotalsRow[]> {
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
    [organisationId, range.from, range.to],
  );
  return rows.map((r) => ({
    category: String(r.category),
    approvedClaims: Number(r.approvedClaims),
    approvedPence: Number(r.approvedPence),
    exportedPence: Number(r.exportedPence),
    waitingClaims: Number(r.waitingClaims),
    waitingPence: Number(r.waitingPence),
    approvedMiles: Number(r.approvedMiles),
  }));
}
