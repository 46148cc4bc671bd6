import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, queryNamed, Tenancy } from '@steppingstone/core';
import { Consent } from '../entities/consent.entity';
import { DemographicProfile } from '../entities/demographic-profile.entity';
import { assertNotAnonymised, People } from '../people';
import { PeopleError, PeopleErrorCode as Code } from '../people.error';
import { ageRuleProblems, checkConsentStatement, checkDemographicAnswers, ConsentStatement, DemographicAnswers } from './demographic-answers';
import { WRITE_INS, WriteIn } from './demographic-categories';

/** What GET /people/:id/demographics answers: the profile (null when none is held) and the consent it rests on. */
export interface DemographicProfileView {
  personId: string;
  profile: (DemographicAnswers & { updatedAt: Date }) | null;
  consent: Consent | null;
}

export const ANSWER_FIELDS = [
  'sex',
  'ageBand',
  'genderIdentity',
  'genderIdentityOther',
  'sexualOrientation',
  'sexualOrientationOther',
  'ethnicity',
  'ethnicityOther',
  'disability',
  'religion',
  'religionOther',
  'englishProficiency',
  'mainLanguage',
  'livedExperience',
] as const;

/** Language and lived experience are recorded by staff only; an applicant's own equality step asks the rest. */
const STAFF_ONLY_ANSWERS = ['englishProficiency', 'mainLanguage', 'livedExperience'] as const;

export type PublicAnswerField = Exclude<(typeof ANSWER_FIELDS)[number], (typeof STAFF_ONLY_ANSWERS)[number]>;

/** The questions an applicant answers for themselves, in the order they are asked. */
export const PUBLIC_ANSWER_FIELDS: readonly PublicAnswerField[] = ANSWER_FIELDS.filter((field): field is PublicAnswerField => !(STAFF_ONLY_ANSWERS as readonly string[]).includes(field));

/**
 * Special-category data (UK GDPR art. 9). Stored only together with the consent it rests on; every
 * read for a person is written to the audit log, in the same transaction as the read.
 */
