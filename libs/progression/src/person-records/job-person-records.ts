import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRecordCounts, PersonRecords, PersonRecordsHandler, PersonRef } from '@steppingstone/core';

/** A person's jobs, with their sustainment checks, when the person is merged, erased, anonymised, exported or swept for retention. */
@Injectable()
export class JobPersonRecords implements PersonRecordsHandler, OnModuleInit {
  readonly owner = 'progression';

  constructor(private readonly registry: PersonRecords) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async merged(manager: EntityManager, organisationId: string, fromId: string, intoId: string): Promise<PersonRecordCounts> {
    await manager.query(`UPDATE jobs SET person_id = $2 WHERE organisation_id = $1 AND person_id = $3`, [organisationId, intoId, fromId]);
    return {};
  }

  async erased(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts> {
    // Sustainment checks cascade.
    const [, jobs] = await manager.query(`DELETE FROM jobs WHERE organisation_id = $1 AND person_id = $2`, [organisationId, person.id]);
    return { jobs: Number(jobs) };
  }

  async anonymised(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void> {
    const params = [organisationId, person.id];
    // The employer's name with a start date points at one person; the title, sector and hours describe the outcome.
    await manager.query(`UPDATE jobs SET employer = 'anonymised', end_reason = CASE WHEN end_reason IS NULL THEN NULL ELSE 'anonymised' END WHERE organisation_id = $1 AND person_id = $2`, params);
    await manager.query(
      `UPDATE sustainment_checks SET note = NULL WHERE organisation_id = $1 AND note IS NOT NULL AND job_id IN (SELECT id FROM jobs WHERE organisation_id = $1 AND person_id = $2)`,
      params,
    );
  }

  /** A sustainment check's note only with `staffNotes`, for the admin to review before sending. */
  async exported(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean }): Promise<Record<string, unknown>> {
    const note = (column: string) => (options.staffNotes ? column : 'NULL');
    const [row]: Array<{ jobs: unknown[] }> = await manager.query(
      `SELECT coalesce(json_agg(json_build_object(
           'id', j.id, 'employer', j.employer, 'title', j.title, 'sector', j.sector, 'hoursPerWeek', j.hours_per_week, 'contractType', j.contract_type,
           'startsOn', j.starts_on, 'contractEndsOn', j.contract_ends_on, 'endedOn', j.ended_on, 'endReason', j.end_reason,
           'sustainmentChecks', (SELECT coalesce(json_agg(json_build_object('week', s.week, 'result', s.result, 'checkedOn', s.checked_on, 'note', ${note('s.note')}) ORDER BY s.week), '[]')
                                   FROM sustainment_checks s WHERE s.organisation_id = j.organisation_id AND s.job_id = j.id)
         ) ORDER BY j.starts_on), '[]') AS jobs
         FROM jobs j WHERE j.organisation_id = $1 AND j.person_id = $2`,
      [organisationId, personId],
    );
    return { journey: { jobs: row.jobs } };
  }

  /** A contract running into the future keeps its person for as long as it runs. */
  activitySql(): string[] {
    return [
      `SELECT j.person_id, greatest(j.created_at, j.starts_on::timestamptz, j.contract_ends_on::timestamptz, j.ended_on::timestamptz) FROM jobs j
         JOIN scope s ON s.id = j.person_id WHERE j.organisation_id = $1`,
      `SELECT j.person_id, x.recorded_at FROM sustainment_checks x
         JOIN jobs j ON j.organisation_id = x.organisation_id AND j.id = x.job_id JOIN scope s ON s.id = j.person_id WHERE x.organisation_id = $1`,
    ];
  }
}
