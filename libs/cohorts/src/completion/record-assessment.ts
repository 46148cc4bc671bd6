import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { AssessmentResultValue } from '../engine/completion';
import { AssessmentResult } from '../entities/enrolment.entity';
import { CompletionRules } from './completion-rules';
import { EnrolmentDetail, Enrolments } from './enrolments';

/** A trainer records a pass or fail; a resit replaces the earlier result (the audit log keeps both). */
@Injectable()
export class RecordAssessment {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly rules: CompletionRules,
    private readonly enrolments: Enrolments,
  ) {}

  run(actor: Actor, enrolmentId: string, input: { assessment: string; result: AssessmentResultValue; note?: string | null }): Promise<EnrolmentDetail> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { enrolment, cohort } = await this.access.enrolment(manager, actor, enrolmentId, true);
      const rule = await this.rules.find(manager, actor.organisationId, cohort.programmeId);
      if (!rule.requiredAssessments.includes(input.assessment)) {
        const message = rule.requiredAssessments.length ? `assessment must be one of: ${rule.requiredAssessments.join(', ')}` : 'this programme requires no assessments';
        throw new CohortsError(Code.UnknownAssessment, message, [{ field: 'assessment', rule: 'required', message }]);
      }
      await manager.upsert(
        AssessmentResult,
        { organisationId: actor.organisationId, enrolmentId, assessment: input.assessment, result: input.result, note: input.note ?? null, recordedBy: actor.userId, recordedAt: () => 'now()' },
        ['organisationId', 'enrolmentId', 'assessment'],
      );
      await this.audit.record(manager, actor, { action: 'assessment.recorded', entityType: 'enrolment', entityId: enrolmentId, details: { assessment: input.assessment, result: input.result } });
      return this.enrolments.detail(manager, cohort, enrolment);
    });
  }
}
