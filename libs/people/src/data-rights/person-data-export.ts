import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, PersonRecords, Tenancy } from '@steppingstone/core';
import { Consent } from '../entities/consent.entity';
import { DemographicProfile } from '../entities/demographic-profile.entity';
import { Person } from '../entities/person.entity';
import { People } from '../people';

/*
 * The sections below the person, consents and profile are filled by the person-records handlers of
 * the libs that own them (recruitment's applications; cohorts', placements' and progression's
 * journey); these types are the document's format those handlers write to.
 */

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

/**
 * The person's training, placements and jobs as a subject access request answers them: every
 * row recorded about them, each with the records hanging off it. Notes staff wrote (a register
 * note, a supervisor's notes, a review summary) are included only when asked for: an admin
 * answering a request reviews them before anything is sent, while the participant's own download
 * (GET /me/data) keeps the rule that such notes are for coordinators.
 */
export interface ExportedJourney {
  enrolments: Array<Record<string, unknown>>;
  placements: Array<Record<string, unknown>>;
  jobs: Array<Record<string, unknown>>;
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
    private readonly records: PersonRecords,
  ) {}

  run(actor: Actor, personId: string): Promise<PersonDataExport> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const document = await this.within(manager, actor.organisationId, personId);
      await this.audit.record(manager, actor, { action: 'person.exported', entityType: 'person', entityId: personId, details: exportCounts(document) });
      return document;
    });
  }

  /**
   * Inside the caller's tenant transaction, for callers that write their own audit entry (the export
   * job, which asks for staff notes too: see ExportedJourney).
   */
  async within(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean } = { staffNotes: false }): Promise<PersonDataExport> {
    const person = await this.people.find(manager, organisationId, personId);
    const consents = await manager.find(Consent, { where: { organisationId, personId }, order: { givenAt: 'ASC', id: 'ASC' } });
    const demographicProfile = await manager.findOneBy(DemographicProfile, { organisationId, personId });
    const elsewhere = (await this.records.exported(manager, organisationId, personId, options)) as Pick<PersonDataExport, 'applications' | 'journey'>;
    return { exportedAt: new Date(), person, consents, demographicProfile, ...elsewhere };
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
