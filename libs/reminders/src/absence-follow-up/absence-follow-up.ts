import { Injectable } from '@nestjs/common';
import { atRiskFollowUp, atRiskFollowUps, AtRiskTrainerColumns, settleAtRiskEvents } from '@steppingstone/cohorts';
import { deliveryLoggedSql } from '@steppingstone/notifications';
import { organisationProfile } from '@steppingstone/organisations';
import { EntityManager } from 'typeorm';
import { ReminderOutcome } from '../reminder-kind';
import { longDate, reminderFor } from '../reminder-email';
import { SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const ABSENCE_FOLLOW_UP = 'absence-follow-up';

/** A flag not followed up within this long is left to the at-risk list: a week-old nudge helps nobody. */
const FOLLOW_UP_WINDOW_DAYS = 14;

/** A trainer has had the follow-up for the event, or was deliberately skipped: the delivery log holds it under its key. */
const followedUp = ({ organisation, eventId, detectedOn, userId }: AtRiskTrainerColumns) =>
  deliveryLoggedSql(organisation, `'${ABSENCE_FOLLOW_UP}:' || ${eventId} || ':' || ${detectedOn} || ':user:' || ${userId}`, ['sent', 'skipped']);

/**
 * Absence follow-up: each trainer of the cohort hears once when one of their learners is flagged at
 * risk (two absences in a row, attendance below the minimum). The delivery log makes it once per
 * trainer; `notified_at` on the event is set once every trainer has had it (or was skipped), so the
 * reconciler stops looking at the event — the index on pending events keeps that query small. Two
 * trainers' sends finishing at the same moment may each miss the other's, so the reconciler settles
 * such events too before it reads what is due.
 */
@Injectable()
export class AbsenceFollowUps extends SubjectReminderKind {
  readonly name = ABSENCE_FOLLOW_UP;

  protected async dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    await settleAtRiskEvents(manager, organisationId, null, followedUp);
    return (await atRiskFollowUps(manager, organisationId, at, FOLLOW_UP_WINDOW_DAYS)).map((r) => ({ subject_id: r.event_id, due_on: r.detected_on, recipient: `user:${r.user_id}` as const }));
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    if (!/^\d{1,18}$/.test(job.subjectId) || !job.recipient.startsWith('user:')) return undefined;
    const row = await atRiskFollowUp(manager, job.organisationId, at, FOLLOW_UP_WINDOW_DAYS, job.subjectId, job.recipient.slice('user:'.length));
    if (!row || row.detected_on !== job.dueOn || !row.trainer) return undefined;
    const { name: organisationName } = (await organisationProfile(manager, job.organisationId))!;
    const why = row.reason === 'consecutive-absences' ? 'missed sessions in a row' : 'attendance has fallen below the minimum for completion';
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, organisationName, {
      subject: `Follow-up needed: ${row.person_name} in ${row.cohort_name} may be at risk of dropping out`,
      paragraphs: [
        `${row.person_name} in ${row.cohort_name} has been flagged at risk of dropping out after the session on ${longDate(row.held_on)}: ${row.message ?? why}.`,
        `A quick call or a word before the next session often makes the difference. Please get in touch with ${row.person_name} and record anything that affects their attendance.`,
        `You can see everyone at risk in your cohorts on the at-risk list.`,
      ],
      text: `${row.person_name} in ${row.cohort_name} may be at risk of dropping out (${row.message ?? why}). Please get in touch with them before the next session.`,
      personalisation: { person: row.person_name, cohort: row.cohort_name },
    });
  }

  /** Marks the event dealt with once no active trainer of the cohort is still waiting for it. */
  async settled(job: SubjectReminderJob): Promise<void> {
    if (!/^\d{1,18}$/.test(job.subjectId)) return;
    await this.tenancy.run(job.organisationId, (manager) => settleAtRiskEvents(manager, job.organisationId, job.subjectId, followedUp));
  }
}
