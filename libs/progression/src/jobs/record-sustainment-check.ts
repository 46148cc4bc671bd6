import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { checkRecordable, SustainmentResult, SustainmentWeek } from '../engine/sustainment';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { JobView, loadJobs } from './job-view';

export interface SustainmentCommand {
  week: SustainmentWeek;
  result: SustainmentResult;
  /** Defaults to today, in the organisation's calendar. */
  checkedOn?: string;
  note?: string | null;
}

/** Records whether a job was still held at 13 or 26 weeks; recording a week again replaces the answer (the audit log keeps the earlier one). */
@Injectable()
export class RecordSustainmentCheck {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  run(actor: Actor, jobId: string, command: SustainmentCommand): Promise<JobView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const [job]: Array<{ startsOn: string; endedOn: string | null; today: string }> = await manager.query(
        `SELECT to_char(j.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(j.ended_on, 'YYYY-MM-DD') AS "endedOn", to_char(organisation_today($1), 'YYYY-MM-DD') AS today
           FROM jobs j WHERE j.organisation_id = $1 AND j.id = $2 FOR UPDATE OF j`,
        [org, jobId],
      );
      if (!job) throw new ProgressionError(Code.JobNotFound, 'Job not found');
      const checkedOn = command.checkedOn ?? job.today;
      if (checkedOn > job.today)
        throw new ProgressionError(Code.InvalidDates, 'checkedOn must not be in the future', [{ field: 'checkedOn', rule: 'notFuture', message: 'checkedOn must not be in the future' }]);
      const refusal = checkRecordable(job, command.week, command.result, checkedOn);
      if (refusal) throw new ProgressionError(Code.CheckNotDue, `The check cannot be recorded yet: ${refusal}`, [{ field: 'week', rule: 'due', message: refusal }]);
      await manager.query(
        `INSERT INTO sustainment_checks (organisation_id, job_id, week, result, checked_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (organisation_id, job_id, week) DO UPDATE SET result = EXCLUDED.result, checked_on = EXCLUDED.checked_on, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [org, jobId, command.week, command.result, checkedOn, command.note ?? null, actor.userId],
      );
      await this.audit.record(manager, actor, { action: 'job.sustainment-checked', entityType: 'job', entityId: jobId, details: { week: command.week, result: command.result, checkedOn } });
      return (await loadJobs(manager, org, 'j.id = :id', { id: jobId }))[0];
    });
  }
}
