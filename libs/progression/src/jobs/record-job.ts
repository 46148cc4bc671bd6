import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, ErrorDetail, Tenancy } from '@steppingstone/core';
import { personExists } from '@steppingstone/people';
import { firstAppliedOn } from '@steppingstone/recruitment';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { ContractType, JobView, loadJobs } from './job-view';

export interface JobCommand {
  personId: string;
  employer: string;
  title: string;
  sector?: string | null;
  hoursPerWeek: number;
  contractType: ContractType;
  startsOn: string;
  contractEndsOn?: string | null;
}

export interface NewJob extends JobCommand {
  paidRoleId?: string;
  localityId?: string;
}

/** A job a person entered outside the programme: employer, title, sector, hours, contract and start date. */
@Injectable()
export class RecordJob {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  run(actor: Actor, command: JobCommand): Promise<JobView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const id = await insertJob(manager, actor, command);
      await this.audit.record(manager, actor, {
        action: 'job.recorded',
        entityType: 'job',
        entityId: id,
        details: { personId: command.personId, employer: command.employer, startsOn: command.startsOn },
      });
      return (await loadJobs(manager, actor.organisationId, 'j.id = :id', { id }))[0];
    });
  }

  /** Ends a job (the person left); the date feeds the sustainment checks. */
  end(actor: Actor, jobId: string, command: { endedOn: string; endReason?: string | null }): Promise<JobView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [job]: Array<{ startsOn: string; endedOn: string | null }> = await manager.query(
        `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ended_on, 'YYYY-MM-DD') AS "endedOn" FROM jobs WHERE organisation_id = $1 AND id = $2 FOR UPDATE`,
        [actor.organisationId, jobId],
      );
      if (!job) throw new ProgressionError(Code.JobNotFound, 'Job not found');
      if (job.endedOn) throw new ProgressionError(Code.JobAlreadyEnded, `The job already ended on ${job.endedOn}`);
      if (command.endedOn < job.startsOn) throw dateError('endedOn', `endedOn must not be before the job started (${job.startsOn})`);
      await manager.query(`UPDATE jobs SET ended_on = $3, end_reason = $4 WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, jobId, command.endedOn, command.endReason ?? null]);
      await this.audit.record(manager, actor, { action: 'job.ended', entityType: 'job', entityId: jobId, details: { endedOn: command.endedOn } });
      return (await loadJobs(manager, actor.organisationId, 'j.id = :id', { id: jobId }))[0];
    });
  }
}

/**
 * Records a job after checking its dates: the contract may not end before it starts, and the job
 * may not start before the person registered (their first application), in the organisation's calendar.
 */
export async function insertJob(manager: EntityManager, actor: Actor, job: NewJob): Promise<string> {
  const org = actor.organisationId;
  if (!(await personExists(manager, org, job.personId)))
    throw new ProgressionError(Code.ReferenceNotFound, 'personId does not name a person of this organisation', [
      { field: 'personId', rule: 'exists', message: 'personId must be a person of this organisation' },
    ]);
  const problems: ErrorDetail[] = [];
  if (job.contractEndsOn && job.contractEndsOn < job.startsOn)
    problems.push({ field: 'contractEndsOn', rule: 'afterStart', message: `contractEndsOn (${job.contractEndsOn}) must not be before startsOn (${job.startsOn})` });
  if (problems.length) throw new ProgressionError(Code.InvalidDates, problems.map((p) => p.message).join('; '), problems);
  const registeredOn = await firstAppliedOn(manager, org, job.personId);
  if (registeredOn && job.startsOn < registeredOn) {
    const message = `startsOn (${job.startsOn}) is before the person registered (${registeredOn}); a job from before registration is not an outcome of the programme`;
    throw new ProgressionError(Code.JobBeforeRegistration, message, [{ field: 'startsOn', rule: 'afterRegistration', message }]);
  }
  const id = randomUUID();
  await manager.query(
    `INSERT INTO jobs (organisation_id, id, person_id, paid_role_id, locality_id, employer, title, sector, hours_per_week, contract_type, starts_on, contract_ends_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      org,
      id,
      job.personId,
      job.paidRoleId ?? null,
      job.localityId ?? null,
      job.employer,
      job.title,
      job.sector ?? null,
      job.hoursPerWeek,
      job.contractType,
      job.startsOn,
      job.contractEndsOn ?? null,
      actor.userId,
    ],
  );
  return id;
}

export function dateError(field: string, message: string): ProgressionError {
  return new ProgressionError(Code.InvalidDates, message, [{ field, rule: 'afterStart', message }]);
}
