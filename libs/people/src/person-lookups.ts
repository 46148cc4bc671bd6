import { EntityManager } from 'typeorm';
import { Person } from './entities/person.entity';

/** The person record, or null when the organisation has none with that id (the caller decides whether that is an error). */
export function personById(manager: EntityManager, organisationId: string, personId: string): Promise<Person | null> {
  return manager.findOneBy(Person, { organisationId, id: personId });
}

/** A scalar subquery for a person's recorded name; `organisation` and `personId` are the caller's expressions. */
export function personNameSql(organisation: string, personId: string): string {
  return `(SELECT pnm.name FROM people pnm WHERE pnm.organisation_id = ${organisation} AND pnm.id = ${personId})`;
}

/**
 * A complete SELECT of one person's `id`, `name` and `user_id` (the login linked to the record),
 * for a caller deciding who may read about them. The arguments are the caller's expressions.
 */
export function personIdentitySql(organisation: string, personId: string): string {
  return `SELECT pid.id, pid.name, pid.user_id FROM people pid WHERE pid.organisation_id = ${organisation} AND pid.id = ${personId}`;
}

/**
 * A complete SELECT of what a list of applicants shows about one person: `name`, `preferred_name`,
 * `email`, `phone` and `locality_id`. A list joins it LATERAL to its own rows, so each person is
 * read by primary key; the arguments are the caller's expressions.
 */
export function personListingSql(organisation: string, personId: string): string {
  return `SELECT pl.name, pl.preferred_name, pl.email, pl.phone, pl.locality_id FROM people pl WHERE pl.organisation_id = ${organisation} AND pl.id = ${personId}`;
}

/** A complete SELECT yielding `person_id`: the people whose own locality is `locality`. Both arguments are the caller's expressions. */
export function peopleInLocalitySql(organisation: string, locality: string): string {
  return `SELECT ploc.id AS person_id FROM people ploc WHERE ploc.organisation_id = ${organisation} AND ploc.locality_id = ${locality}`;
}
