import type { EntityManager } from 'typeorm';

/**
 * Today in the organisation's own time zone, the calendar every date it records is written in, by
 * the `organisation_today` SQL function. Run it inside the organisation's `Tenancy.run`: row-level
 * security shows the function that organisation's row only there (elsewhere it falls back to Europe/London).
 * `at` stands for the instant a job is about (a reminder sweep's time); the transaction's own
 * `now()` otherwise.
 */
export async function organisationToday(manager: EntityManager, organisationId: string, at?: Date): Promise<string> {
  const [row]: Array<{ today: string }> = at
    ? await manager.query(`SELECT to_char(organisation_today($1, $2), 'YYYY-MM-DD') AS today`, [organisationId, at.toISOString()])
    : await manager.query(`SELECT to_char(organisation_today($1), 'YYYY-MM-DD') AS today`, [organisationId]);
  return row.today;
}
