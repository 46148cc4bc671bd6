import { EntityManager } from 'typeorm';

/**
 * A scalar subquery for a person's name as they like to be called (their preferred name, else
 * their name). `organisation` and `personId` are the caller's expressions (placeholders or columns
 * of its own statement), so a sweep names people without naming the table they are kept in.
 */
export function personDisplayNameSql(organisation: string, personId: string): string {
  return `(SELECT coalesce(pn.preferred_name, pn.name) FROM people pn WHERE pn.organisation_id = ${organisation} AND pn.id = ${personId})`;
}

/** How a person may be reached, as recorded. */
export interface PersonContact {
  name: string;
  preferredName: string | null;
  email: string | null;
  phone: string | null;
  contactPreferences: string[];
}

export async function personContact(manager: EntityManager, organisationId: string, personId: string): Promise<PersonContact | undefined> {
  const [row]: PersonContact[] = await manager.query(
    `SELECT name, preferred_name AS "preferredName", email, phone, contact_preferences AS "contactPreferences" FROM people WHERE organisation_id = $1 AND id = $2`,
    [organisationId, personId],
  );
  return row;
}

/** The phone and contact preferences of the first person record linked to a login (a member who is also on the books). */
export async function contactOfAccount(manager: EntityManager, organisationId: string, userId: string): Promise<Pick<PersonContact, 'phone' | 'contactPreferences'> | undefined> {
  const [row]: Array<Pick<PersonContact, 'phone' | 'contactPreferences'>> = await manager.query(
    `SELECT phone, contact_preferences AS "contactPreferences" FROM people WHERE organisation_id = $1 AND user_id = $2 ORDER BY created_at LIMIT 1`,
    [organisationId, userId],
  );
  return row;
}

/**
 * A complete SELECT of one person's name and how they may be reached: `name`, `preferred_name`,
 * `email`, `phone`, `wants_email` and `wants_text`. `organisation` and `personId` are the caller's
 * expressions; a sweep joins it LATERAL to its own rows (PostgreSQL folds it into the join).
 */
export function personReachSql(organisation: string, personId: string): string {
  return `SELECT pr.name, pr.preferred_name, pr.email, pr.phone, 'email' = ANY (pr.contact_preferences) AS wants_email, 'sms' = ANY (pr.contact_preferences) AS wants_text
    FROM people pr WHERE pr.organisation_id = ${organisation} AND pr.id = ${personId}`;
}
