import { EntityManager } from 'typeorm';
import { DeliveryStatus } from './delivery-log';

/** Of the given natural keys, those the delivery log has already sent or deliberately skipped. */
export async function settledDeliveryKeys(manager: EntityManager, organisationId: string, keys: string[]): Promise<Set<string>> {
  const rows: Array<{ key: string }> = await manager.query(`SELECT key FROM deliveries WHERE organisation_id = $1 AND key = ANY($2::text[]) AND status IN ('sent', 'skipped')`, [organisationId, keys]);
  return new Set(rows.map((r) => r.key));
}

/**
 * A boolean SQL expression: whether the delivery log holds a row under the natural key in one of
 * `statuses`. `organisation` and `key` are the caller's expressions.
 */
export function deliveryLoggedSql(organisation: string, key: string, statuses: readonly DeliveryStatus[]): string {
  return `EXISTS (SELECT 1 FROM deliveries d WHERE d.organisation_id = ${organisation} AND d.status IN (${statuses.map((s) => `'${s}'`).join(', ')}) AND d.key = ${key})`;
}

/**
 * A scalar subquery: a jsonb object of how many deliveries whose key starts with `keyPrefix` are in
 * each status (`{}` when none). Both arguments are the caller's expressions; the prefix is matched
 * literally, so it must hold no `%` or `_`.
 */
export function deliveryCountsByStatusSql(organisation: string, keyPrefix: string): string {
  return `coalesce((SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT d.status, count(*)::int AS n FROM deliveries d
                    WHERE d.organisation_id = ${organisation} AND d.key LIKE ${keyPrefix} || '%' GROUP BY d.status) s), '{}')`;
}
