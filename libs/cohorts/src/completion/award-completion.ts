import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { Enrolment } from '../entities/enrolment.entity';
import { CohortProgress } from './cohort-progress';
import { EnrolmentDetail, Enrolments } from './enrolments';

/** A trainer awards completion once the programme's rules are met; the refusal says which are not. */
@Injectable()
export class AwardCompletion {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly progress: CohortProgress,
    private readonly enrolments: Enrolments,
  ) {}

  run(actor: Actor, enrolmentId: string): Promise<EnrolmentDetail> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { enrolment, cohort } = await this.access.enrolment(manager, actor, enrolmentId, true);
      if (enrolment.status === 'completed')
        throw new CohortsError(Code.IllegalEnrolmentChange, 'Completion was already awarded', [{ field: 'enrolmentId', rule: 'notCompleted', message: 'the enrolment is already completed' }]);
      const [progress] = (await this.progress.load(manager, cohort, [enrolmentId])).enrolments;
      if (!progress.completion.eligibleForAward) {
        throw new CohortsError(
          Code.NotEligible,
          `Completion cannot be awarded yet: ${progress.completion.blockers.join('; ')}`,
          [{ field: 'enrolmentId', rule: 'eligible', message: progress.completion.blockers.join('; ') }],
          { completion: progress.completion },
        );
      }
      await manager.update(Enrolment, { organisationId: actor.organisationId, id: enrolmentId }, { status: 'completed', completedAt: () => 'now()', completedBy: actor.userId });
      await this.audit.record(manager, actor, {
        action: 'enrolment.completed',
        entityType: 'enrolment',
        entityId: enrolmentId,
        details: { attendancePercent: progress.completion.attendance.percent },
      });
      const updated = await manager.findOneByOrFail(Enrolment, { organisationId: actor.organisationId, id: enrolmentId });
      return this.enrolments.detail(manager, cohort, updated);
    });
  }
}
