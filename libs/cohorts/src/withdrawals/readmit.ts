import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { EnrolmentDetail, Enrolments } from '../completion/enrolments';
import { Enrolment, Withdrawal } from '../entities/enrolment.entity';

/** Re-admits a withdrawn person. The withdrawal stays in the history, closed by the re-admission date. */
@Injectable()
export class Readmit {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly enrolments: Enrolments,
  ) {}

  run(actor: Actor, enrolmentId: string, command: { readmittedOn: string; note?: string | null }): Promise<EnrolmentDetail> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { enrolment, cohort } = await this.access.enrolment(manager, actor, enrolmentId, true);
      const open = await manager.findOneBy(Withdrawal, { organisationId: actor.organisationId, enrolmentId, readmittedOn: IsNull() });
      if (enrolment.status !== 'withdrawn' || !open) {
        throw new CohortsError(Code.IllegalEnrolmentChange, `Only a withdrawn enrolment can be re-admitted; this one is ${enrolment.status}`, [
          { field: 'enrolmentId', rule: 'withdrawn', message: `the enrolment is ${enrolment.status}` },
        ]);
      }
      if (command.readmittedOn < open.withdrawnOn) {
        throw new CohortsError(Code.InvalidDates, `readmittedOn must be on or after the withdrawal date (${open.withdrawnOn})`, [
          { field: 'readmittedOn', rule: 'afterWithdrawal', message: `readmittedOn must be on or after ${open.withdrawnOn}` },
        ]);
      }
      await manager.update(
        Withdrawal,
        { organisationId: actor.organisationId, id: open.id },
        { readmittedOn: command.readmittedOn, readmissionNote: command.note ?? null, readmittedBy: actor.userId, readmittedAt: () => 'now()' },
      );
      await manager.update(Enrolment, { organisationId: actor.organisationId, id: enrolmentId }, { status: 'enrolled' });
      await this.audit.record(manager, actor, {
        action: 'enrolment.readmitted',
        entityType: 'enrolment',
        entityId: enrolmentId,
        details: { withdrawalId: open.id, readmittedOn: command.readmittedOn },
      });
      return this.enrolments.detail(manager, cohort, { ...enrolment, status: 'enrolled' });
    });
  }
}
