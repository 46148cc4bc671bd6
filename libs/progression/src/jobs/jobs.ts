import { Injectable } from '@nestjs/common';
import { Actor, Tenancy } from '@steppingstone/core';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { JobView, loadJobs } from './job-view';

/** Reading jobs: one, or a person's. */
@Injectable()
export class Jobs {
  constructor(private readonly tenancy: Tenancy) {}

  get(actor: Actor, id: string): Promise<JobView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [job] = await loadJobs(manager, actor.organisationId, 'j.id = $2', [id]);
      if (!job) throw new ProgressionError(Code.JobNotFound, 'Job not found');
      return job;
    });
  }

  forPerson(actor: Actor, personId: string): Promise<JobView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const found: unknown[] = await manager.query(`SELECT 1 FROM people WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, personId]);
      if (!found.length) throw new ProgressionError(Code.PersonNotFound, 'Person not found');
      return loadJobs(manager, actor.organisationId, 'j.person_id = $2', [personId]);
    });
  }
}
