import { EntityManager } from 'typeorm';

/**
 * A boolean SQL expression: whether the organisation can send texts (it has a GOV.UK Notify key).
 * `organisation` is the caller's expression for the organisation (such as `$1`).
 */
export function textsAvailableSql(organisation: string): string {
  return `EXISTS (SELECT 1 FROM notify_settings ns WHERE ns.organisation_id = ${organisation} AND ns.api_key_sealed IS NOT NULL)`;
}

export async function textsAvailable(manager: EntityManager, organisationId: string): Promise<boolean> {
  const [row]: Array<{ available: boolean }> = await manager.query(`SELECT ${textsAvailableSql('$1')} AS available`, [organisationId]);
  return row.available;
}
