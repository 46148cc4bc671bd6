import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import {
  ANSWER_FIELDS,
  Consent,
  Consents,
  ContactChannel,
  DemographicAnswers,
  DemographicProfile,
  DemographicProfiles,
  DemographicProfileView,
  EQUALITY_CONSENT_WORDING,
  ExportPersonData,
  People,
  Person,
  PersonDetails,
} from '@steppingstone/people';
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
      const standing = await manager.findOne(Consent, { where: { organisationId, personId: person.id, purpose: 'contact', withdrawnAt: IsNull() }, order: { givenAt: 'DESC' } });
      if (standing) return { consent: standing, created: false };
      const id = randomUUID();
      // recordedBy stays null: the person gave it themselves, online (the audit entry names their login).
      await manager.insert(Consent, {
        organisationId,
        id,
        personId: person.id,
        purpose: 'contact',
        wording: MY_CONTACT_CONSENT_WORDING,
        method: 'online-form',
        givenAt: new Date(),
        recordedBy: null,
        withdrawnAt: null,
        withdrawnBy: null,
      });
      await this.audit.record(manager, actor, { action: 'consent.given', entityType: 'consent', entityId: id, details: { personId: person.id, purpose: 'contact', bySelf: true } });
      return { consent: await manager.findOneByOrFail(Consent, { organisationId, id }), created: true };
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
      return { personId: person.id, ...(await this.profileOf(manager, organisationId, person.id)) };
    });
  }

  /** Everything held about the person, without internal ids, ready for the JSON, CSV and HTML files. The export is audit-logged. */
  async document(actor: Actor): Promise<MyDataDocument> {
    const exported = await this.exporter.run(actor, await this.myId(actor));
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const personId = exported.person.id;
      const [{ organisation, locality }]: Array<{ organisation: string; locality: string | null }> = await manager.query(
        `SELECT o.name AS organisation, (SELECT l.name FROM localities l WHERE l.organisation_id = $1 AND l.id = $2) AS locality FROM organisations o WHERE o.id = $1`,
        [org, exported.person.localityId],
      );
      return buildMyDataDocument({ organisation, localityName: locality, exported, field: await fieldRecords(manager, org, personId) });
    });
  }

  private async myId(actor: Actor): Promise<string> {
    return (await this.tenancy.run(actor.organisationId, (manager) => linkedPersonOf(manager, actor))).id;
  }

  private async view(manager: EntityManager, actor: Actor, person: Person): Promise<MyDetailsView> {
    const [row]: Array<{ name: string }> = person.localityId
      ? await manager.query(`SELECT name FROM localities WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, person.localityId])
      : [];
    return {
      name: person.name,
      preferredName: person.preferredName,
      email: person.email,
      phone: person.phone,
      postcode: person.postcode,
      address: person.address,
      locality: row?.name ?? null,
      dateOfBirth: person.dateOfBirth,
      contactPreferences: person.contactPreferences,
      updatedAt: person.updatedAt,
      version: person.version,
    };
  }

  private async profileOf(manager: EntityManager, organisationId: string, personId: string): Promise<Omit<DemographicProfileView, 'personId'>> {
    const profile = await manager.findOneBy(DemographicProfile, { organisationId, personId });
    if (!profile) return { profile: null, consent: null };
    const consent = await manager.findOneByOrFail(Consent, { organisationId, id: profile.consentId });
    const answers = Object.fromEntries(ANSWER_FIELDS.map((field) => [field, profile[field] ?? null])) as DemographicAnswers;
    return { profile: { ...answers, updatedAt: profile.updatedAt }, consent };
  }
}

/** What the field-work tables hold about the person, for their own copy: no ids, no staff notes. */
async function fieldRecords(manager: EntityManager, organisationId: string, personId: string): Promise<FieldRecords> {
  const [row]: FieldRecords[] = await manager.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('occurredOn', a.occurred_on, 'minutes', a.minutes, 'kind', a.kind, 'peopleReached', a.people_reached, 'note', a.note, 'status', a.status) ORDER BY a.occurred_on, a.created_at), '[]')
          FROM activity_entries a WHERE a.organisation_id = $1 AND a.person_id = $2) AS activity,
       (SELECT coalesce(json_agg(json_build_object('incurredOn', e.incurred_on, 'category', e.category, 'description', e.description, 'miles', e.miles, 'amountPence', e.amount_pence, 'status', e.status) ORDER BY e.incurred_on, e.created_at), '[]')
          FROM expense_claims e WHERE e.organisation_id = $1 AND e.person_id = $2) AS expenses,
       (SELECT coalesce(json_agg(json_build_object('kind', c.kind, 'dbsLevel', c.dbs_level, 'barredList', c.barred_list, 'title', c.title, 'checkedOn', c.checked_on, 'expiresOn', c.expires_on, 'evidenceSeenBy', c.evidence_seen_by) ORDER BY c.checked_on, c.created_at), '[]')
          FROM safety_checks c WHERE c.organisation_id = $1 AND c.person_id = $2) AS checks`,
    [organisationId, personId],
  );
  return row;
}
