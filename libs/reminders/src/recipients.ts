import { textsAvailable, textsAvailableSql } from '@steppingstone/notifications';
import { activeMember, coordinatorUserIds } from '@steppingstone/organisations';
import { contactOfAccount, personContact } from '@steppingstone/people';
import { EntityManager } from 'typeorm';

/** Someone a reminder is addressed to, as the send sees them at that moment. */
export interface Addressee {
  name: string;
  email: string | null;
  /** A person's contact preferences; members of staff are written to at their sign-in address. */
  wantsEmail: boolean;
  /** Set only where a text can go: the person prefers texts, has a phone number and the organisation has a Notify key. */
  textTo?: string | null;
  /** Why no text can go, when the person prefers texts (for the delivery log's skipped reason). */
  noTextReason?: string | null;
}

/** Whether the organisation can send texts (it has a GOV.UK Notify key). `$1` is the organisation. */
export const TEXTS_AVAILABLE = textsAvailableSql('$1');

/**
 * Members who get the organisation's coordinating reminders: admins and programme coordinators
 * ("coordinator" in the product covers both), active only. `$1` is the organisation.
 */
export const COORDINATOR_IDS = coordinatorUserIds('$1');

/** A supervisor contact is written to only when it is an email address (it may be a phone number). */
export const EMAIL_LIKE = `'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`;

/**
 * A member of the organisation, while their membership is active: at their sign-in address, unless
 * a person record linked to their login says they prefer texts (a trainer who is also a peer mentor).
 */
export async function memberAddressee(manager: EntityManager, organisationId: string, userId: string): Promise<Addressee | undefined> {
  const member = await activeMember(manager, organisationId, userId);
  if (!member) return undefined;
  const person = await contactOfAccount(manager, organisationId, userId);
  const prefersText = !!person && person.contactPreferences.includes('sms') && !person.contactPreferences.includes('email');
  const texts = prefersText && !!person.phone && (await textsAvailable(manager, organisationId));
  return { name: member.name, email: member.email, wantsEmail: !texts, textTo: texts ? person.phone : null };
}

/** A person on the organisation's books, with whether they want email at all. */
export async function personAddressee(manager: EntityManager, organisationId: string, personId: string): Promise<Addressee | undefined> {
  const person = await personContact(manager, organisationId, personId);
  if (!person) return undefined;
  const wantsEmail = person.contactPreferences.includes('email');
  const wantsText = person.contactPreferences.includes('sms');
  const noTextReason = !wantsText
    ? null
    : !person.phone
      ? 'no phone number on record'
      : !(await textsAvailable(manager, organisationId))
        ? 'text messages are not set up for the organisation (no GOV.UK Notify key)'
        : null;
  return { name: person.preferredName ?? person.name, email: person.email, wantsEmail, textTo: wantsText && !noTextReason ? person.phone : null, noTextReason };
}