@Injectable()
export class DemographicProfiles {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
  ) {}

  /** Records (or replaces) a person's profile with the consent given for it. */
  record(actor: Actor, personId: string, answers: DemographicAnswers, consent: ConsentStatement | undefined): Promise<DemographicProfileView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      assertNotAnonymised(await this.people.find(manager, actor.organisationId, personId, true));
      const profile = await this.store(manager, actor.organisationId, personId, answers, consent, actor.userId);
      const answered = ANSWER_FIELDS.filter((field) => answers[field] !== undefined && answers[field] !== null);
      // Which questions were answered, never the answers: the audit log is read more widely than the profile.
      await this.audit.record(manager, actor, { action: 'person.demographics.recorded', entityType: 'person', entityId: personId, details: { consentId: profile.consentId, answered } });
      return this.view(manager, actor.organisationId, personId);
    });
  }

  /**
   * Inside the caller's transaction, for a person the caller has already found or inserted (the
   * public form stores the applicant, the consent and the profile together). The consent and the
   * profile go in one statement, the consent first, so the profile can never exist without one.
   * `dateOfBirth`, when the caller already holds it, spares reading it again for the age rule.
   */
  async store(
    manager: EntityManager,
    organisationId: string,
    personId: string,
    answers: DemographicAnswers,
    consent: ConsentStatement | undefined,
    recordedBy: string | null,
    known: { dateOfBirth: string | null } | undefined = undefined,
  ): Promise<{ consentId: string }> {
    if (!consent) {
      throw new PeopleError(Code.ConsentRequired, 'A demographic profile is stored only with the person’s consent: send what they agreed to, how and when', [
        { field: 'consent', rule: 'required', message: 'consent must record the wording agreed to, the method and when it was given' },
      ]);
    }
    const consentProblems = checkConsentStatement(consent);
    if (consentProblems.length) throw new PeopleError(Code.InvalidConsent, `Invalid ${consentProblems.map((p) => p.field).join(', ')}`, consentProblems);
    await this.assertAnswers(manager, organisationId, personId, answers, known);

    const consentId = randomUUID();
    const values = Object.fromEntries(ANSWER_FIELDS.map((field) => [field, tidyAnswer(answers[field])]));
    // A PUT states the whole profile: questions left out are "not recorded", not "unchanged".
    await queryNamed(
      manager,
      `WITH consent AS (
         INSERT INTO consents (organisation_id, id, person_id, purpose, wording, method, given_at, recorded_by)
         VALUES (:org, :consentId, :personId, 'demographic-monitoring', :wording, :method, :givenAt, :recordedBy) RETURNING id)
       INSERT INTO demographic_profiles (organisation_id, person_id, consent_id, ${ANSWER_COLUMNS.join(', ')}, updated_at)
       SELECT :org, :personId, consent.id, ${ANSWER_FIELDS.map((field) => `:${field}${field === 'livedExperience' ? '::text[]' : ''}`).join(', ')}, now() FROM consent
       ON CONFLICT (organisation_id, person_id) DO UPDATE SET ${[...ANSWER_COLUMNS, 'consent_id', 'updated_at'].map((column) => `${column} = excluded.${column}`).join(', ')}`,
      { ...values, org: organisationId, consentId, personId, wording: consent.wording.trim(), method: consent.method, givenAt: new Date(consent.givenAt), recordedBy },
    );
    return { consentId };
  }

  /**
   * Corrects answers on a profile that rests on a standing consent (a typing slip, a changed answer
   * the person asked for): only the fields sent change, null clears one, and a write-in whose answer
   * changed goes unless it is sent again. With no standing consent there is nothing to correct: the
   * profile is recorded afresh, with consent, by `record`.
   */
  correct(actor: Actor, personId: string, changes: DemographicAnswers): Promise<DemographicProfileView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const organisationId = actor.organisationId;
      assertNotAnonymised(await this.people.find(manager, organisationId, personId, true));
      const profile = await manager.findOne(DemographicProfile, { where: { organisationId, personId }, lock: { mode: 'pessimistic_write' } });
      const consent = profile && (await manager.findOneBy(Consent, { organisationId, id: profile.consentId }));
      if (!profile || !consent || consent.withdrawnAt) {
        throw new PeopleError(Code.ConsentRequired, 'There is no demographic profile resting on a standing consent to correct: record the answers with the person’s consent instead (PUT)', [
          { field: 'consent', rule: 'standingConsent', message: 'the person has no demographic-monitoring consent in force' },
        ]);
      }
      const sent = ANSWER_FIELDS.filter((field) => changes[field] !== undefined);
      const dropped = (Object.keys(WRITE_INS) as WriteIn[]).filter(
        (writeIn) => !sent.includes(writeIn) && sent.includes(WRITE_INS[writeIn].question) && changes[WRITE_INS[writeIn].question] !== profile[WRITE_INS[writeIn].question],
      );
      const merged = {
        ...answersOf(profile),
        ...Object.fromEntries(sent.map((field) => [field, tidyAnswer(changes[field])])),
        ...Object.fromEntries(dropped.map((field) => [field, null])),
      } as DemographicAnswers;
      await this.assertAnswers(manager, organisationId, personId, merged);
      const changed = [...sent, ...dropped].filter((field) => JSON.stringify(merged[field] ?? null) !== JSON.stringify(profile[field] ?? null));
      if (changed.length) {
        await manager.update(DemographicProfile, { organisationId, personId }, { ...Object.fromEntries(changed.map((field) => [field, merged[field] ?? null])), updatedAt: () => 'now()' });
      }
      // Which answers changed, never what they say.
      await this.audit.record(manager, actor, { action: 'person.demographics.corrected', entityType: 'person', entityId: personId, details: { consentId: consent.id, changed } });
      return this.view(manager, organisationId, personId);
    });
  }

  /** Reads one person's profile for someone who asked to see it; the read is audit-logged. */
  read(actor: Actor, personId: string): Promise<DemographicProfileView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.people.find(manager, actor.organisationId, personId);
      const view = await this.view(manager, actor.organisationId, personId);
      await this.audit.record(manager, actor, { action: 'person.demographics.read', entityType: 'person', entityId: personId, details: { held: view.profile !== null } });
      return view;
    });
  }

  /**
   * Profiles of many people at once, for aggregate analysis (representativeness of a pool or a
   * cohort). Only profiles whose consent stands are returned. People without a profile are simply
   * absent. The caller records one audit entry for the analysis it runs with them.
   */
  async profilesFor(manager: EntityManager, organisationId: string, personIds: string[]): Promise<DemographicProfile[]> {
    if (!personIds.length) return [];
    return manager
      .createQueryBuilder(DemographicProfile, 'd')
      .innerJoin(Consent, 'c', 'c.organisation_id = d.organisation_id AND c.id = d.consent_id AND c.withdrawn_at IS NULL')
      .where('d.organisation_id = :organisationId', { organisationId })
      .andWhere('d.person_id = ANY(:personIds::uuid[])', { personIds: [...new Set(personIds)] })
      .getMany();
  }

  /** Every rule an answer set must meet, the age rule read against the person's date of birth. */
  private async assertAnswers(manager: EntityManager, organisationId: string, personId: string, answers: DemographicAnswers, known?: { dateOfBirth: string | null }): Promise<void> {
    const problems = checkDemographicAnswers(answers);
    const dateOfBirth = known
      ? known.dateOfBirth
      : ((await manager.query(`SELECT to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM people WHERE organisation_id = $1 AND id = $2`, [organisationId, personId]))[0]?.date_of_birth ??
        null);
    problems.push(...ageRuleProblems(answers, dateOfBirth));
    if (problems.length) throw new PeopleError(Code.InvalidDemographicAnswer, `Invalid ${problems.map((p) => p.field).join(', ')}`, problems);
  }

  /** The profile and the consent it rests on, inside the caller's transaction; the caller audit-logs the read (the person reading their own need not be). */
  async view(manager: EntityManager, organisationId: string, personId: string): Promise<DemographicProfileView> {
    const profile = await manager.findOneBy(DemographicProfile, { organisationId, personId });
    if (!profile) return { personId, profile: null, consent: null };
    const consent = await manager.findOneByOrFail(Consent, { organisationId, id: profile.consentId });
    return { personId, profile: { ...answersOf(profile), updatedAt: profile.updatedAt }, consent };
  }
}

function answersOf(profile: DemographicProfile): DemographicAnswers {
  return Object.fromEntries(ANSWER_FIELDS.map((field) => [field, profile[field]])) as DemographicAnswers;
}

/** The profile's columns, in ANSWER_FIELDS order. */
export const ANSWER_COLUMNS = ANSWER_FIELDS.map((field) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));

function tidyAnswer(value: string | string[] | null | undefined): string | string[] | null {
  if (typeof value === 'string') return value.trim() || null;
  return value ?? null;
}
