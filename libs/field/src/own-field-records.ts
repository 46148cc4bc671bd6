/*
 * A person's field work for their own copy of their records (progression's "my data"): scalar
 * subqueries yielding JSON arrays, no ids and no staff notes. `organisation` and `personId` are the
 * caller's expressions, so its statement never names these tables.
 */

export function personActivityJsonSql(organisation: string, personId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('occurredOn', a.occurred_on, 'minutes', a.minutes, 'kind', a.kind, 'peopleReached', a.people_reached, 'note', a.note, 'status', a.status) ORDER BY a.occurred_on, a.created_at), '[]')
          FROM activity_entries a WHERE a.organisation_id = ${organisation} AND a.person_id = ${personId})`;
}

export function personExpensesJsonSql(organisation: string, personId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('incurredOn', e.incurred_on, 'category', e.category, 'description', e.description, 'miles', e.miles, 'amountPence', e.amount_pence, 'status', e.status) ORDER BY e.incurred_on, e.created_at), '[]')
          FROM expense_claims e WHERE e.organisation_id = ${organisation} AND e.person_id = ${personId})`;
}
