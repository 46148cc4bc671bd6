import { Injectable } from '@nestjs/common';
import { Actor, Role, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortProgress } from '../completion/cohort-progress';
import { RiskFlag } from '../engine/at-risk';
import { Cohort } from '../entities/cohort.entity';

export interface AtRiskPerson {
  cohortId: string;
  cohortName: string;
  enrolmentId: string;
  personId: string;
  name: string;
  attendancePercent: number | null;
  lastAttendedSession: { id: string; heldOn: string; week: number } | null;
  flags: RiskFlag[];
}

/** Who is at risk of dropping out now, computed from the registers (the events are for reminders). */
@Injectable()
export class AtRiskLists {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly access: CohortAccess,
    private readonly progress: CohortProgress,
  ) {}

  forCohort(actor: Actor, cohortId: string): Promise<AtRiskPerson[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const cohort = await this.access.cohort(manager, actor, cohortId);
      return this.atRisk(await this.progress.load(manager, cohort), cohort);
    });
  }

  /** Across every cohort the trainer teaches. */
  forTrainer(actor: Actor): Promise<AtRiskPerson[]> {
    return this.across(actor, true);
  }

  /** Across every cohort the actor may see: all of the organisation's for coordinators and admins, a trainer's own for a trainer. */
  forActor(actor: Actor): Promise<AtRiskPerson[]> {
    return this.across(actor, actor.role === Role.Trainer);
  }

  private across(actor: Actor, ownCohortsOnly: boolean): Promise<AtRiskPerson[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const query = manager.createQueryBuilder(Cohort, 'c').where('c.organisation_id = :org', { org: actor.organisationId });
      if (ownCohortsOnly) query.innerJoin('cohort_trainers', 't', 't.organisation_id = c.organisation_id AND t.cohort_id = c.id AND t.user_id = :userId', { userId: actor.userId });
      const cohorts = await query.orderBy('c.starts_on', 'DESC').getMany();
      const lists = [];
      for (const cohort of cohorts) lists.push(...this.atRisk(await this.progress.load(manager, cohort), cohort));
      return lists;
    });
  }

  private atRisk(progress: Awaited<ReturnType<CohortProgress['load']>>, cohort: Cohort): AtRiskPerson[] {
    return progress.enrolments
      .filter((e) => e.risk.length)
      .map((e) => ({
        cohortId: cohort.id,
        cohortName: cohort.name,
        enrolmentId: e.enrolmentId,
        personId: e.personId,
        name: e.name,
        attendancePercent: e.completion.attendance.percent,
        lastAttendedSession: e.lastAttendedSession,
        flags: e.risk,
      }));
  }
}
