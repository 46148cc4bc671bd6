import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRecordCounts, PersonRecords, PersonRecordsHandler, PersonRef } from '@steppingstone/core';
import { ExportedApplication, ExportedTransition } from '@steppingstone/people';

/**
 * A person's applications, with their stage history, when the person is merged, erased,
 * anonymised, exported or swept for retention.
 */
@Injectable()
export class ApplicationPersonRecords implements PersonRecordsHandler, OnModuleInit {
  readonly owner = 'recruitment';

  constructor(private readonly registry: PersonRecords) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** The stage history hangs off the application, so it moves with it. */
  async merged(manager: EntityManager, organisationId: string, fromId: string, intoId: string): Promise<PersonRecordCounts> {
    const [, applications] = await manager.query(`UPDATE applications SET person_id = $2 WHERE organisation_id = $1 AND person_id = $3`, [organisationId, intoId, fromId]);
    return { applications: Number(applications) };
  }

  async erased(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts> {
    // Transitions go with their applications (ON DELETE CASCADE); applications do not cascade from people, on purpose.
    const [, applications] = await manager.query(`DELETE FROM applications WHERE organisation_id = $1 AND person_id = $2`, [organisationId, person.id]);
    return { applications: Number(applications) };
  }

  /** A referrer, and the notes on stage changes, may name the person or describe their circumstances. */
  async anonymised(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void> {
    const params = [organisationId, person.id];
    await manager.query(`UPDATE applications SET referrer = NULL WHERE organisation_id = $1 AND person_id = $2 AND referrer IS NOT NULL`, params);
    await manager.query(
      `UPDATE application_transitions SET note = NULL
        WHERE organisation_id = $1 AND note IS NOT NULL AND application_id IN (SELECT id FROM applications WHERE organisation_id = $1 AND person_id = $2)`,
      params,
    );
  }

  async exported(manager: EntityManager, organisationId: string, personId: string): Promise<{ applications: ExportedApplication[] }> {
    const rows: Array<Omit<ExportedApplication, 'transitions'>> = await manager.query(
      `SELECT a.id, a.intake_id AS "intakeId", i.name AS "intakeName", p.name AS "programmeName", a.stage, a.source, a.referrer,
              a.applied_at AS "appliedAt", a.stage_changed_at AS "stageChangedAt"
         FROM applications a
         JOIN intakes i ON i.organisation_id = a.organisation_id AND i.id = a.intake_id
         JOIN programmes p ON p.organisation_id = i.organisation_id AND p.id = i.programme_id
        WHERE a.organisation_id = $1 AND a.person_id = $2
        ORDER BY a.applied_at, a.id`,
      [organisationId, personId],
    );
    if (!rows.length) return { applications: [] };
    const transitions: Array<ExportedTransition & { applicationId: string }> = await manager.query(
      `SELECT application_id AS "applicationId", from_stage AS "fromStage", to_stage AS "toStage", note, actor_user_id AS "actorUserId", occurred_at AS "occurredAt"
         FROM application_transitions
        WHERE organisation_id = $1 AND application_id = ANY($2::uuid[])
        ORDER BY occurred_at, id`,
      [organisationId, rows.map((r) => r.id)],
    );
    return {
      applications: rows.map((row) => ({
        ...row,
        transitions: transitions.filter((t) => t.applicationId === row.id).map(({ applicationId: _, ...t }) => t),
      })),
    };
  }

  activitySql(): string[] {
    return [
      `SELECT a.person_id, greatest(a.applied_at, a.stage_changed_at) FROM applications a JOIN scope s ON s.id = a.person_id WHERE a.organisation_id = $1`,
      `SELECT a.person_id, t.occurred_at FROM application_transitions t
         JOIN applications a ON a.organisation_id = t.organisation_id AND a.id = t.application_id JOIN scope s ON s.id = a.person_id WHERE t.organisation_id = $1`,
    ];
  }
}
