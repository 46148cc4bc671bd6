import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { Consent } from '../entities/consent.entity';
import { DemographicProfile } from '../entities/demographic-profile.entity';
import { People } from '../people';
import { PeopleError, PeopleErrorCode as Code } from '../people.error';

/** A person's consents: the history (withdrawn ones included, as evidence) and their withdrawal. */
@Injectable()
export class Consents {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
  ) {}

  history(actor: Actor, personId: string): Promise<Consent[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.people.find(manager, actor.organisationId, personId);
      return manager.find(Consent, { where: { organisationId: actor.organisationId, personId }, order: { givenAt: 'DESC', id: 'ASC' } });
    });
  }

  /**
   * Withdrawal removes the data that rested on the consent, in the same transaction as the
   * withdrawal is recorded; the consent itself stays as evidence of what was agreed and when it
   * ended. Withdrawing twice changes nothing and answers the same record.
   */
  withdraw(actor: Actor, personId: string, consentId: string): Promise<Consent> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.people.find(manager, actor.organisationId, personId, true);
      const consent = await manager.findOne(Consent, { where: { organisationId: actor.organisationId, id: consentId, personId }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw new PeopleError(Code.ConsentNotFound, 'Consent not found');
      if (consent.withdrawnAt) return consent;
      await manager.update(Consent, { organisationId: actor.organisationId, id: consentId }, { withdrawnAt: () => 'now()', withdrawnBy: actor.userId });
      const removed = await manager.delete(DemographicProfile, { organisationId: actor.organisationId, consentId });
      await this.audit.record(manager, actor, {
        action: 'consent.withdrawn',
        entityType: 'consent',
        entityId: consentId,
        details: { personId, purpose: consent.purpose, demographicProfileRemoved: (removed.affected ?? 0) > 0 },
      });
      return manager.findOneByOrFail(Consent, { organisationId: actor.organisationId, id: consentId });
    });
  }
}
