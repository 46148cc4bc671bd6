import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { Cohort } from '../entities/cohort.entity';
import { AssessmentResult, Enrolment, Withdrawal } from '../entities/enrolment.entity';
import { CohortProgress, EnrolmentProgress } from './cohort-progress';

export interface EnrolmentDetail extends EnrolmentProgress {
  cohortId: string;
  applicationId: string | null;
  enrolledAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  /** Every withdrawal, re-admitted or not, oldest first. */
  withdrawals: Withdrawal[];
  assessmentResults: AssessmentResult[];
}

/** Reading enrolments with where each stands against the completion rules. */
@Injectable()
export class Enrolments {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly access: CohortAccess,
    private readonly progress: CohortProgress,
  ) {}

  list(actor: Actor, cohortId: string): Promise<EnrolmentProgress[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const cohort = await this.access.cohort(manager, actor, cohortId);
      return (await this.progress.load(manager, cohort)).enrolments;
    });
  }

  get(actor: Actor, enrolmentId: string): Promise<EnrolmentDetail> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { enrolment, cohort } = await this.access.enrolment(manager, actor, enrolmentId);
      return this.detail(manager, cohort, enrolment);
    });
  }

  async detail(manager: EntityManager, cohort: Cohort, enrolment: Enrolment): Promise<EnrolmentDetail> {
    const org = enrolment.organisationId;
    const [progress] = (await this.progress.load(manager, cohort, [enrolment.id])).enrolments;
    const withdrawals = await manager.find(Withdrawal, { where: { organisationId: org, enrolmentId: enrolment.id }, order: { withdrawnOn: 'ASC', recordedAt: 'ASC' } });
    const assessmentResults = await manager.find(AssessmentResult, { where: { organisationId: org, enrolmentId: enrolment.id }, order: { assessment: 'ASC' } });
    return {
      ...progress,
      cohortId: enrolment.cohortId,
      applicationId: enrolment.applicationId,
      enrolledAt: enrolment.enrolledAt,
      completedAt: enrolment.completedAt,
      completedBy: enrolment.completedBy,
      withdrawals,
      assessmentResults,
    };
  }
}
