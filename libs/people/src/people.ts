import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, escapeLike, Page, Tenancy } from '@steppingstone/core';
import { AreasError, AreasErrorCode, Localities } from '@steppingstone/areas';
import { Person } from './entities/person.entity';
import { PeopleError, PeopleErrorCode as Code } from './people.error';
import { NATIONAL_PHONE_SQL, normalisePersonDetails, PersonDetails, phoneDigitVariants, reachableBy } from './person-details';

/**
 * What two records share: an email (any case), a phone number (any formatting, +44 or 0), or the
 * same name and date of birth, which finds phone-only and paper applicants who gave a different
 * number, or none.
 */
export type DuplicateEvidence = 'email' | 'phone' | 'nameAndDateOfBirth';

export interface DuplicateMatch {
  personId: string;
  name: string;
  matchedOn: DuplicateEvidence[];
}

/** Two records in one organisation that look like the same person, and how to fold one into the other. */
export interface DuplicatePair {
  people: [{ id: string; name: string }, { id: string; name: string }];
  matchedOn: DuplicateEvidence[];
  merge: { method: 'POST'; path: string; body: { duplicateId: string } };
}

export interface PeopleFilter {
  q?: string;
  localityId?: string;
  page: number;
  pageSize: number;
}

/** People's contact records. Special-category data lives in DemographicProfiles, never here. */
@Injectable()
export class People {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly localities: Localities,
  ) {}

  /** Creates a person from the API. A likely duplicate (same email or phone) is refused with the match, unless allowed. */
  create(actor: Actor, details: PersonDetails, options: { allowDuplicate?: boolean } = {}): Promise<Person> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const person = await this.insert(manager, actor.organisationId, details, options);
      await this.audit.record(manager, actor, { action: 'person.created', entityType: 'person', entityId: person.id });
      return person;
    });
  }

  /** Inside the caller's transaction, so an application and its person are stored together or not at all. */
  async insert(manager: EntityManager, organisationId: string, details: PersonDetails, options: { allowDuplicate?: boolean } = {}): Promise<Person> {
    const tidy = normalisePersonDetails(details);
    if (tidy.localityId) await this.assertLocality(manager, organisationId, tidy.localityId);
    if (!options.allowDuplicate) {
      const matches = await this.findDuplicates(manager, organisationId, tidy);
      if (matches.length) {
        throw new PeopleError(
          Code.PossibleDuplicate,
          `This looks like someone already recorded (${matches.map((m) => `${m.name}, same ${m.matchedOn.join(' and ')}`).join('; ')}). Merge the records, or send allowDuplicate: true if they are different people.`,
          matches.flatMap((m) =>
            m.matchedOn.map((field) => ({
              field: field === 'nameAndDateOfBirth' ? 'dateOfBirth' : field,
              rule: 'unique',
              message: `${field === 'nameAndDateOfBirth' ? 'name and dateOfBirth' : field} match person ${m.personId}`,
            })),
          ),
          { duplicates: matches, merge: matches.map((m) => ({ method: 'POST', path: `/people/${m.personId}/merge`, body: { duplicateId: '<the new record>' } })) },
        );
      }
    }
    const person = manager.create(Person, {
      organisationId,
      id: randomUUID(),
      name: tidy.name,
      preferredName: tidy.preferredName ?? null,
      email: tidy.email ?? null,
      phone: tidy.phone ?? null,
      postcode: tidy.postcode ?? null,
      address: tidy.address ?? null,
      localityId: tidy.localityId ?? null,
      dateOfBirth: tidy.dateOfBirth ?? null,
      contactPreferences: tidy.contactPreferences ?? reachableBy(tidy).slice(0, 1),
    });
    await manager.insert(Person, person);
    return manager.findOneByOrFail(Person, { organisationId, id: person.id });
  }

  /** Other people in the organisation with the same email (any case), the same phone digits, or the same name and date of birth. */
  async findDuplicates(manager: EntityManager, organisationId: string, details: Pick<PersonDetails, 'email' | 'phone' | 'name' | 'dateOfBirth'>, excludeId?: string): Promise<DuplicateMatch[]> {
    const email = details.email?.trim().toLowerCase() || null;
    const phones = phoneDigitVariants(details.phone);
    const name = details.name?.trim().replace(/\s+/g, ' ').toLowerCase() || null;
    const born = name && details.dateOfBirth ? details.dateOfBirth : null;
    if (!email && !phones.length && !born) return [];
    const rows: Array<{ id: string; name: string; email_match: boolean; phone_match: boolean; birth_match: boolean }> = await manager.query(
      `SELECT id, name, coalesce(lower(email) = $2, false) AS email_match, coalesce(phone_digits = ANY($3::text[]), false) AS phone_match,
              coalesce(lower(name) = $5 AND date_of_birth = $6::date, false) AS birth_match
         FROM people
        WHERE organisation_id = $1 AND (lower(email) = $2 OR phone_digits = ANY($3::text[]) OR (lower(name) = $5 AND date_of_birth = $6::date)) AND id IS DISTINCT FROM $4
        ORDER BY created_at LIMIT 10`,
      [organisationId, email, phones, excludeId ?? null, born ? name : null, born],
    );
    return rows.map((r) => ({
      personId: r.id,
      name: r.name,
      matchedOn: [...(r.email_match ? ['email' as const] : []), ...(r.phone_match ? ['phone' as const] : []), ...(r.birth_match ? ['nameAndDateOfBirth' as const] : [])],
    }));
  }

  get(actor: Actor, id: string): Promise<Person> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  list(actor: Actor, filter: PeopleFilter): Promise<Page<Person>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const query = manager.createQueryBuilder(Person, 'p').where('p.organisation_id = :org', { org: actor.organisationId });
      if (filter.localityId) query.andWhere('p.locality_id = :locality', { locality: filter.localityId });
      if (filter.q) {
        // A phone call starts with a number: four digits or more also search phone numbers, however typed.
        const digits = filter.q.replace(/[^0-9]/g, '');
        const phone = digits.length >= 4 ? ` OR p.phone_digits LIKE :digits` : '';
        query.andWhere(`(p.name ILIKE :q OR p.email ILIKE :q OR p.postcode ILIKE :q${phone})`, { q: `%${escapeLike(filter.q)}%`, digits: `%${digits}%` });
      }
      const [items, total] = await query
        .orderBy('p.name')
        .addOrderBy('p.id')
        .skip((filter.page - 1) * filter.pageSize)
        .take(filter.pageSize)
        .getManyAndCount();
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }

  /** Changes contact details. With `version`, a stale edit (someone saved in between) is refused. */
  update(actor: Actor, id: string, changes: Partial<PersonDetails>, version?: number): Promise<Person> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const before = await this.find(manager, actor.organisationId, id, true);
      assertNotAnonymised(before);
      if (version !== undefined && version !== before.version) {
        throw new PeopleError(
          Code.StaleVersion,
          'Someone else changed this record since you opened it; reload and try again',
          [{ field: 'version', rule: 'current', message: `version is ${before.version}` }],
          { current: before },
        );
      }
      // Only the fields sent: DTO transforms leave absent fields as undefined keys, which must not clear anything.
      const fields = (Object.keys(changes) as Array<keyof PersonDetails>).filter((field) => changes[field] !== undefined);
      const tidy = normalisePersonDetails({ ...before, ...Object.fromEntries(fields.map((f) => [f, changes[f]])) } as PersonDetails);
      if (changes.localityId) await this.assertLocality(manager, actor.organisationId, changes.localityId);
      const update = Object.fromEntries(fields.map((f) => [f, tidy[f] ?? null]));
      await manager.update(Person, { organisationId: actor.organisationId, id }, { ...update, updatedAt: () => 'now()', version: () => 'version + 1' });
      await this.audit.record(manager, actor, { action: 'person.updated', entityType: 'person', entityId: id, details: { fields } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  /**
   * Every pair of people in the organisation sharing an email (any case), phone digits, or a name
   * and date of birth (anonymised records keep a name and a year only, so they never pair), oldest
   * record first in each pair, which the merge suggestion keeps. Two equality joins rather than one
   * join on "email or phone", so each is a plain hash join; phones compare in their national form.
   */
  duplicatePairs(actor: Actor, page: { page: number; pageSize: number }): Promise<Page<DuplicatePair>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const pairs = `
        WITH matches AS (
          SELECT a.id AS a_id, b.id AS b_id, 'email' AS field FROM people a
            JOIN people b ON b.organisation_id = a.organisation_id AND lower(b.email) = lower(a.email) AND b.id <> a.id
           WHERE a.organisation_id = $1 AND a.email IS NOT NULL
          UNION ALL
          SELECT a.id, b.id, 'phone' FROM people a
            JOIN people b ON b.organisation_id = a.organisation_id AND ${NATIONAL_PHONE_SQL('b.phone_digits')} = ${NATIONAL_PHONE_SQL('a.phone_digits')} AND b.id <> a.id
           WHERE a.organisation_id = $1 AND a.phone_digits IS NOT NULL
          UNION ALL
          SELECT a.id, b.id, 'nameAndDateOfBirth' FROM people a
            JOIN people b ON b.organisation_id = a.organisation_id AND lower(b.name) = lower(a.name) AND b.date_of_birth = a.date_of_birth AND b.id <> a.id
           WHERE a.organisation_id = $1 AND a.date_of_birth IS NOT NULL AND a.anonymised_at IS NULL AND b.anonymised_at IS NULL
        )
        SELECT a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name, array_agg(DISTINCT m.field ORDER BY m.field) AS matched_on
          FROM matches m
          JOIN people a ON a.organisation_id = $1 AND a.id = m.a_id
          JOIN people b ON b.organisation_id = $1 AND b.id = m.b_id
         WHERE (a.created_at, a.id) < (b.created_at, b.id)
         GROUP BY a.id, a.name, a.created_at, b.id, b.name, b.created_at`;
      const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM (${pairs}) p`, [actor.organisationId]);
      const rows: Array<{ a_id: string; a_name: string; b_id: string; b_name: string; matched_on: DuplicateEvidence[] }> = await manager.query(
        `${pairs} ORDER BY a.created_at, a.id, b.created_at, b.id LIMIT $2 OFFSET $3`,
        [actor.organisationId, page.pageSize, (page.page - 1) * page.pageSize],
      );
      const items = rows.map((r): DuplicatePair => ({
        people: [
          { id: r.a_id, name: r.a_name },
          { id: r.b_id, name: r.b_name },
        ],
        matchedOn: r.matched_on,
        merge: { method: 'POST', path: `/people/${r.a_id}/merge`, body: { duplicateId: r.b_id } },
      }));
      return { items, total, page: page.page, pageSize: page.pageSize };
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false): Promise<Person> {
    const person = await manager.findOne(Person, { where: { organisationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!person) throw new PeopleError(Code.PersonNotFound, 'Person not found');
    return person;
  }

  /** An unknown locality in a person's details is a mistake in the request (400 naming the field), not a missing page. */
  private async assertLocality(manager: EntityManager, organisationId: string, localityId: string): Promise<void> {
    try {
      await this.localities.assertExist(manager, organisationId, [localityId], 'localityId');
    } catch (error) {
      if (error instanceof AreasError && error.code === AreasErrorCode.LocalityNotFound) {
        throw new PeopleError(Code.UnknownLocality, "localityId must be one of this organisation's localities", [
          { field: 'localityId', rule: 'localityExists', message: "localityId must be one of this organisation's localities" },
        ]);
      }
      throw error;
    }
  }
}

/** Writing details onto an anonymised record would make it someone again, which retention exists to prevent. */
export function assertNotAnonymised(person: Person): void {
  if (person.anonymisedAt) {
    throw new PeopleError(
      Code.Anonymised,
      `This record was anonymised on ${person.anonymisedAt.toISOString().slice(0, 10)} under the organisation's retention period and can no longer be changed; record the person afresh`,
      [{ field: 'id', rule: 'notAnonymised', message: 'the person was anonymised' }],
    );
  }
}
