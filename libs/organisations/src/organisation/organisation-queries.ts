import { EntityManager } from 'typeorm';

/** What other libs show about an organisation: its name, its time zone and the local date it joined. */
export interface OrganisationProfile {
  name: string;
  timeZone: string;
  /** The organisation's local date when its record was created, `YYYY-MM-DD`. */
  joinedOn: string;
}

/** Read inside the caller's tenant transaction; undefined when the organisation is not there. */
export async function organisationProfile(manager: EntityManager, organisationId: string): Promise<OrganisationProfile | undefined> {
  const [row]: OrganisationProfile[] = await manager.query(
    `SELECT name, time_zone AS "timeZone", to_char((created_at AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS "joinedOn" FROM organisations WHERE id = $1`,
    [organisationId],
  );
  return row;
}

/**
 * A complete SELECT yielding `user_id`: the organisation's active coordinators and admins, the
 * members who act on reminders. `organisation` is the caller's placeholder (such as `$1`), so a sweep
 * folds it into its own statement rather than reading the members once per subject.
 */
export function coordinatorUserIds(organisation: string): string {
  return `SELECT m.user_id FROM memberships m WHERE m.organisation_id = ${organisation} AND m.status = 'active' AND m.role IN ('admin', 'coordinator')`;
}

/** The active coordinators' and admins' addresses, by email. */
export function coordinatorAddresses(manager: EntityManager, organisationId: string): Promise<Array<{ email: string; name: string }>> {
  return manager.query(
    `SELECT u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.organisation_id = $1 AND m.status = 'active' AND m.role IN ('coordinator', 'admin') ORDER BY u.email`,
    [organisationId],
  );
}

/** A member's name and sign-in address while their membership is active; undefined otherwise. */
export async function activeMember(manager: EntityManager, organisationId: string, userId: string): Promise<{ name: string; email: string } | undefined> {
  const [row]: Array<{ name: string; email: string }> = await manager.query(
    `SELECT u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND m.user_id = $2 AND m.status = 'active'`,
    [organisationId, userId],
  );
  return row;
}

/** A scalar subquery for the organisation's name; `organisation` is the caller's expression for its id (such as `$1`). */
export function organisationNameSql(organisation: string): string {
  return `(SELECT o.name FROM organisations o WHERE o.id = ${organisation})`;
}

/** A scalar subquery for the organisation's time zone; `organisation` is the caller's expression for its id. */
export function organisationTimeZoneSql(organisation: string): string {
  return `(SELECT o.time_zone FROM organisations o WHERE o.id = ${organisation})`;
}

/** A boolean SQL expression: whether the user's membership of the organisation is active. Both arguments are the caller's expressions. */
export function activeMembershipSql(organisation: string, userId: string): string {
  return `EXISTS (SELECT 1 FROM memberships am WHERE am.organisation_id = ${organisation} AND am.user_id = ${userId} AND am.status = 'active')`;
}
