import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, DomainError, organisationToday, QueueName, Tenancy } from '@steppingstone/core';
import { cohortExists, cohortMembersSql } from '@steppingstone/cohorts';
import { deliveryCountsByStatusSql } from '@steppingstone/notifications';
import { organisationNameSql, organisationProfile, organisationTimeZoneSql } from '@steppingstone/organisations';
import { intakeExists, intakeStageApplicantsSql } from '@steppingstone/recruitment';
import { sendDelay } from '../quiet-hours';
import { ReminderOutcome } from '../reminder-kind';
import { reminderFor } from '../reminder-email';
import { SubjectReminderJob, subjectReminderJobId } from '../subject-reminder';
import { DueRow, SubjectReminderKind } from '../subject-reminder-kind';

export const COORDINATOR_MESSAGE = 'coordinator-message';

/** A message not out within this long (Redis lost, the worker down) is no longer news; the log shows it unsent. */
const STILL_DUE_DAYS = 3;

export enum CoordinatorMessageErrorCode {
  GroupNotFound = 'GROUP_NOT_FOUND',
  NobodyToMessage = 'NOBODY_TO_MESSAGE',
  MessageNotFound = 'MESSAGE_NOT_FOUND',
  /** A cohort message without cohortId, an intake-stage one without intakeId or stage. */
  InvalidAudience = 'INVALID_AUDIENCE',
}

export class CoordinatorMessageError extends DomainError<CoordinatorMessageErrorCode> {
  readonly domain = 'messages';
}

export interface CoordinatorMessageCommand {
  audience: 'cohort' | 'intake-stage';
  cohortId?: string;
  intakeId?: string;
  stage?: string;
  subject: string;
  body: string;
}

export interface CoordinatorMessage {
  id: string;
  audience: 'cohort' | 'intake-stage';
  cohortId: string | null;
  intakeId: string | null;
  stage: string | null;
  subject: string;
  body: string;
  createdAt: Date;
  recipients: number;
  /** Deliveries by status so far: sent, skipped (with no way to reach them), failed, sending. */
  deliveries: Record<string, number>;
}

const SELECT = `
  SELECT m.id, m.audience, m.cohort_id AS "cohortId", m.intake_id AS "intakeId", m.stage, m.subject, m.body, m.created_at AS "createdAt",
         (SELECT count(*)::int FROM coordinator_message_recipients r WHERE r.organisation_id = m.organisation_id AND r.message_id = m.id) AS recipients,
         ${deliveryCountsByStatusSql('m.organisation_id', `'${COORDINATOR_MESSAGE}:' || m.id || ':'`)} AS deliveries
    FROM coordinator_messages m`;

/**
 * Messages a coordinator sends to a cohort or to an intake's applicants at one stage: who it goes
 * to is fixed when it is sent, each by their own preference (email, or a text), through the
 * delivery log. Enqueued at once (held until 08:00 in the organisation's zone at night); the
 * reminders reconciler puts back any Redis loses, as for every reminder.
 */
@Injectable()
export class CoordinatorMessages extends SubjectReminderKind {
  readonly name = COORDINATOR_MESSAGE;

