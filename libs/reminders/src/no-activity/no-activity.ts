import { Injectable } from '@nestjs/common';
import { daysBetween, organisationToday } from '@steppingstone/core';
import { EntityManager } from 'typeorm';
import { quietPeople } from '@steppingstone/placements';
import { organisationProfile } from '@steppingstone/organisations';
import { ReminderOutcome } from '../reminder-kind';
import { longDate, reminderFor } from '../reminder-email';
import { SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const NO_ACTIVITY = 'no-activity';

/** A quiet spell caught up after an outage is still worth a nudge within the week; later, supervision picks it up. */
const CATCH_UP_DAYS = 7;

/**
 * "No activity for N days": to a person on an active placement who has logged nothing for the
 * organisation's number of days. Due on the day the flag goes up (last entry, or the placement's
 * start, plus N); logging anything moves that day, and with it the key, so each quiet spell gets
 * one reminder.
 */
@Injectable()
export class NoActivityReminders extends SubjectReminderKind {
  readonly name = NO_ACTIVITY;

  protected async dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    const today = await organisationToday(manager, organisationId, at);
    return (await quietPeople(manager, organisationId, today))
      .filter((q) => daysBetween(q.flaggedOn, today) < CATCH_UP_DAYS)
      .map((q) => ({ subject_id: q.personId, due_on: q.flaggedOn, recipient: `person:${q.personId}` as const }));
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    const today = await organisationToday(manager, job.organisationId, at);
    const [quiet] = await quietPeople(manager, job.organisationId, today, job.subjectId);
    if (!quiet || quiet.flaggedOn !== job.dueOn) return undefined;
    const { name } = (await organisationProfile(manager, job.organisationId))!;
    const since = quiet.lastLoggedOn ? `since ${longDate(quiet.lastLoggedOn)}` : 'since your placement started';
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, name, {
      subject: `We haven't seen any activity logged for ${quiet.quietDays} days`,
      paragraphs: [
        `There has been no activity logged ${since}. If you have been out and about, please log it on your phone: it only takes a minute, and it counts towards what the programme can show.`,
        `If something is getting in the way, have a word with your supervisor or coordinator. We're here to help.`,
      ],
      text: `Hi ${quiet.personName}, there's no activity logged ${since}. Please log what you've done, or get in touch if something is getting in the way.`,
      personalisation: { days: String(quiet.quietDays), last: quiet.lastLoggedOn ?? '' },
    });
  }
}
