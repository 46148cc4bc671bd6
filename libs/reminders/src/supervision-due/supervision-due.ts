import { Injectable } from '@nestjs/common';
import { addDays, daysBetween } from '@steppingstone/core';
import { EntityManager } from 'typeorm';
import { PLACEMENT_FACTS, placementFacts, supervisorAddressee } from '../placement-contacts';
import { ReminderOutcome } from '../reminder-kind';
import { inDays, longDate, reminderFor } from '../reminder-email';
import { SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const SUPERVISION_DUE = 'supervision-due';

/** Two days' notice: time to book a room and a slot, not so early it is forgotten. */
export const SUPERVISION_NOTICE_DAYS = 2;

/**
 * Supervision due in two days, to the placement's supervisor (when their contact is an email
 * address) and to the peer mentor on placement. Due from two days before the session falls due
 * until the day before, so a reconcile missed on the day still catches it; recording a supervision
 * moves the next date, and with it the key, so each supervision gets its own reminder.
 */
@Injectable()
export class SupervisionDueReminders extends SubjectReminderKind {
  readonly name = SUPERVISION_DUE;

  protected dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    return manager.query(
      `WITH due AS (${PLACEMENT_FACTS})
       SELECT d.placement_id::text AS subject_id, to_char(d.next_supervision_on::date - ${SUPERVISION_NOTICE_DAYS}, 'YYYY-MM-DD') AS due_on, r.recipient
         FROM due d
         CROSS JOIN LATERAL (VALUES ('person:' || d.person_id), (CASE WHEN d.supervisor_email IS NOT NULL THEN 'supervisor' END)) AS r(recipient)
        WHERE r.recipient IS NOT NULL
          AND d.today::date BETWEEN d.next_supervision_on::date - ${SUPERVISION_NOTICE_DAYS} AND d.next_supervision_on::date - 1
          AND d.next_supervision_on::date <= d.last_day::date
        ORDER BY d.placement_id, r.recipient`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    const facts = await placementFacts(manager, job.organisationId, at, job.subjectId);
    if (!facts?.next_supervision_on || addDays(facts.next_supervision_on, -SUPERVISION_NOTICE_DAYS) !== job.dueOn || facts.today >= facts.next_supervision_on) return undefined;
    const when = `${longDate(facts.next_supervision_on)} (${inDays(daysBetween(facts.today, facts.next_supervision_on))})`;
    const toSupervisor = job.recipient === 'supervisor';
    const addressee = await this.addressee(manager, job, toSupervisor ? supervisorAddressee(facts) : undefined);
    return reminderFor(addressee, this.delivery(job), job.recipient, facts.organisation_name, {
      subject: toSupervisor ? `Supervision due with ${facts.person_name} on ${longDate(facts.next_supervision_on)}` : `Your supervision is due on ${longDate(facts.next_supervision_on)}`,
      paragraphs: toSupervisor
        ? [
            `${facts.person_name}'s next supervision in their placement as ${facts.role_title} at ${facts.host_name} is due on ${when}.`,
            `Please arrange a time with them if you have not already, and let ${facts.organisation_name} know the date it was held so it can be recorded.`,
          ]
        : [
            `Your next supervision with ${facts.supervisor_name} in your placement as ${facts.role_title} at ${facts.host_name} is due on ${when}.`,
            `If you haven't agreed a time yet, please get in touch with ${facts.supervisor_name}. It's a chance to talk about how the placement is going and anything you need.`,
          ],
      text: `Hi ${facts.person_name}, your supervision with ${facts.supervisor_name} at ${facts.host_name} is due on ${when}. If you haven't agreed a time, please get in touch with them.`,
      personalisation: { supervisor: facts.supervisor_name, host: facts.host_name, due: longDate(facts.next_supervision_on) },
    });
  }
}