  constructor(
    tenancy: Tenancy,
    private readonly audit: AuditLog,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {
    super(tenancy);
  }

  async send(actor: Actor, command: CoordinatorMessageCommand): Promise<CoordinatorMessage> {
    const org = actor.organisationId;
    const { message, jobs, timeZone } = await this.tenancy.run(org, async (manager) => {
      await this.refuseUnknownGroup(manager, org, command);
      const id = randomUUID();
      await manager.query(`INSERT INTO coordinator_messages (organisation_id, id, audience, cohort_id, intake_id, stage, subject, body, sent_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        org,
        id,
        command.audience,
        command.audience === 'cohort' ? command.cohortId : null,
        command.audience === 'intake-stage' ? command.intakeId : null,
        command.audience === 'intake-stage' ? command.stage : null,
        command.subject,
        command.body,
        actor.userId,
      ]);
      const people: Array<{ person_id: string }> = await manager.query(
        command.audience === 'cohort'
          ? `INSERT INTO coordinator_message_recipients (organisation_id, message_id, person_id)
             SELECT $1, $2, g.person_id FROM (${cohortMembersSql('$1', '$3')}) g RETURNING person_id`
          : `INSERT INTO coordinator_message_recipients (organisation_id, message_id, person_id)
             SELECT $1::uuid, $2::uuid, g.person_id FROM (${intakeStageApplicantsSql('$1', '$3', '$4')}) g RETURNING person_id`,
        command.audience === 'cohort' ? [org, id, command.cohortId] : [org, id, command.intakeId, command.stage],
      );
      if (!people.length)
        throw new CoordinatorMessageError(CoordinatorMessageErrorCode.NobodyToMessage, 'Nobody is in that group to send the message to', [
          { field: 'audience', rule: 'hasPeople', message: 'the group has nobody in it' },
        ]);
      const today = await organisationToday(manager, org);
      const { timeZone: time_zone } = (await organisationProfile(manager, org))!;
      await this.audit.record(manager, actor, {
        action: 'coordinator-message.sent',
        entityType: 'coordinator-message',
        entityId: id,
        details: { audience: command.audience, recipients: people.length },
      });
      const jobs: SubjectReminderJob[] = people.map((p) => ({ organisationId: org, subjectId: id, dueOn: today, recipient: `person:${p.person_id}` }));
      return { message: await this.find(manager, org, id), jobs, timeZone: time_zone };
    });
    // After commit; should Redis refuse, the reconciler finds the recipients in PostgreSQL and enqueues them.
    const delay = sendDelay(new Date(), jobs[0].dueOn, timeZone);
    await this.queue.addBulk(jobs.map((job) => ({ name: this.name, data: job, opts: { jobId: subjectReminderJobId(this.name, job), ...(delay > 0 ? { delay } : {}) } }))).catch(() => undefined);
    return message;
  }

  list(actor: Actor): Promise<CoordinatorMessage[]> {
    return this.tenancy.run(actor.organisationId, (manager) => manager.query(`${SELECT} WHERE m.organisation_id = $1 ORDER BY m.created_at DESC, m.id LIMIT 200`, [actor.organisationId]));
  }

  get(actor: Actor, id: string): Promise<CoordinatorMessage> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  protected dueRows(manager: EntityManager, organisationId: string, at: Date): Promise<DueRow[]> {
    return manager.query(
      `SELECT m.id::text AS subject_id, to_char((m.created_at AT TIME ZONE ${organisationTimeZoneSql('$1')})::date, 'YYYY-MM-DD') AS due_on, 'person:' || r.person_id AS recipient
         FROM coordinator_messages m
         JOIN coordinator_message_recipients r ON r.organisation_id = m.organisation_id AND r.message_id = m.id
        WHERE m.organisation_id = $1 AND m.created_at > $2::timestamptz - make_interval(days => ${STILL_DUE_DAYS}) AND m.created_at <= $2::timestamptz
        ORDER BY m.created_at, r.person_id`,
      [organisationId, at.toISOString()],
    );
  }

  protected async composeWith(manager: EntityManager, job: SubjectReminderJob, at: Date): Promise<ReminderOutcome | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(job.subjectId) || !job.recipient.startsWith('person:')) return undefined;
    const [row]: Array<{ subject: string; body: string; organisation_name: string }> = await manager.query(
      `SELECT m.subject, m.body, ${organisationNameSql('$1')} AS organisation_name FROM coordinator_messages m
         JOIN coordinator_message_recipients r ON r.organisation_id = m.organisation_id AND r.message_id = m.id AND r.person_id = $3::uuid
        WHERE m.organisation_id = $1 AND m.id = $2::uuid AND m.created_at > $4::timestamptz - make_interval(days => ${STILL_DUE_DAYS})`,
      [job.organisationId, job.subjectId, job.recipient.slice('person:'.length), at.toISOString()],
    );
    if (!row) return undefined;
    return reminderFor(await this.addressee(manager, job), this.delivery(job), job.recipient, row.organisation_name, {
      subject: row.subject,
      paragraphs: row.body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      text: row.body,
      personalisation: { subject: row.subject },
    });
  }

  private async find(manager: EntityManager, org: string, id: string): Promise<CoordinatorMessage> {
    const [row]: CoordinatorMessage[] = await manager.query(`${SELECT} WHERE m.organisation_id = $1 AND m.id = $2`, [org, id]);
    if (!row) throw new CoordinatorMessageError(CoordinatorMessageErrorCode.MessageNotFound, 'Message not found');
    return row;
  }

  private async refuseUnknownGroup(manager: EntityManager, org: string, command: CoordinatorMessageCommand): Promise<void> {
    const [id, field] = command.audience === 'cohort' ? [command.cohortId, 'cohortId'] : [command.intakeId, 'intakeId'];
    if (!id)
      throw new CoordinatorMessageError(CoordinatorMessageErrorCode.InvalidAudience, `${field} is required for a message to a ${command.audience}`, [
        { field: field!, rule: 'required', message: `${field} is required` },
      ]);
    if (command.audience === 'intake-stage' && !command.stage)
      throw new CoordinatorMessageError(CoordinatorMessageErrorCode.InvalidAudience, 'stage is required for a message to an intake stage', [
        { field: 'stage', rule: 'required', message: 'stage is required' },
      ]);
    if (!(await groupExists(manager, org, command.audience, id)))
      throw new CoordinatorMessageError(CoordinatorMessageErrorCode.GroupNotFound, `${field} does not name a ${command.audience === 'cohort' ? 'cohort' : 'intake'} of this organisation`, [
        { field: field!, rule: 'exists', message: `${field} must be a record of this organisation` },
      ]);
  }
}

/** Whether the cohort, or the intake, a message is for is one of the organisation's. */
export function groupExists(manager: EntityManager, organisationId: string, audience: 'cohort' | 'intake-stage', id: string): Promise<boolean> {
  return audience === 'cohort' ? cohortExists(manager, organisationId, id) : intakeExists(manager, organisationId, id);
}
