import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Actor, AuditLog, ErrorDetail, Tenancy } from '@steppingstone/core';
import { People, PeopleError } from '@steppingstone/people';
import { Applications, intakeFacts, RecruitmentError } from '@steppingstone/recruitment';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { Cohort } from '../entities/cohort.entity';
import { Enrolment } from '../entities/enrolment.entity';
import { CohortAccess } from './cohort-access';

export interface EnrolCommand {
  applicationIds?: string[];
  personIds?: string[];
}

/**
 * Enrols people in a cohort: from accepted applications (which move to `enrolled` in the same
 * transaction, with their history row) or directly by person. All or nothing, within capacity.
 */
@Injectable()
export class EnrolInCohort {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly applications: Applications,
    private readonly people: People,
  ) {}

  run(actor: Actor, cohortId: string, command: EnrolCommand): Promise<Enrolment[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      // Locking the cohort serialises enrolments, so two coordinators cannot both take the last place.
      const cohort = await this.access.cohort(manager, actor, cohortId, true);
      const wanted: Array<{ personId: string; applicationId: string | null; field: string }> = [];

      for (const [i, applicationId] of (command.applicationIds ?? []).entries()) {
        const field = `applicationIds.${i}`;
        const application = await this.applications.find(manager, actor.organisationId, applicationId, true).catch((error) => this.asField(error, field, 'an application of this organisation'));
        await this.checkIntake(manager, cohort, application.intakeId, field);
        if (application.stage !== 'accepted') {
          throw new CohortsError(Code.ApplicationNotAccepted, `${field} is ${application.stage}; only accepted applications can be enrolled`, [
            { field, rule: 'accepted', message: `${field} must be an accepted application` },
          ]);
        }
        await this.applications.moveInTransaction(manager, actor, application, 'enrolled', `Enrolled in cohort ${cohort.name}`);
        wanted.push({ personId: application.personId, applicationId: application.id, field });
      }
      for (const [i, personId] of (command.personIds ?? []).entries()) {
        const field = `personIds.${i}`;
        await this.people.find(manager, actor.organisationId, personId).catch((error) => this.asField(error, field, 'a person of this organisation'));
        wanted.push({ personId, applicationId: null, field });
      }

      await this.checkDuplicates(manager, cohort, wanted);
      const [{ taken }]: Array<{ taken: number }> = await manager.query(`SELECT count(*)::int AS taken FROM enrolments WHERE organisation_id = $1 AND cohort_id = $2 AND status <> 'withdrawn'`, [
        actor.organisationId,
        cohort.id,
      ]);
      if (taken + wanted.length > cohort.capacity) {
        throw new CohortsError(Code.CohortFull, `The cohort has ${cohort.capacity - taken} place(s) left, not ${wanted.length}`, [
          { field: 'capacity', rule: 'withinCapacity', message: `capacity is ${cohort.capacity}; ${taken} already taken` },
        ]);
      }

      const rows = wanted.map((w) => ({ organisationId: actor.organisationId, id: randomUUID(), cohortId: cohort.id, personId: w.personId, applicationId: w.applicationId, enrolledBy: actor.userId }));
      if (rows.length) await manager.insert(Enrolment, rows);
      await this.audit.record(manager, actor, { action: 'cohort.enrolled', entityType: 'cohort', entityId: cohort.id, details: { enrolmentIds: rows.map((r) => r.id) } });
      return rows.length ? manager.find(Enrolment, { where: { organisationId: actor.organisationId, id: In(rows.map((r) => r.id)) }, order: { enrolledAt: 'ASC' } }) : [];
    });
  }

  private async checkIntake(manager: EntityManager, cohort: Cohort, intakeId: string, field: string): Promise<void> {
    // The application's intake is there (a foreign key says so); its programme decides a programme-wide cohort.
    const intake = await intakeFacts(manager, cohort.organisationId, intakeId);
    const fits = cohort.intakeId ? intakeId === cohort.intakeId : intake?.programmeId === cohort.programmeId;
    if (!fits) {
      const message = cohort.intakeId ? `${field} must be an application to the cohort's intake` : `${field} must be an application to the cohort's programme`;
      throw new CohortsError(Code.InvalidReference, message, [{ field, rule: 'sameIntake', message }]);
    }
  }

  private async checkDuplicates(manager: EntityManager, cohort: Cohort, wanted: Array<{ personId: string; field: string }>): Promise<void> {
    const already = new Set(
      (await manager.find(Enrolment, { select: { personId: true }, where: { organisationId: cohort.organisationId, cohortId: cohort.id, personId: In(wanted.map((w) => w.personId)) } })).map(
        (e) => e.personId,
      ),
    );
    const seen = new Set<string>();
    const details: ErrorDetail[] = [];
    for (const w of wanted) {
      if (already.has(w.personId) || seen.has(w.personId)) details.push({ field: w.field, rule: 'notEnrolled', message: `${w.field} is a person already enrolled in this cohort` });
      seen.add(w.personId);
    }
    if (details.length) throw new CohortsError(Code.AlreadyEnrolled, details.map((d) => d.message).join('; '), details);
  }

  /** Another organisation's id answers as not found, like any cross-tenant id, naming the field. */
  private asField(error: unknown, field: string, what: string): never {
    if (error instanceof RecruitmentError || error instanceof PeopleError) {
      throw new CohortsError(Code.ReferenceNotFound, `${field} must be ${what}`, [{ field, rule: 'exists', message: `${field} must be ${what}` }]);
    }
    throw error;
  }
}
