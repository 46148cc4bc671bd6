import { Injectable } from '@nestjs/common';
import { addDays } from '@steppingstone/core';
import { placementReviewHeld, placementReviewHeldSql } from '@steppingstone/placements';
import { EntityManager } from 'typeorm';
import { PLACEMENT_FACTS, placementFacts, supervisorAddressee } from '../placement-contacts';
import { ReminderOutcome } from '../reminder-kind';
import { COORDINATOR_IDS } from '../recipients';
import { longDate, reminderFor } from '../reminder-email';
import { parseWeekSubject, SubjectReminderJob } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const PLACEMENT_REVIEW_DUE = 'placement-review-due';

/** A review point counts as "due" a week ahead in the placement view; the reminder goes out then. */
export const REVIEW_NOTICE_DAYS = 7;

/**
 * A placement review due (at the placement's set points, e.g. weeks 6 and 12): to the
 * organisation's coordinators, who hold the review, and to the supervisor when their contact is
 * an email address. From a week before the point until the day itself, unless it was recorded.
 */
@Injectable()
export class PlacementReviewReminders extends SubjectReminderKind {
  readonly name = PLACEMENT_REVIEW_DUE;

  protected dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    return manager.query(
      `WITH live AS (${PLACEMENT_FACTS}),
            points AS (
              SELECT l.*, w.week, l.starts_on::date + w.week * 7 AS review_on
                FROM live l CROSS JOIN LATERAL unnest(l.review_weeks) AS w(week)
               WHERE NOT ${placementReviewHeldSql('$1', 'l.placement_id', 'w.week')})
       SELECT pt.placement_id || '.week-' || pt.week AS subject_id, to_char(pt.review_on - ${REVIEW_NOTICE_DAYS}, 'YYYY-MM-DD') AS due_on, r.recipient
         FROM points pt
         CROSS JOIN LATERAL (
           SELECT 'user:' || c.user_id AS recipient FROM (${COORDINATOR_IDS}) c
           UNION ALL SELECT 'supervisor' WHERE pt.supervisor_email IS NOT NULL) r
        WHERE pt.today::date BETWEEN pt.review_on - ${REVIEW_NOTICE_DAYS} AND pt.review_on
          AND pt.review_on <= pt.last_day::date
        ORDER BY pt.placement_id, pt.week, r.recipient`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    const point = parseWeekSubject(job.subjectId);
    if (!point) return undefined;
    const facts = await placementFacts(manager, job.organisationId, at, point.id);
    if (!facts || !facts.review_weeks.includes(point.week)) return undefined;
    const reviewOn = addDays(facts.starts_on, point.week * 7);
    if (addDays(reviewOn, -REVIEW_NOTICE_DAYS) !== job.dueOn || facts.today > reviewOn || reviewOn > facts.last_day) return undefined;
    if (await placementReviewHeld(manager, job.organisationId, point.id, point.week)) return undefined;
    const toSupervisor = job.recipient === 'supervisor';
    const addressee = await this.addressee(manager, job, toSupervisor ? supervisorAddressee(facts) : undefined);
    return reminderFor(addressee, this.delivery(job), job.recipient, facts.organisation_name, {
      subject: `Week ${point.week} placement review due for ${facts.person_name} on ${longDate(reviewOn)}`,
      paragraphs: [
        `The week ${point.week} review of ${facts.person_name}'s placement as ${facts.role_title} at ${facts.host_name} is due on ${longDate(reviewOn)}.`,
        toSupervisor
          ? `${facts.organisation_name} will be in touch to arrange it; please have a think about how the placement is going and anything that would help.`
          : `Please arrange it with ${facts.person_name} and their supervisor, ${facts.supervisor_name}, and record the outcome on the placement once it is held.`,
      ],
    });
  }
}
