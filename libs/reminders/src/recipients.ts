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
export const TEXTS_AVAILABLE = `EXISTS (SELECT 1 FROM notify_settings ns WHERE ns.organisation_id = $1 AND ns.api_key_sealed IS NOT NULL)`;

/**
 * Members who get the organisation's coordinating reminders: admins and programme coordinators
 * ("coordinator" in the product covers both), active only. `$1` is the organisation.
 */
export const COORDINATOR_IDS = `SELECT m.user_id FROM memberships m WHERE m.organisation_id = $1 AND m.status = 'active' AND m.role IN ('admin', 'coordinator')`;

/** A supervisor contact is written to only when it is an email address (it may be a phone number). */
export const EMAIL_LIKE = `'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`;

/**
 * A member of the organisation, while their membership is active: at their sign-in address, unless
 * a person record linked to their login says they prefer texts (a trainer who is also a peer mentor).
 */
export async function memberAddressee(manager: EntityManager, organisationId: string, userId: string): Promise<Addressee | undefined> {
  const [row]: Array<{ name: string; email: string; phone: string | null; prefers_text: boolean; texts_available: boolean }> = await manager.query(
    `SELECT u.name, u.email, pe.phone, coalesce('sms' = ANY (pe.contact_preferences) AND NOT 'email' = ANY (pe.contact_preferences), false) AS prefers_text, ${TEXTS_AVAILABLE} AS texts_available
       FROM memberships m JOIN users u ON u.id = m.user_id
       LEFT JOIN LATERAL (SELECT p.phone, p.contact_preferences FROM people p WHERE p.organisation_id = m.organisation_id AND p.user_id = m.user_id ORDER BY p.created_at LIMIT 1) pe ON true
      WHERE m.organisation_id = $1 AND m.user_id = $2 AND m.status = 'active'`,
    [organisationId, userId],
  );
  if (!row) return undefined;
  const texts = row.prefers_text && !!row.phone && row.texts_available;
  return { name: row.name, email: row.email, wantsEmail: !texts, textTo: texts ? row.phone : null };
}

/** A person on the organisation's books, with whether they want email at all. */
export async function personAddressee(manager: EntityManager, organisationId: string, personId: string): Promise<Addressee | undefined> {
  const [row]: Array<{ name: string; preferred_name: string | null; email: string | null; wants_email: boolean; phone: string | null; wants_text: boolean; texts_available: boolean }> = await manager.query(
    `SELECT name, preferred_name, email, 'email' = ANY (contact_preferences) AS wants_email, phone, 'sms' = ANY (contact_preferences) AS wants_text, ${TEXTS_AVAILABLE} AS texts_available
       FROM people WHERE organisation_id = $1 AND id = $2`,
    [organisationId, personId],
  );
  if (!row) return undefined;
  const noTextReason = !row.wants_text ? null : !row.phone ? 'no phone number on record' : !row.texts_available ? 'text messages are not set up for the organisation (no GOV.UK Notify key)' : null;
  return { name: row.preferred_name ?? row.name, email: row.email, wantsEmail: row.wants_email, textTo: row.wants_text && !noTextReason ? row.phone : null, noTextReason };
}
