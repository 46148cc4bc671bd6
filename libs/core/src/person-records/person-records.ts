import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The libs that hold records about a person outside the people lib, in the order their handlers
 * run. The order is the foreign keys': enrolments point at applications, so cohorts goes before
 * recruitment; the delivery log refers to no one and goes last.
 */
export const PERSON_RECORD_OWNERS = ['cohorts', 'placements', 'progression', 'recruitment', 'notifications'] as const;
export type PersonRecordOwner = (typeof PERSON_RECORD_OWNERS)[number];

/** The person a handler is told about; the email is what the delivery log knows them by. */
export interface PersonRef {
  id: string;
  email: string | null;
}

/** How many rows a handler changed, by the name the outcome and audit entry report them under. */
export type PersonRecordCounts = Record<string, number>;

/**
 * What one lib does with its own records when something happens to a person. Every method runs
 * inside the caller's tenant transaction (the `manager` given), so a merge or an erasure is still
 * all or nothing; a method a lib has nothing to do for is left out.
 */
export interface PersonRecordsHandler {
  readonly owner: PersonRecordOwner;
  /** The duplicate `fromId` is being folded into `intoId`, and will be deleted once every handler has run. */
  merged?(manager: EntityManager, organisationId: string, fromId: string, intoId: string): Promise<PersonRecordCounts>;
  /** The person is being erased and will be deleted once every handler has run. */
  erased?(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts>;
  /** The person is being anonymised: the rows stay, whatever identifies them goes. */
  anonymised?(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void>;
  /**
   * The lib's part of a subject access export, as named sections of the document. A section that
   * is a plain object is merged one level deep with other handlers' sections of the same name.
   */
  exported?(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean }): Promise<Record<string, unknown>>;
  /**
   * The lib's part of a person's last activity, for retention: a SELECT of (person_id, at) rows,
   * one for each moment something was recorded about a person in `scope` (a relation of the
   * people in question with column `id`), where $1 is the organisation. The caller unions the
   * parts into one statement, so a sweep over every person stays one query.
   */
  activitySql?(): string[];
}

/**
 * Every lib's person-records handler. Each owning lib registers its own when its module starts;
 * the people lib runs them and so never names another lib's tables. Asking for the handlers fails
 * when an owner has not registered, so a process that left a lib out cannot half-erase a person.
 */
@Injectable()
export class PersonRecords {
  private readonly registered = new Map<PersonRecordOwner, PersonRecordsHandler>();

  register(handler: PersonRecordsHandler): void {
    if (this.registered.has(handler.owner)) throw new Error(`Two person-records handlers for ${handler.owner}`);
    this.registered.set(handler.owner, handler);
  }

  /** In PERSON_RECORD_OWNERS order. */
  handlers(): PersonRecordsHandler[] {
    const missing = PERSON_RECORD_OWNERS.filter((owner) => !this.registered.has(owner));
    if (missing.length) throw new Error(`No person-records handler registered for ${missing.join(', ')}: import their modules in this process`);
    return PERSON_RECORD_OWNERS.map((owner) => this.registered.get(owner)!);
  }

  async merged(manager: EntityManager, organisationId: string, fromId: string, intoId: string): Promise<PersonRecordCounts> {
    const counts: PersonRecordCounts = {};
    for (const handler of this.handlers()) Object.assign(counts, await handler.merged?.(manager, organisationId, fromId, intoId));
    return counts;
  }

  async erased(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts> {
    const counts: PersonRecordCounts = {};
    for (const handler of this.handlers()) Object.assign(counts, await handler.erased?.(manager, organisationId, person));
    return counts;
  }

  async anonymised(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void> {
    for (const handler of this.handlers()) await handler.anonymised?.(manager, organisationId, person);
  }

  async exported(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean }): Promise<Record<string, unknown>> {
    const document: Record<string, unknown> = {};
    for (const handler of this.handlers()) {
      const sections = (await handler.exported?.(manager, organisationId, personId, options)) ?? {};
      for (const [name, section] of Object.entries(sections)) {
        const before = document[name];
        document[name] = isPlainObject(before) && isPlainObject(section) ? { ...before, ...section } : section;
      }
    }
    return document;
  }

  activitySql(): string[] {
    return this.handlers().flatMap((handler) => handler.activitySql?.() ?? []);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Imported by the people lib and by every owning lib; a module imported many times is one
 * instance, so they all share one registry.
 */
@Module({ providers: [PersonRecords], exports: [PersonRecords] })
export class PersonRecordsModule {}
