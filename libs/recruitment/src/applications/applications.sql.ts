import { EntityManager } from 'typeorm';

/**
 * A complete SELECT yielding the organisation's applications: `id`, `person_id`, `intake_id`,
 * `programme_id` (the intake's), `stage`, `partner_id` and `applied_at`. `organisation` is the
 * caller's expression. A caller folds it in as a subquery and filters on those columns; PostgreSQL
 * pulls it up into the caller's statement (and drops the join to the intake when `programme_id`
 * is not used), so a count over 100,000 applications keeps its one plan.
 */
export function applicationsSql(organisation: string): string {
  return `SELECT a.id, a.person_id, a.intake_id, i.programme_id, a.stage, a.partner_id, a.applied_at
            FROM applications a
            LEFT JOIN intakes i ON i.organisation_id = a.organisation_id AND i.id = a.intake_id
           WHERE a.organisation_id = ${organisation}`;
}

/** What an analysis of one intake needs to know about it; undefined when it is not the organisation's. */
export interface IntakeFacts {
  programmeId: string;
  capacity: number;
  /** The census dataset its programme compares with, when one was chosen. */
  censusDatasetId: string | null;
}

export async function intakeFacts(manager: EntityManager, organisationId: string, intakeId: string): Promise<IntakeFacts | undefined> {
  const [row]: IntakeFacts[] = await manager.query(
    `SELECT i.programme_id AS "programmeId", i.capacity, pr.census_dataset_id AS "censusDatasetId"
       FROM intakes i JOIN programmes pr ON pr.organisation_id = i.organisation_id AND pr.id = i.programme_id
      WHERE i.organisation_id = $1 AND i.id = $2`,
    [organisationId, intakeId],
  );
  return row;
}

/** The census dataset a programme compares with: its chosen one, or null (also for a programme not found). */
export async function programmeCensusDatasetId(manager: EntityManager, organisationId: string, programmeId: string): Promise<string | null> {
  const [row]: Array<{ id: string | null }> = await manager.query(`SELECT census_dataset_id AS id FROM programmes WHERE organisation_id = $1 AND id = $2`, [organisationId, programmeId]);
  return row?.id ?? null;
}
