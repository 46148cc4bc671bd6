import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Role, Tenancy } from '@steppingstone/core';
import { AreasError, Localities } from '@steppingstone/areas';
import { activeMembersWithRole } from '@steppingstone/organisations';
import { Intakes, Programmes, RecruitmentError } from '@steppingstone/recruitment';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { Cohort, CohortTrainer } from '../entities/cohort.entity';
import { CohortAccess, teachesOnly } from './cohort-access';

export interface CohortInput {
  programmeId: string;
  name: string;
  intakeId?: string | null;
  localityId?: string | null;
  startsOn: string;
  capacity: number;
  venue?: string | null;
  trainerUserIds?: string[];
}

export type CohortChanges = Partial<Omit<CohortInput, 'programmeId'>>;

export interface CohortView extends Cohort {
  trainerUserIds: string[];
  enrolled: number;
  withdrawn: number;
  completed: number;
}

@Injectable()
export class Cohorts {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly programmes: Programmes,
    private readonly intakes: Intakes,
    private readonly localities: Localities,
  ) {}

  create(actor: Actor, input: CohortInput): Promise<CohortView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.programmes.find(manager, actor.organisationId, input.programmeId, 'programmeId');
      await this.checkReferences(manager, actor.organisationId, input.programmeId, input);
      const id = randomUUID();
      await manager.insert(Cohort, {
        organisationId: actor.organisationId,
        id,
        programmeId: input.programmeId,
        name: input.name,
        intakeId: input.intakeId ?? null,
        localityId: input.localityId ?? null,
        startsOn: input.startsOn,
        capacity: input.capacity,
        venue: input.venue ?? null,
      });
      await this.setTrainers(manager, actor.organisationId, id, input.trainerUserIds ?? []);
      await this.audit.record(manager, actor, {
        action: 'cohort.created',
        entityType: 'cohort',
        entityId: id,
        details: { programmeId: input.programmeId, trainerUserIds: input.trainerUserIds ?? [] },
      });
      return this.view(manager, actor.organisationId, id);
    });
  }

  update(actor: Actor, id: string, changes: CohortChanges): Promise<CohortView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const cohort = await this.access.cohort(manager, actor, id, true);
      await this.checkReferences(manager, actor.organisationId, cohort.programmeId, changes);
      const { trainerUserIds, ...fields } = changes;
      if (Object.keys(fields).length) await manager.update(Cohort, { organisationId: actor.organisationId, id }, { ...fields, updatedAt: () => 'now()' });
      if (trainerUserIds) await this.setTrainers(manager, actor.organisationId, id, trainerUserIds);
      await this.audit.record(manager, actor, { action: 'cohort.updated', entityType: 'cohort', entityId: id, details: { fields: Object.keys(changes) } });
      return this.view(manager, actor.organisationId, id);
    });
  }

  get(actor: Actor, id: string): Promise<CohortView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.access.cohort(manager, actor, id);
      return this.view(manager, actor.organisationId, id);
    });
  }

  /** A trainer's list holds only their own cohorts. */
  list(actor: Actor, filter: { programmeId?: string }): Promise<CohortView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      return this.views(manager, actor.organisationId, { programmeId: filter.programmeId ?? null, trainerUserId: teachesOnly(actor) ? actor.userId : null });
    });
  }

  async view(manager: EntityManager, organisationId: string, id: string): Promise<CohortView> {
    const [view] = await this.views(manager, organisationId, { id });
    return view;
  }

  /** Cohorts with their trainers and head counts, in one query however many there are. */
  private async views(manager: EntityManager, organisationId: string, filter: { id?: string; programmeId?: string | null; trainerUserId?: string | null }): Promise<CohortView[]> {
    const rows: Array<{ cohort: Record<string, unknown>; trainers: string[]; enrolled: number; withdrawn: number; completed: number }> = await manager.query(
      `SELECT json_build_object('organisationId', c.organisation_id, 'id', c.id, 'programmeId', c.programme_id, 'intakeId', c.intake_id, 'localityId', c.locality_id,
                                'name', c.name, 'startsOn', c.starts_on, 'capacity', c.capacity, 'venue', c.venue, 'createdAt', c.created_at, 'updatedAt', c.updated_at) AS cohort,
              coalesce((SELECT array_agg(t.user_id ORDER BY t.user_id) FROM cohort_trainers t WHERE t.organisation_id = c.organisation_id AND t.cohort_id = c.id), '{}') AS trainers,
              count(e.id) FILTER (WHERE e.status = 'enrolled')::int AS enrolled,
              count(e.id) FILTER (WHERE e.status = 'withdrawn')::int AS withdrawn,
              count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed
         FROM cohorts c LEFT JOIN enrolments e ON e.organisation_id = c.organisation_id AND e.cohort_id = c.id
        WHERE c.organisation_id = $1 AND ($2::uuid IS NULL OR c.id = $2) AND ($3::uuid IS NULL OR c.programme_id = $3)
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = c.organisation_id AND t.cohort_id = c.id AND t.user_id = $4))
        GROUP BY c.organisation_id, c.id
        ORDER BY c.starts_on DESC, c.name, c.id`,
      [organisationId, filter.id ?? null, filter.programmeId ?? null, filter.trainerUserId ?? null],
    );
    return rows.map((r) => ({ ...(r.cohort as unknown as Cohort), trainerUserIds: r.trainers, enrolled: r.enrolled, withdrawn: r.withdrawn, completed: r.completed }));
  }

  private async checkReferences(manager: EntityManager, organisationId: string, programmeId: string, input: Pick<CohortInput, 'intakeId' | 'localityId'>): Promise<void> {
    if (input.intakeId) {
      const intake = await this.intakes.find(manager, organisationId, input.intakeId).catch((error) => {
        if (error instanceof RecruitmentError) return null;
        throw error;
      });
      if (!intake || intake.programmeId !== programmeId) {
        const message = "intakeId must be an intake of the cohort's programme";
        throw new CohortsError(Code.InvalidReference, message, [{ field: 'intakeId', rule: 'sameProgramme', message }]);
      }
    }
    if (input.localityId) {
      await this.localities.assertExist(manager, organisationId, [input.localityId], 'localityId').catch((error) => {
        if (error instanceof AreasError)
          throw new CohortsError(Code.InvalidReference, "localityId must be one of this organisation's localities", [
            { field: 'localityId', rule: 'exists', message: "localityId must be one of this organisation's localities" },
          ]);
        throw error;
      });
    }
  }

  /** Only active members with the trainer role can be given a cohort. */
  private async setTrainers(manager: EntityManager, organisationId: string, cohortId: string, userIds: string[]): Promise<void> {
    const wanted = [...new Set(userIds)];
    if (wanted.length) {
      const known = new Set(await activeMembersWithRole(manager, organisationId, wanted, Role.Trainer));
      const details = userIds.flatMap((u, i) =>
        known.has(u) ? [] : [{ field: `trainerUserIds.${i}`, rule: 'isTrainer', message: `trainerUserIds.${i} must be an active member with the trainer role` }],
      );
      if (details.length) throw new CohortsError(Code.InvalidTrainer, details.map((d) => d.message).join('; '), details);
    }
    await manager.delete(CohortTrainer, { organisationId, cohortId });
    if (wanted.length)
      await manager.insert(
        CohortTrainer,
        wanted.map((userId) => ({ organisationId, cohortId, userId })),
      );
  }
}
