import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { localityName, localityNameSql } from '@steppingstone/areas';
import { Actor, AuditLog, queryNamed, Tenancy } from '@steppingstone/core';
import { personActivityJsonSql, personExpensesJsonSql } from '@steppingstone/field';
import { organisationNameSql } from '@steppingstone/organisations';
import {
  ANSWER_FIELDS,
  Consent,
  consentById,
  Consents,
  ContactChannel,
  DemographicAnswers,
  DemographicProfiles,
  DemographicProfileView,
  EQUALITY_CONSENT_WORDING,
  ExportPersonData,
  insertConsent,
  People,
  Person,
  PersonDetails,
  standingConsent,
} from '@steppingstone/people';
import { personSafetyChecksJsonSql } from '@steppingstone/placements';
import { buildMyDataDocument, FieldRecords, MyDataDocument } from './my-data-document';
import { linkedPersonOf } from './my-records';

/** What a participant may change about themselves: how to reach them, and how they like to be reached. Name, date of birth and locality stay with staff. */
export type MyContactChanges = Pick<PersonDetails, 'preferredName' | 'email' | 'phone' | 'postcode' | 'address' | 'contactPreferences'>;

/** The wording a participant agrees to when they give consent to be contacted themselves. */
export const MY_CONTACT_CONSENT_WORDING = 'I agree that the organisation may contact me about the programme, my training, placement and work, in the ways I have chosen.';

export interface MyDetailsView {
  name: string;
  preferredName: string | null;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  address: string | null;
  locality: string | null;
  dateOfBirth: string | null;
  contactPreferences: ContactChannel[];
  updatedAt: Date;
  /** Send back on PATCH to be told when someone else (a coordinator) saved in between. */
  version: number;
}

/**
 * A participant's own contact details, consents and equality answers, changed by themselves under
 * /me with the same rules and audit entries as a member of staff's edits: the person is always the
 * one linked to the login, never one named in the request.
 */
@Injectable()
export class MyDetails {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
    private readonly consents: Consents,
    private readonly profiles: DemographicProfiles,
    private readonly exporter: ExportPersonData,
  ) {}

  get(actor: Actor): Promise<MyDetailsView> {
    return this.tenancy.run(actor.organisationId, async (manager) => this.view(manager, actor, await this.people.find(manager, actor.organisationId, (await linkedPersonOf(manager, actor)).id)));
  }

  async update(actor: Actor, changes: MyContactChanges, version?: number): Promise<MyDetailsView> {
    const person = await this.people.update(actor, await this.myId(actor), changes, version);
    return this.tenancy.run(actor.organisationId, (manager) => this.view(manager, actor, person));
  }

  /** Consent to be contacted, given by the person online. A consent that already stands is answered as it is. */
  giveContactConsent(actor: Actor): Promise<{ consent: Consent; created: boolean }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const organisationId = actor.organisationId;
      const person = await this.people.find(manager, organisationId, (await linkedPersonOf(manager, actor)).id, true);
      const standing = await standingConsent(manager, organisationId, person.id, 'contact');
      if (standing) return { consent: standing, created: false };
      const id = randomUUID();
      // recordedBy stays null: the person gave it themselves, online (the audit entry names their login).
      await insertConsent(manager, organisationId, id, {
        personId: person.id,
        purpose: 'contact',
        wording: MY_CONTACT_CONSENT_WORDING,
        method: 'online-form',
        givenAt: new Date(),
        recordedBy: null,
      });
      await this.audit.record(manager, actor, { action: 'consent.given', entityType: 'consent', entityId: id, details: { personId: person.id, purpose: 'contact', bySelf: true } });
      return { consent: (await consentById(manager, organisationId, id))!, created: true };
    });
  }

  /** The staff path's withdrawal, for the person's own consents only: what rested on it goes in the same transaction. */
  async withdraw(actor: Actor, consentId: string): Promise<Consent> {
    return this.consents.withdraw(actor, await this.myId(actor), consentId);
  }

  /** The person's own equality answers; the read is audit-logged as any read of them is. */
  async demographics(actor: Actor): Promise<DemographicProfileView> {
    return this.profiles.read(actor, await this.myId(actor));
  }

  /**
   * The person answers the equality questions and gives their consent for them at once, in the
   * product's own wording: the staff path's rules (census answers, write-ins, the age rule) apply.
   */
  recordDemographics(actor: Actor, answers: DemographicAnswers): Promise<DemographicProfileView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const organisationId = actor.organisationId;
      const person = await this.people.find(manager, organisationId, (await linkedPersonOf(manager, actor)).id, true);
      const { consentId } = await this.profiles.store(manager, organisationId, person.id, answers, { wording: EQUALITY_CONSENT_WORDING, method: 'online-form', givenAt: new Date() }, null, {
        dateOfBirth: person.dateOfBirth,
      });
      const answered = ANSWER_FIELDS.filter((field) => answers[field] !== undefined && answers[field] !== null);
      await this.audit.record(manager, actor, { action: 'person.demographics.recorded', entityType: 'person', entityId: person.id, details: { consentId, answered, bySelf: true } });
      return this.profiles.view(manager, organisationId, person.id);
    });
  }

  /** Everything held about the person, without internal ids, ready for the JSON, CSV and HTML files. The export is audit-logged. */
  async document(actor: Actor): Promise<MyDataDocument> {
    const exported = await this.exporter.run(actor, await this.myId(actor));
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const personId = exported.person.id;
      const [{ organisation, locality }]: Array<{ organisation: string; locality: string | null }> = await queryNamed(
        manager,
        `SELECT ${organisationNameSql(':org')} AS organisation, ${localityNameSql(':org', ':localityId')} AS locality`,
        { org, localityId: exported.person.localityId },
      );
      return buildMyDataDocument({ organisation, localityName: locality, exported, field: await fieldRecords(manager, org, personId) });
    });
  }

  private async myId(actor: Actor): Promise<string> {
    return (await this.tenancy.run(actor.organisationId, (manager) => linkedPersonOf(manager, actor))).id;
  }

  private async view(manager: EntityManager, actor: Actor, person: Person): Promise<MyDetailsView> {
    const locality = person.localityId ? await localityName(manager, actor.organisationId, person.localityId) : null;
    return {
      name: person.name,
      preferredName: person.preferredName,
      email: person.email,
      phone: person.phone,
      postcode: person.postcode,
      address: person.address,
      locality,
      dateOfBirth: person.dateOfBirth,
      contactPreferences: person.contactPreferences,
      updatedAt: person.updatedAt,
      version: person.version,
    };
  }
}

/** What the field-work tables hold about the person, for their own copy: no ids, no staff notes. */
async function fieldRecords(manager: EntityManager, organisationId: string, personId: string): Promise<FieldRecords> {
  const [row]: FieldRecords[] = await queryNamed(
    manager,
    `SELECT ${personActivityJsonSql(':org', ':personId')} AS activity, ${personExpensesJsonSql(':org', ':personId')} AS expenses, ${personSafetyChecksJsonSql(':org', ':personId')} AS checks`,
    { org: organisationId, personId },
  );
  return row;
}
