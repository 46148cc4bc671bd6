import { EntityManager, IsNull } from 'typeorm';
import { Consent, ConsentMethod, ConsentPurpose } from '../entities/consent.entity';

export interface NewConsent {
  personId: string;
  purpose: ConsentPurpose;
  wording: string;
  method: ConsentMethod;
  givenAt: Date;
  /** The member of staff who took it; null when the person gave it themselves online. */
  recordedBy: string | null;
}

/** Records a consent inside the caller's transaction, for a person the caller has found or inserted. */
export async function insertConsent(manager: EntityManager, organisationId: string, id: string, consent: NewConsent): Promise<void> {
  await manager.insert(Consent, { organisationId, id, ...consent, withdrawnAt: null, withdrawnBy: null });
}

export function consentById(manager: EntityManager, organisationId: string, id: string): Promise<Consent | null> {
  return manager.findOneBy(Consent, { organisationId, id });
}

/** The person's latest consent for `purpose` that has not been withdrawn, if any. */
export function standingConsent(manager: EntityManager, organisationId: string, personId: string, purpose: ConsentPurpose): Promise<Consent | null> {
  return manager.findOne(Consent, { where: { organisationId, personId, purpose, withdrawnAt: IsNull() }, order: { givenAt: 'DESC' } });
}
