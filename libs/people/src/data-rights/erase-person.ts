import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, PersonRecords, Tenancy } from '@steppingstone/core';
import { Person } from '../entities/person.entity';
import { People } from '../people';
import { forgetExports, removeSpecialCategoryData } from './personal-traces';

/** Rows erased: consents, whether there was a profile, and the counts other libs' handlers report (applications, enrolments, placements, jobs). */
export interface ErasureOutcome {
  [records: string]: number | boolean;
  consents: number;
  demographicProfile: boolean;
}

/**
 * Erasure (UK GDPR art. 17): the person and everything about them (what other libs hold, through
 * their person-records handlers: applications with their stage history, enrolments, placements,
 * jobs; then consents and the demographic profile) go in one transaction, and the delivery log
 * forgets their address. The audit entry keeps only ids and counts, so the log does not itself
 * become a copy of what was erased.
 */
@Injectable()
export class ErasePerson {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
    private readonly records: PersonRecords,
  ) {}

  run(actor: Actor, personId: string): Promise<ErasureOutcome> {
    const organisationId = actor.organisationId;
    return this.tenancy.run(organisationId, async (manager) => {
      const outcome = await this.within(manager, organisationId, personId);
      await this.audit.record(manager, actor, { action: 'person.erased', entityType: 'person', entityId: personId, details: { ...outcome } });
      return outcome;
    });
  }

  /** Inside the caller's tenant transaction, for callers that write their own audit entry (the erasure job). */
  async within(manager: EntityManager, organisationId: string, personId: string): Promise<ErasureOutcome> {
    const person = await this.people.find(manager, organisationId, personId, true);
    // Every other lib's rows first: they point at the person, who is deleted last.
    const elsewhere = await this.records.erased(manager, organisationId, { id: personId, email: person.email });
    // The profile first: it references the consent it rests on.
    const demographicProfile = await removeSpecialCategoryData(manager, organisationId, personId);
    const [, consents] = await manager.query(`DELETE FROM consents WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
    await forgetExports(manager, organisationId, personId);
    await manager.delete(Person, { organisationId, id: personId });
    return { ...elsewhere, consents: Number(consents), demographicProfile };
  }
}
