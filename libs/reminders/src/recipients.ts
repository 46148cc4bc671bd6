import { EntityManager } from 'typeorm';

/** Someone a reminder is addressed to, as the send sees them at that moment. */
export interface Addressee {
  name: string;
  email: string | null;
  /** A person's contact preferences; members of staff are written to at their sign-in address. */
  wantsEmail: boolean;
}

/**
 * Members who get the organisation's coordinating reminders: admins and programme coordinators
 * ("coordinator" in the product covers both), active only. `$1` is the organisation.
 */
export const COORDINATOR_IDS = `SELECT m.user_id FROM memberships m WHERE m.organisation_id = $1 AND m.status = 'active' AND m.role IN ('admin', 'coordinator')`;

/** A supervisor contact is written to only when it is an email address (it may be a phone number). */
export const EMAIL_LIKE = `'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`;

/** A member of the organisation, while their membership is active. */
export async function memberAddressee(manager: EntityManager, organisationId: string, userId: string): Promise<Addressee | undefined> {
  const [row]: Array<{ name: string; email: string }> = await manager.query(
    `SELECT u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND m.user_id = $2 AND m.status = 'active'`,
    [organisationId, userId],
  );
  return row && { name: row.name, email: row.email, wantsEmail: true };
}

/** A person on the organisation's books, with whether they want email at all. */
export async function personAddressee(manager: EntityManager, organisationId: string, personId: string): Promise<Addressee | undefined> {
  const [row]: Array<{ name: string; preferred_name: string | null; email: string | null; wants_email: boolean }> = await manager.query(
    `SELECT name, preferred_name, email, 'email' = ANY (contact_preferences) AS wants_email FROM people WHERE organisation_id = $1 AND id = $2`,
    [organisationId, personId],
  );
  return row && { name: row.preferred_name ?? row.name, email: row.email, wantsEmail: row.wants_email };
}
