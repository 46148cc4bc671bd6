import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { Person } from '../entities/person.entity';
import { People } from '../people';
import { forgetDeliveries, forgetExports, removeSpecialCategoryData } from './personal-traces';

export interface ErasureOutcome {
  applications: number;
  enrolments: number;
  placements: number;
  jobs: number;
  consents: number;
  demographicProfile: boolean;
}

/**
 * Erasure (UK GDPR art. 17): the person and everything about them (applications with their stage
 * history, consents, demographic profile) go in one transaction, and the delivery log forgets their
 * address. The audit entry keeps only ids and counts, so the log does not itself become a copy of
 * what was erased.
 */
@Injectable()
export class ErasePerson {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
  ) {}

  execute(actor: Actor, personId: string): Promise<ErasureOutcome> {
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
    // Everything recorded about the person goes: their cohort enrolments (attendance, assessments,
    // withdrawals and at-risk events cascade), placements (supervision and reviews cascade) and jobs
    // (sustainment checks cascade), before the applications the enrolments point at.
    const [, enrolments] = await manager.query(`DELETE FROM enrolments WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
    const [, placements] = await manager.query(`DELETE FROM placements WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
    const [, jobs] = await manager.query(`DELETE FROM jobs WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
    // Transitions go with their applications (ON DELETE CASCADE); applications do not cascade from people, on purpose.
    const [, applications] = await manager.query(`DELETE FROM applications WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
    // The profile first: it references the consent it rests on.
    const demographicProfile = await removeSpecialCategoryData(manager, organisationId, personId);
    const [, consents] = await manager.query(`DELETE FROM consents WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
    await forgetDeliveries(manager, organisationId, person.email);
    await forgetExports(manager, organisationId, personId);
    await manager.delete(Person, { organisationId, id: personId });
    return { applications: Number(applications), enrolments: Number(enrolments), placements: Number(placements), jobs: Number(jobs), consents: Number(consents), demographicProfile };
  }
}
