import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { Consent } from '../entities/consent.entity';
import { DemographicProfile } from '../entities/demographic-profile.entity';
import { Person } from '../entities/person.entity';
import { People } from '../people';
import { ExportedJourney, journeyRecords } from './journey-records';

export interface ExportedTransition {
  fromStage: string | null;
  toStage: string;
  note: string | null;
  actorUserId: string | null;
  occurredAt: Date;
}

export interface ExportedApplication {
  id: string;
  intakeId: string;
  intakeName: string;
  programmeName: string;
  stage: string;
  source: string;
  referrer: string | null;
  appliedAt: Date;
  stageChangedAt: Date;
  transitions: ExportedTransition[];
}

/** Everything the organisation holds about one person, as a subject access request answers it. */
export interface PersonDataExport {
  exportedAt: Date;
  person: Person;
  consents: Consent[];
  demographicProfile: DemographicProfile | null;
  applications: ExportedApplication[];
  /** Training, placements and jobs, with attendance, supervision and sustainment checks. */
  journey: ExportedJourney;
}

/** Subject access (UK GDPR art. 15): one document with all of a person's data, and a record that it was produced. */
@Injectable()
export class ExportPersonData {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
  ) {}

  execute(actor: Actor, personId: string): Promise<PersonDataExport> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const document = await this.within(manager, actor.organisationId, personId);
      await this.audit.record(manager, actor, { action: 'person.exported', entityType: 'person', entityId: personId, details: exportCounts(document) });
      return document;
    });
  }

  /**
   * Inside the caller's tenant transaction, for callers that write their own audit entry (the export
   * job, which asks for staff notes too: see journey-records.ts).
   */
  async within(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean } = { staffNotes: false }): Promise<PersonDataExport> {
    const person = await this.people.find(manager, organisationId, personId);
    const consents = await manager.find(Consent, { where: { organisationId, personId }, order: { givenAt: 'ASC', id: 'ASC' } });
    const demographicProfile = await manager.findOneBy(DemographicProfile, { organisationId, personId });
    const applications = await this.applications(manager, organisationId, personId);
    const journey = await journeyRecords(manager, organisationId, personId, options.staffNotes);
    return { exportedAt: new Date(), person, consents, demographicProfile, applications, journey };
  }

  /** Read with SQL rather than the recruitment lib's entities, which depend on this lib and not the reverse. */
  private async applications(manager: EntityManager, organisationId: string, personId: string): Promise<ExportedApplication[]> {
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
    if (!rows.length) return [];
    const transitions: Array<ExportedTransition & { applicationId: string }> = await manager.query(
      `SELECT application_id AS "applicationId", from_stage AS "fromStage", to_stage AS "toStage", note, actor_user_id AS "actorUserId", occurred_at AS "occurredAt"
         FROM application_transitions
        WHERE organisation_id = $1 AND application_id = ANY($2::uuid[])
        ORDER BY occurred_at, id`,
      [organisationId, rows.map((r) => r.id)],
    );
    return rows.map((row) => ({
      ...row,
      transitions: transitions.filter((t) => t.applicationId === row.id).map(({ applicationId: _, ...t }) => t),
    }));
  }
}

/** What an export's audit entry says: how much was handed over, never what. */
export function exportCounts(document: PersonDataExport): Record<string, unknown> {
  const { enrolments, placements, jobs } = document.journey;
  return {
    applications: document.applications.length,
    consents: document.consents.length,
    demographicProfile: document.demographicProfile !== null,
    enrolments: enrolments.length,
    placements: placements.length,
    jobs: jobs.length,
  };
}
