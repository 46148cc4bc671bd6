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

  /**
   * The session, its cohort and the access check in one round trip: the register is saved often and
   * each round trip counts.
   */
  async session(manager: EntityManager, actor: Actor, sessionId: string, lock = false): Promise<{ session: CohortSession; cohort: Cohort }> {
    const rows: Array<{ session: Record<string, unknown>; cohort: Record<string, unknown>; reaches: boolean }> = await manager.query(
      `SELECT to_jsonb(s) AS session, to_jsonb(c) AS cohort,
              (NOT $4 OR EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = s.organisation_id AND t.cohort_id = s.cohort_id AND t.user_id = $3)) AS reaches
         FROM cohort_sessions s JOIN cohorts c ON c.organisation_id = s.organisation_id AND c.id = s.cohort_id
        WHERE s.organisation_id = $1 AND s.id = $2
        ${lock ? 'FOR UPDATE OF s' : ''}`,
      [actor.organisationId, sessionId, actor.userId, teachesOnly(actor)],
    );
    const row = rows[0];
    if (!row || !row.reaches || !this.mayTeach(actor)) throw new CohortsError(Code.SessionNotFound, 'Session not found');
    return { session: manager.create(CohortSession, fromRow(manager, CohortSession, row.session)), cohort: manager.create(Cohort, fromRow(manager, Cohort, row.cohort)) };
  }

  async enrolment(manager: EntityManager, actor: Actor, enrolmentId: string, lock = false): Promise<{ enrolment: Enrolment; cohort: Cohort }> {
    const enrolment = await manager.findOne(Enrolment, { where: { organisationId: actor.organisationId, id: enrolmentId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!enrolment || !(await this.reaches(manager, actor, enrolment.cohortId))) throw new CohortsError(Code.EnrolmentNotFound, 'Enrolment not found');
    const cohort = await manager.findOneByOrFail(Cohort, { organisationId: actor.organisationId, id: enrolment.cohortId });
    return { enrolment, cohort };
  }

  private mayTeach(actor: Actor): boolean {
    return actor.role === Role.Admin || actor.role === Role.Coordinator || actor.role === Role.Trainer;
  }

  private async reaches(manager: EntityManager, actor: Actor, cohortId: string): Promise<boolean> {
    if (actor.role === Role.Admin || actor.role === Role.Coordinator) return true;
    if (actor.role !== Role.Trainer) return false;
    const rows: unknown[] = await manager.query(`SELECT 1 FROM cohort_trainers WHERE organisation_id = $1 AND cohort_id = $2 AND user_id = $3`, [actor.organisationId, cohortId, actor.userId]);
    return rows.length > 0;
  }
}

/** A row read as JSON (snake_case columns) turned into the entity's properties, with dates as the entity has them. */
function fromRow<T>(manager: EntityManager, entity: new () => T, row: Record<string, unknown>): Partial<T> {
  const result: Record<string, unknown> = {};
  for (const column of manager.connection.getMetadata(entity).columns) {
    const value = row[column.databaseName];
    result[column.propertyName] = value !== null && column.type === 'timestamptz' ? new Date(value as string) : value;
  }
  return result as Partial<T>;
}
