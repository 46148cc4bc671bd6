import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { ANSWER_COLUMNS, ANSWER_FIELDS } from './demographics/demographic-profiles';
import { DemographicAnswers } from './demographics/demographic-answers';
import { EQUALITY_CONSENT_WORDING } from './equality/equality-questions';
import { PersonDetails } from './person-details';

/** One new person of a bulk write (an applicant import): their details, with an id the caller drew and their locality settled (null for none). */
export type BulkPerson = PersonDetails & { id: string; localityId: string | null };

/** A new person's equality answers, resting on a consent given on `givenOn` (a day; null for today) under the id the caller drew. */
export interface BulkEqualityProfile {
  personId: string;
  consentId: string;
  givenOn: string | null;
  answers: DemographicAnswers;
}

/**
 * Inserts many people in one statement rather than one per person: 5,000 rows are then one round
 * trip. It takes one array per column and unnests them side by side.
 */
export async function insertPeopleInBulk(manager: EntityManager, organisationId: string, people: BulkPerson[]): Promise<void> {
  const column = <T>(pick: (p: BulkPerson) => T) => people.map(pick);
  await queryNamed(
    manager,
    `INSERT INTO people (organisation_id, id, name, preferred_name, email, phone, postcode, address, locality_id, date_of_birth, contact_preferences)
     SELECT :org, r.id, r.name, r.preferred_name, r.email, r.phone, r.postcode, r.address, r.locality_id, r.date_of_birth, string_to_array(r.channels, ',')
       FROM unnest(:ids::uuid[], :names::text[], :preferredNames::text[], :emails::text[], :phones::text[], :postcodes::text[], :addresses::text[], :localityIds::uuid[], :datesOfBirth::date[], :channels::text[])
            AS r(id, name, preferred_name, email, phone, postcode, address, locality_id, date_of_birth, channels)`,
    {
      org: organisationId,
      ids: column((p) => p.id),
      names: column((p) => p.name),
      preferredNames: column((p) => p.preferredName ?? null),
      emails: column((p) => p.email ?? null),
      phones: column((p) => p.phone ?? null),
      postcodes: column((p) => p.postcode ?? null),
      addresses: column((p) => p.address ?? null),
      localityIds: column((p) => p.localityId),
      datesOfBirth: column((p) => p.dateOfBirth ?? null),
      channels: column((p) => (p.contactPreferences ?? []).join(',')),
    },
  );
}

/**
 * Equality answers of many new people, each resting on a consent of its own recorded first (a
 * profile never exists without one), in the product's wording, taken by `recordedBy` at import.
 * Two statements however many rows.
 */
export async function insertEqualityProfilesInBulk(manager: EntityManager, organisationId: string, recordedBy: string, rows: BulkEqualityProfile[]): Promise<void> {
  if (!rows.length) return;
  await queryNamed(
    manager,
    `INSERT INTO consents (organisation_id, id, person_id, purpose, wording, method, given_at, recorded_by)
     SELECT :org, r.id, r.person_id, 'demographic-monitoring', :wording, 'import', coalesce((r.given_on + time '12:00') AT TIME ZONE 'UTC', now()), :recordedBy
       FROM unnest(:consentIds::uuid[], :personIds::uuid[], :givenOn::date[]) AS r(id, person_id, given_on)`,
    { org: organisationId, consentIds: rows.map((r) => r.consentId), personIds: rows.map((r) => r.personId), wording: EQUALITY_CONSENT_WORDING, recordedBy, givenOn: rows.map((r) => r.givenOn) },
  );
  // Every answer column side by side; lived experience (a list) is not imported, so it stays unrecorded.
  const single = ANSWER_FIELDS.map((field, i) => ({ field, column: ANSWER_COLUMNS[i] })).filter((f) => f.field !== 'livedExperience');
  await queryNamed(
    manager,
    `INSERT INTO demographic_profiles (organisation_id, person_id, consent_id, ${single.map((f) => f.column).join(', ')})
     SELECT :org, r.person_id, r.consent_id, ${single.map((f) => `r.${f.column}`).join(', ')}
       FROM unnest(:personIds::uuid[], :consentIds::uuid[], ${single.map((f) => `:${f.field}::text[]`).join(', ')}) AS r(person_id, consent_id, ${single.map((f) => f.column).join(', ')})`,
    {
      ...Object.fromEntries(single.map((f) => [f.field, rows.map((r) => (r.answers[f.field] as string | undefined) ?? null)])),
      org: organisationId,
      personIds: rows.map((r) => r.personId),
      consentIds: rows.map((r) => r.consentId),
    },
  );
}

/** What a row of a file is matched on; null where the row lacks it (no name key without a date of birth). */
export interface PersonMatchKey {
  row: number;
  /** Lower case. */
  email: string | null;
  digits: string | null;
  /** Lower case. */
  name: string | null;
  born: string | null;
}

export interface PersonMatch {
  row: number;
  field: 'email' | 'phone' | 'nameAndDateOfBirth';
  personId: string;
  name: string;
}

/**
 * People already recorded who share a row's email (in any case), phone digits, or name and date of
 * birth (anonymised records excepted), ordered by row, field and name. Two equality joins rather
 * than one on "email or phone", so each can use its index.
 */
export function peopleMatchingRows(manager: EntityManager, organisationId: string, keys: PersonMatchKey[]): Promise<PersonMatch[]> {
  return queryNamed(
    manager,
    `WITH r AS (SELECT * FROM unnest(:rows::int[], :emails::text[], :digits::text[], :names::text[], :born::date[]) AS r(n, email, digits, name, born)),
          m AS (SELECT r.n, 'email' AS field, p.id, p.name FROM r JOIN people p ON p.organisation_id = :org AND lower(p.email) = r.email
                UNION ALL
                SELECT r.n, 'phone', p.id, p.name FROM r JOIN people p ON p.organisation_id = :org AND p.phone_digits = r.digits
                UNION ALL
                SELECT r.n, 'nameAndDateOfBirth', p.id, p.name FROM r JOIN people p ON p.organisation_id = :org AND lower(p.name) = r.name AND p.date_of_birth = r.born AND p.anonymised_at IS NULL)
     SELECT m.n AS "row", m.field, m.id AS "personId", m.name FROM m ORDER BY m.n, m.field, m.name`,
    { org: organisationId, rows: keys.map((k) => k.row), emails: keys.map((k) => k.email), digits: keys.map((k) => k.digits), names: keys.map((k) => k.name), born: keys.map((k) => k.born) },
  );
}
