import { Injectable } from '@nestjs/common';
import { organisationNameSql } from '@steppingstone/organisations';
import { expiringChecksSql } from '@steppingstone/placements';
import { EntityManager } from 'typeorm';
import { ReminderOutcome } from '../reminder-kind';
import { longDate, reminderFor } from '../reminder-email';
import { COORDINATOR_IDS } from '../recipients';
import { SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const CHECK_EXPIRING = 'check-expiring';

const KIND_WORDS: Record<string, string> = { dbs: 'DBS check', reference: 'reference', 'right-to-work': 'right to work check', training: 'training certificate' };

/**
 * A check that expires within the organisation's notice days and has not been renewed (no later
 * check of the same kind and title). `$1` organisation, `$2` now.
 */
const EXPIRING = `SELECT c.*, ${organisationNameSql('$1')} AS organisation_name FROM (${expiringChecksSql({ organisation: '$1', at: '$2' })}) c`;

/** Before a check expires: to the organisation's coordinators, who arrange the renewal, and to the person. */
@Injectable()
export class CheckExpiringReminders extends SubjectReminderKind {
  readonly name = CHECK_EXPIRING;

  protected dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    return manager.query(
      `WITH due AS (${EXPIRING})
       SELECT d.id::text AS subject_id, d.due_on, r.recipient FROM due d
       CROSS JOIN LATERAL (SELECT 'person:' || d.person_id UNION ALL SELECT 'user:' || u.user_id FROM (${COORDINATOR_IDS}) u) AS r(recipient)
       ORDER BY d.id, r.recipient`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(job.subjectId)) return undefined;
    const [row]: Array<{ person_id: string; kind: string; title: string | null; expires_on: string; person_name: string; due_on: string; organisation_name: string }> = await manager.query(
      `${EXPIRING} WHERE c.id = $3::uuid`,
      [job.organisationId, at.toISOString(), job.subjectId],
    );
    if (!row || row.due_on !== job.dueOn) return undefined;
    const what = `${KIND_WORDS[row.kind] ?? row.kind}${row.title ? ` (${row.title})` : ''}`;
    const toPerson = job.recipient === `person:${row.person_id}`;
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, row.organisation_name, {
      subject: toPerson ? `Your ${what} expires on ${longDate(row.expires_on)}` : `${row.person_name}'s ${what} expires on ${longDate(row.expires_on)}`,
      paragraphs: toPerson
        ? [`Your ${what} expires on ${longDate(row.expires_on)}. We'll be in touch about renewing it, so you can carry on in your role without a break.`]
        : [
            `${row.person_name}'s ${what} expires on ${longDate(row.expires_on)}.`,
            `Placements that require it will be refused once it has expired, so please arrange the renewal and record the new check.`,
          ],
      text: toPerson
        ? `Hi ${row.person_name}, your ${what} expires on ${longDate(row.expires_on)}. We'll be in touch about renewing it.`
        : `${row.person_name}'s ${what} expires on ${longDate(row.expires_on)}. Please arrange the renewal.`,
      personalisation: { check: what, expires: longDate(row.expires_on), person: row.person_name },
    });
  }
}
