import { Injectable } from '@nestjs/common';
import { organisationNameSql } from '@steppingstone/organisations';
import { contractsEndingSql } from '@steppingstone/progression';
import { EntityManager } from 'typeorm';
import { ReminderOutcome } from '../reminder-kind';
import { COORDINATOR_IDS } from '../recipients';
import { longDate, reminderFor } from '../reminder-email';
import { SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const CONTRACT_ENDING = 'contract-ending';

/** Eight weeks: long enough to work on a CV and practise interviews before the contract runs out. */
export const CONTRACT_NOTICE_WEEKS = 8;

/** A fixed-term job still held, with its end date, from the notice's first day. `$1` organisation, `$2` now. */
const CONTRACTS = contractsEndingSql({ organisation: '$1', at: '$2' }, CONTRACT_NOTICE_WEEKS * 7);

/**
 * A fixed-term contract (a paid role's post, or a job outside) ending in eight weeks: to the
 * organisation's coordinators, so CV and interview support starts in time. From eight weeks before
 * the end until the day before, so a job recorded late still prompts the support once.
 */
@Injectable()
export class ContractEndingReminders extends SubjectReminderKind {
  readonly name = CONTRACT_ENDING;

  protected dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    return manager.query(
      `SELECT c.job_id::text AS subject_id, c.due_on, 'user:' || m.user_id AS recipient
         FROM (${CONTRACTS}) c CROSS JOIN (${COORDINATOR_IDS}) m
        ORDER BY c.job_id, m.user_id`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(job.subjectId)) return undefined;
    const [row]: Array<{ organisation_name: string; person_name: string; title: string; employer: string; ends_on: string; due_on: string; days_left: number }> = await manager.query(
      `SELECT c.*, ${organisationNameSql('$1')} AS organisation_name FROM (${CONTRACTS}) c WHERE c.job_id = $3::uuid`,
      [job.organisationId, at.toISOString(), job.subjectId],
    );
    if (!row || row.due_on !== job.dueOn) return undefined;
    const weeks = Math.floor(row.days_left / 7);
    const left = weeks >= 1 ? `${weeks} week${weeks === 1 ? '' : 's'}` : `${row.days_left} day${row.days_left === 1 ? '' : 's'}`;
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, row.organisation_name, {
      subject: `${row.person_name}'s contract ends on ${longDate(row.ends_on)}: time for CV and interview support`,
      paragraphs: [
        `${row.person_name}'s fixed-term contract as ${row.title} with ${row.employer} ends on ${longDate(row.ends_on)}, in ${left}.`,
        `Now is a good time to offer support with their CV and interview technique, and to talk through what they would like to do next, so that they can move on to their next role without a gap.`,
      ],
    });
  }
}
