import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortsError, CohortsErrorCode as Code } from '../cohorts.error';
import { EnrolmentDetail, Enrolments } from '../completion/enrolments';
import { Enrolment, Withdrawal, WithdrawalReason } from '../entities/enrolment.entity';

export interface WithdrawalCommand {
  withdrawnOn: string;
  reason: WithdrawalReason;
  note?: string | null;
}

/**
 * Records a drop-out. Attendance recorded for sessions after the withdrawal date would contradict
 * it, so such a date is refused; an earlier withdrawal of the same person must have been closed by
 * a re-admission on or before the new date.
 */
@Injectable()
export class RecordWithdrawal {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly access: CohortAccess,
    private readonly enrolments: Enrolments,
  ) {}

  run(actor: Actor, enrolmentId: string, command: WithdrawalCommand): Promise<EnrolmentDetail> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { enrolment, cohort } = await this.access.enrolment(manager, actor, enrolmentId, true);
      if (enrolment.status !== 'enrolled') {
        throw new CohortsError(Code.IllegalEnrolmentChange, `An enrolment that is ${enrolment.status} cannot be withdrawn`, [
          { field: 'enrolmentId', rule: 'enrolled', message: `the enrolment is ${enrolment.status}` },
        ]);
      }
      const org = actor.organisationId;
      const [{ lastReadmitted, attendedAfter }]: Array<{ lastReadmitted: string | null; attendedAfter: string | null }> = await manager.query(
        `SELECT (SELECT to_char(max(readmitted_on), 'YYYY-MM-DD') FROM withdrawals WHERE organisation_id = $1 AND enrolment_id = $2) AS "lastReadmitted",
                (SELECT to_char(max(s.held_on), 'YYYY-MM-DD') FROM attendance a JOIN cohort_sessions s ON s.organisation_id = a.organisation_id AND s.id = a.session_id
                  WHERE a.organisation_id = $1 AND a.enrolment_id = $2 AND a.status IN ('present', 'late') AND s.held_on >= $3) AS "attendedAfter"`,
        [org, enrolmentId, command.withdrawnOn],
      );
      if (lastReadmitted && command.withdrawnOn < lastReadmitted) {
        throw new CohortsError(Code.InvalidDates, `withdrawnOn must be on or after the last re-admission (${lastReadmitted})`, [
          { field: 'withdrawnOn', rule: 'afterReadmission', message: `withdrawnOn must be on or after ${lastReadmitted}` },
        ]);
      }
      if (attendedAfter) {
        throw new CohortsError(Code.InvalidDates, `The person attended a session on ${attendedAfter}, on or after withdrawnOn`, [
          { field: 'withdrawnOn', rule: 'afterLastAttendance', message: `withdrawnOn must be after the last attended session (${attendedAfter})` },
        ]);
      }
      const id = randomUUID();
      await manager.insert(Withdrawal, { organisationId: org, id, enrolmentId, withdrawnOn: command.withdrawnOn, reason: command.reason, note: command.note ?? null, recordedBy: actor.userId });
      await manager.update(Enrolment, { organisationId: org, id: enrolmentId }, { status: 'withdrawn' });
      await this.audit.record(manager, actor, {
        action: 'enrolment.withdrawn',
        entityType: 'enrolment',
        entityId: enrolmentId,
        details: { withdrawalId: id, withdrawnOn: command.withdrawnOn, reason: command.reason },
      });
      return this.enrolments.detail(manager, cohort, { ...enrolment, status: 'withdrawn' });
    });
  }
}
