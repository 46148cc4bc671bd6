import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { isMember } from '@steppingstone/organisations';
import { ConsentMethod, DemographicAnswers, DemographicProfiles, EQUALITY_CONSENT_WORDING, insertConsent, People, PersonDetails } from '@steppingstone/people';
import { Application, ApplicationChannel, ApplicationSource } from '../entities/application.entity';
import { Intakes } from '../intakes/intakes';
import { ReferralPartners } from '../partners/referral-partners';
import { CONTACT_CONSENT_WORDING } from '../public-applications/public-intake';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { Applications } from './applications';

/** A consent as it was given on paper or over the phone: how, the date it bears, and the staff member who took it. */
export interface PaperConsent {
  method: Extract<ConsentMethod, 'paper-form' | 'verbal'>;
  /** The date on the paper form, or of the call. */
  givenOn: string;
  /** The member of staff who took it; default the person entering it. */
  takenBy?: string;
  /** The words the person agreed to, when the paper's differ from the product's. */
  wording?: string;
}

export interface EnteredApplicationInput {
  intakeId: string;
  channel: Extract<ApplicationChannel, 'phone' | 'paper' | 'in-person'>;
  receivedOn: string;
  source?: ApplicationSource;
  partnerId?: string;
  partnerCode?: string;
  referrer?: string | null;
  person: PersonDetails;
  allowDuplicate?: boolean;
  contactConsent: PaperConsent;
  /** The equality answers, when the form carried them, with the consent it carried for them. */
  equality?: { consent: PaperConsent; answers: DemographicAnswers };
}

export interface EnteredApplication extends Application {
  equalityRecorded: boolean;
}

/**
 * A coordinator enters an application that came by phone, on paper or in person: the person (a
 * likely duplicate is refused unless allowed), their consent to be contacted as it was given, the
 * application with its channel, arrival date and partner, and the equality answers with their own
 * consent when the form carried them. One transaction, audit-logged.
 */
@Injectable()
export class EnterApplication {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
    private readonly profiles: DemographicProfiles,
    private readonly applications: Applications,
    private readonly intakes: Intakes,
    private readonly partners: ReferralPartners,
  ) {}

  run(actor: Actor, input: EnteredApplicationInput): Promise<EnteredApplication> {
    const organisationId = actor.organisationId;
    return this.tenancy.run(organisationId, async (manager) => {
      const intake = await this.intakes.find(manager, organisationId, input.intakeId);
      if (intake.status === 'archived') {
        throw new RecruitmentError(Code.IntakeNotOpen, 'This intake is archived; applications cannot be entered into it', [
          { field: 'intakeId', rule: 'notArchived', message: 'intakeId must be an intake that is not archived' },
        ]);
      }
      const partnerId = await this.partnerOf(manager, organisationId, input);
      const contactTakenBy = await this.member(manager, organisationId, input.contactConsent.takenBy, 'contactConsent.takenBy', actor.userId);
      const equalityTakenBy = input.equality ? await this.member(manager, organisationId, input.equality.consent.takenBy, 'equality.consent.takenBy', actor.userId) : null;

      const person = await this.people.insert(manager, organisationId, input.person, { allowDuplicate: input.allowDuplicate });
      await insertConsent(manager, organisationId, randomUUID(), {
        personId: person.id,
        purpose: 'contact',
        wording: input.contactConsent.wording?.trim() || CONTACT_CONSENT_WORDING,
        method: input.contactConsent.method,
        givenAt: onDay(input.contactConsent.givenOn),
        recordedBy: contactTakenBy,
      });
      const source = input.source ?? (partnerId ? 'referral' : 'coordinator');
      const application = await this.applications.insert(
        manager,
        organisationId,
        { intakeId: intake.id, personId: person.id, source, referrer: input.referrer ?? null, partnerId, channel: input.channel, receivedOn: input.receivedOn },
        actor.userId,
        { personIsNew: true },
      );
      await this.audit.record(manager, actor, {
        action: 'application.created',
        entityType: 'application',
        entityId: application.id,
        details: { intakeId: intake.id, source, channel: input.channel, partnerId, receivedOn: input.receivedOn, personId: person.id },
      });
      if (input.equality) {
        const { consent, answers } = input.equality;
        const profile = await this.profiles.store(
          manager,
          organisationId,
          person.id,
          answers,
          { wording: consent.wording?.trim() || EQUALITY_CONSENT_WORDING, method: consent.method, givenAt: onDay(consent.givenOn) },
          equalityTakenBy,
        );
        const answered = Object.keys(answers).filter((k) => answers[k as keyof DemographicAnswers] !== undefined && answers[k as keyof DemographicAnswers] !== null);
        await this.audit.record(manager, actor, {
          action: 'person.demographics.recorded',
          entityType: 'person',
          entityId: person.id,
          details: { consentId: profile.consentId, answered, via: input.channel },
        });
      }
      return { ...application, equalityRecorded: Boolean(input.equality) };
    });
  }

  private async partnerOf(manager: EntityManager, organisationId: string, input: EnteredApplicationInput): Promise<string | null> {
    if (input.partnerId) return (await this.partners.find(manager, organisationId, input.partnerId, false, 'partnerId')).id;
    if (input.partnerCode) return (await this.partners.byCode(manager, organisationId, input.partnerCode, 'partnerCode')).id;
    return null;
  }

  /** Whoever took a consent must be a member of staff here; another organisation's user is not found. */
  private async member(manager: EntityManager, organisationId: string, userId: string | undefined, field: string, fallback: string): Promise<string> {
    if (!userId || userId === fallback) return fallback;
    if (!(await isMember(manager, organisationId, userId)))
      throw new RecruitmentError(Code.UnknownMember, `${field} must be a member of this organisation`, [
        { field, rule: 'member', message: `${field} must be the user id of a member of this organisation` },
      ]);
    return userId;
  }
}

/** A date on paper is a day, not an instant: midday UTC keeps it on that day in UK time, or now if that is still to come today. */
function onDay(day: string): Date {
  return new Date(Math.min(Date.parse(`${day}T12:00:00Z`), Date.now()));
}
