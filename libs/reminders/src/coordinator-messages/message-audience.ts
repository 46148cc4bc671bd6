import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Tenancy } from '@steppingstone/core';
import { cohortMembersSql } from '@steppingstone/cohorts';
import { personReachSql } from '@steppingstone/people';
import { intakeStageApplicantsSql } from '@steppingstone/recruitment';
import { TEXTS_AVAILABLE } from '../recipients';
import { CoordinatorMessageError, CoordinatorMessageErrorCode, groupExists } from './coordinator-messages';

export interface MessageGroup {
  audience: 'cohort' | 'intake-stage';
  cohortId?: string;
  intakeId?: string;
  stage?: string;
}

/** Who a message to the group would reach now, and by which channel. */
export interface MessageAudience {
  people: number;
  email: number;
  text: number;
  /** People with no way to reach them (recorded as skipped when the message is sent). */
  none: number;
}

/**
 * The channel rule of `personAddressee` and `reminderFor` in one count: email when the person has
 * an address and wants email; otherwise a text when they want texts, have a number and the
 * organisation has a Notify key; otherwise nothing. The group is the one `CoordinatorMessages.send`
 * would fix (a cohort's enrolled members, or an intake's applicants at one stage).
 */
const COUNT = (group: string) => `
  WITH g AS (${group}),
       p AS (SELECT coalesce(pe.email, '') <> '' AND pe.wants_email AS by_email,
                    pe.wants_text AND coalesce(pe.phone, '') <> '' AND ${TEXTS_AVAILABLE} AS can_text
               FROM g CROSS JOIN LATERAL (${personReachSql('$1', 'g.person_id')}) pe)
  SELECT count(*)::int AS people,
         count(*) FILTER (WHERE by_email)::int AS email,
         count(*) FILTER (WHERE NOT by_email AND can_text)::int AS text
    FROM p`;

@Injectable()
export class MessageAudiences {
  constructor(private readonly tenancy: Tenancy) {}

  count(actor: Actor, group: MessageGroup): Promise<MessageAudience> {
    return this.tenancy.run(actor.organisationId, (manager) => this.countWith(manager, actor.organisationId, group));
  }

  private async countWith(manager: EntityManager, org: string, group: MessageGroup): Promise<MessageAudience> {
    const cohort = group.audience === 'cohort';
    const [id, field] = cohort ? [group.cohortId, 'cohortId'] : [group.intakeId, 'intakeId'];
    if (!id)
      throw new CoordinatorMessageError(CoordinatorMessageErrorCode.InvalidAudience, `${field} is required for a message to a ${group.audience}`, [
        { field, rule: 'required', message: `${field} is required` },
      ]);
    if (!cohort && !group.stage)
      throw new CoordinatorMessageError(CoordinatorMessageErrorCode.InvalidAudience, 'stage is required for a message to an intake stage', [
        { field: 'stage', rule: 'required', message: 'stage is required' },
      ]);
    if (!(await groupExists(manager, org, group.audience, id)))
      throw new CoordinatorMessageError(CoordinatorMessageErrorCode.GroupNotFound, `${field} does not name a ${cohort ? 'cohort' : 'intake'} of this organisation`, [
        { field, rule: 'exists', message: `${field} must be a record of this organisation` },
      ]);
    const [row]: Array<{ people: number; email: number; text: number }> = cohort
      ? await manager.query(COUNT(cohortMembersSql('$1', '$2')), [org, id])
      : await manager.query(COUNT(intakeStageApplicantsSql('$1', '$2', '$3')), [org, id, group.stage]);
    return { ...row, none: row.people - row.email - row.text };
  }
}
