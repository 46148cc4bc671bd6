import { Injectable } from '@nestjs/common';
import { Actor, Tenancy } from '@steppingstone/core';
import { personExists } from '@steppingstone/people';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { JobView, loadJobs } from './job-view';

/** Reading jobs: one, or a person's. */
@Injectable()
export class Jobs {
  constructor(private readonly tenancy: Tenancy) {}

  get(actor: Actor, id: string): Promise<JobView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [job] = await loadJobs(manager, actor.organisationId, 'j.id = :id', { id });
      if (!job) throw new ProgressionError(Code.JobNotFound, 'Job not found');
      return job;
    });
  }

  forPerson(actor: Actor, personId: string): Promise<JobView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      if (!(await personExists(manager, actor.organisationId, personId))) throw new ProgressionError(Code.PersonNotFound, 'Person not found');
      return loadJobs(manager, actor.organisationId, 'j.person_id = :personId', { personId });
    });
  }
}
