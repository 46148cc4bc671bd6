import { Injectable } from '@nestjs/common';
import { organisationNameSql } from '@steppingstone/organisations';
import { sustainmentChecksDueSql } from '@steppingstone/progression';
import { EntityManager } from 'typeorm';
import { ReminderOutcome } from '../reminder-kind';
import { COORDINATOR_IDS } from '../recipients';
import { longDate, reminderFor } from '../reminder-email';
import { parseWeekSubject, SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const SUSTAINMENT_CHECK_DUE = 'sustainment-check-due';

/** Matches the progression lib's grace period: after it the check shows as overdue, and the list is the place for it. */
const CHECK_GRACE_DAYS = 14;

/** Sustainment checks not yet recorded, from the day they fall due until the grace period ends. `$1` organisation, `$2` now. */
const CHECKS = sustainmentChecksDueSql({ organisation: '$1', at: '$2' }, CHECK_GRACE_DAYS);

/**
 * A 13- or 26-week job sustainment check due: to the organisation's coordinators, who ask the
 * person whether they are still in work and record the answer (recording it stops the reminder).
 */
@Injectable()
export class SustainmentCheckReminders extends SubjectReminderKind {
  readonly name = SUSTAINMENT_CHECK_DUE;

  protected dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    return manager.query(
      `SELECT c.job_id || '.week-' || c.week AS subject_id, c.due_on, 'user:' || m.user_id AS recipient
         FROM (${CHECKS}) c CROSS JOIN (${COORDINATOR_IDS}) m
        ORDER BY c.job_id, c.week, m.user_id`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    const check = parseWeekSubject(job.subjectId);
    if (!check || (check.week !== 13 && check.week !== 26)) return undefined;
    const [row]: Array<{ organisation_name: string; person_name: string; title: string; employer: string; starts_on: string; due_on: string }> = await manager.query(
      `SELECT c.*, ${organisationNameSql('$1')} AS organisation_name FROM (${CHECKS}) c WHERE c.job_id = $3::uuid AND c.week = $4`,
      [job.organisationId, at.toISOString(), check.id, check.week],
    );
    if (!row || row.due_on !== job.dueOn) return undefined;
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, row.organisation_name, {
      subject: `${check.week}-week job check due for ${row.person_name}`,
      paragraphs: [
        `It is ${check.week} weeks since ${row.person_name} started as ${row.title} with ${row.employer} on ${longDate(row.starts_on)}, so their ${check.week}-week sustainment check fell due on ${longDate(row.due_on)}.`,
        `Please get in touch to ask whether they are still in the job and how it is going, and record the check, whatever the answer.`,
      ],
    });
  }
}
