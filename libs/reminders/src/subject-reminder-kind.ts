import { Injectable } from '@nestjs/common';
import { Tenancy } from '@steppingstone/core';
import { EntityManager } from 'typeorm';
import { ReminderKind, ReminderOutcome } from './reminder-kind';
import { Addressee, memberAddressee, personAddressee } from './recipients';
import { RecipientRef, recipientId, SubjectReminderJob, subjectReminderJobId, subjectReminderKey } from './subject-reminder';

/** One reminder due: what about, on which date, to whom. */
export interface DueRow {
  subject_id: string;
  due_on: string;
  recipient: RecipientRef;
}

/**
 * What the kinds about a subject share: the job shape and keys, a tenant transaction around each
 * query, and finding the addressee. Each kind writes its own SQL for what is due and its own words.
 * Injectable itself so that the kinds, which add no constructor of their own, inherit its parameters.
 */
@Injectable()
export abstract class SubjectReminderKind implements ReminderKind<SubjectReminderJob> {
  abstract readonly name: string;

  constructor(protected readonly tenancy: Tenancy) {}

  /** `$1` is the organisation, `$2` the moment "now" is taken to be; "today" is in the organisation's zone. */
  protected abstract dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]>;

  protected abstract composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined>;

  due(organisationId: string, at: Date): Promise<SubjectReminderJob[]> {
    return this.tenancy.run(organisationId, async (manager) =>
      (await this.dueRows(manager, organisationId, at)).map((r) => ({ organisationId, subjectId: r.subject_id, dueOn: r.due_on, recipient: r.recipient })),
    );
  }

  compose(job: SubjectReminderJob, at = new Date()): Promise<ReminderOutcome | undefined> {
    return this.tenancy.run(job.organisationId, (manager) => this.composeWith(manager, job, at));
  }

  key(job: SubjectReminderJob): string {
    return subjectReminderKey(this.name, job);
  }

  jobId(job: SubjectReminderJob): string {
    return subjectReminderJobId(this.name, job);
  }

  /** A member or a person by id; the supervisor is the kind's to supply, from the placement. */
  protected addressee(manager: EntityManager, job: SubjectReminderJob, supervisor?: Addressee): Promise<Addressee | undefined> {
    const who = recipientId(job.recipient);
    if (who.kind === 'supervisor') return Promise.resolve(supervisor);
    return who.kind === 'user' ? memberAddressee(manager, job.organisationId, who.id) : personAddressee(manager, job.organisationId, who.id);
  }

  protected delivery(job: SubjectReminderJob): { key: string; template: string } {
    return { key: this.key(job), template: this.name };
  }
}
