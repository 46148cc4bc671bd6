import { EntityManager } from 'typeorm';

/**
 * The organisation's retention period in months, read inside the caller's tenant transaction; null
 * when it keeps records until told otherwise.
 */
export async function retentionPeriodMonths(manager: EntityManager, organisationId: string): Promise<number | null> {
  const [organisation]: Array<{ retention_months: number | null }> = await manager.query(`SELECT retention_months FROM organisations WHERE id = $1`, [organisationId]);
  return organisation?.retention_months ?? null;
}
