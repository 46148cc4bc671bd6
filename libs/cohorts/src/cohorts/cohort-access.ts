import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Role } from '@steppingstone/core';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { Cohort } from '../entities/cohort.entity';
import { Enrolment } from '../entities/enrolment.entity';
import { CohortSession } from '../entities/session.entity';

/** Trainers reach only the cohorts they teach; coordinators and admins reach every cohort. */
export function teachesOnly(actor: Actor): boolean {
  return actor.role === Role.Trainer;
}

/**
 * Every cohort, session and enrolment id from a request goes through here first. A cohort the
 * caller may not reach answers exactly like one that does not exist, so a 404 confirms nothing.
 */
@Injectable()
export class CohortAccess {
  async cohort(manager: EntityManager, actor: Actor, cohortId: string, lock = false): Promise<Cohort> {
    const cohort = await manager.findOne(Cohort, { where: { organisationId: actor.organisationId, id: cohortId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!cohort || !(await this.reaches(manager, actor, cohortId))) throw new CohortsError(Code.CohortNotFound, 'Cohort not found');
    return cohort;
  }

  async session(manager: EntityManager, actor: Actor, sessionId: string, lock = false): Promise<{ session: CohortSession; cohort: Cohort }> {
    const session = await manager.findOne(CohortSession, { where: { organisationId: actor.organisationId, id: sessionId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!session || !(await this.reaches(manager, actor, session.cohortId))) throw new CohortsError(Code.SessionNotFound, 'Session not found');
    const cohort = await manager.findOneByOrFail(Cohort, { organisationId: actor.organisationId, id: session.cohortId });
    return { session, cohort };
  }

  async enrolment(manager: EntityManager, actor: Actor, enrolmentId: string, lock = false): Promise<{ enrolment: Enrolment; cohort: Cohort }> {
    const enrolment = await manager.findOne(Enrolment, { where: { organisationId: actor.organisationId, id: enrolmentId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!enrolment || !(await this.reaches(manager, actor, enrolment.cohortId))) throw new CohortsError(Code.EnrolmentNotFound, 'Enrolment not found');
    const cohort = await manager.findOneByOrFail(Cohort, { organisationId: actor.organisationId, id: enrolment.cohortId });
    return { enrolment, cohort };
  }

  private async reaches(manager: EntityManager, actor: Actor, cohortId: string): Promise<boolean> {
    if (actor.role === Role.Admin || actor.role === Role.Coordinator) return true;
    if (actor.role !== Role.Trainer) return false;
    const rows: unknown[] = await manager.query(`SELECT 1 FROM cohort_trainers WHERE organisation_id = $1 AND cohort_id = $2 AND user_id = $3`, [actor.organisationId, cohortId, actor.userId]);
    return rows.length > 0;
  }
}
