import { Injectable } from '@nestjs/common';
import { Actor, Role, Tenancy } from '@steppingstone/core';
import { organisationNameSql } from '@steppingstone/organisations';
import { intakesClosingSql } from '@steppingstone/recruitment';
import { GapAnalyses, GapAnalysisResult } from '@steppingstone/representativeness';
import { EntityManager } from 'typeorm';
import { ReminderKind, ReminderOutcome } from '../reminder-kind';
import { COORDINATOR_IDS, memberAddressee } from '../recipients';
import { inDays, longDate, reminderFor } from '../reminder-email';
import { SubjectReminderJob, subjectReminderJobId, subjectReminderKey } from '../subject-reminder';
import { DueRow } from '../subject-reminder-kind';

export const RECRUITMENT_WINDOW_CLOSING = 'recruitment-window-closing';

/** Three days: enough to run one more targeted outreach before applications close. */
export const WINDOW_NOTICE_DAYS = 3;

/**
 * The reminder job reads gaps as the organisation's own analysis would, and the audit log records
 * that it did; no person did, so the entry names no user (the nil id) and the reminder as request.
 */
export const REMINDERS_USER_ID = '00000000-0000-0000-0000-000000000000';

/** Open intakes closing within the notice, whose programme has chosen a census dataset. `$1` organisation, `$2` now. */
const CLOSING = `SELECT c.*, ${organisationNameSql('$1')} AS organisation_name FROM (${intakesClosingSql({ organisation: '$1', at: '$2' }, WINDOW_NOTICE_DAYS)}) c`;

interface ClosingRow {
  intake_name: string;
  programme_name: string;
  dataset_id: string;
  organisation_name: string;
  closes_on: string;
  due_on: string;
  days_left: number;
  today: string;
}

/** The groups flagged as under-represented ("who isn't there"), largest shortfall first, as a coordinator reads them. */
export function groupsNotThereYet(analysis: Pick<GapAnalysisResult, 'dimensions' | 'whoIsntThere' | 'capacity'>): string[] {
  const labels = new Map(analysis.dimensions.map((d) => [d.dimension, d.label]));
  return analysis.whoIsntThere
    .filter((s) => s.flag === 'under')
    .map((s) => {
      const more = analysis.capacity ? `: about ${s.neededAtCapacity} more applicant${s.neededAtCapacity === 1 ? '' : 's'} to fill their share of ${analysis.capacity} places` : '';
      return `${labels.get(s.dimension) ?? s.dimension}: ${s.category} (${s.count} applied, ${s.expectedCount.toFixed(1)} expected)${more}`;
    });
}

/**
 * Recruitment window closing in three days while representativeness gaps remain: to the
 * organisation's coordinators, naming the groups that aren't there yet, from the gap analysis of
 * the intake's applicants against the programme's chosen census dataset. No dataset, or no group
 * flagged: no email (the delivery log records it as skipped, with the reason).
 */
@Injectable()
export class RecruitmentWindowReminders implements ReminderKind<SubjectReminderJob> {
  readonly name = RECRUITMENT_WINDOW_CLOSING;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly gaps: GapAnalyses,
  ) {}

  due(organisationId: string, at: Date): Promise<SubjectReminderJob[]> {
    return this.tenancy.run(organisationId, async (manager: EntityManager) => {
      const rows: DueRow[] = await manager.query(
        `SELECT c.intake_id::text AS subject_id, c.due_on, 'user:' || m.user_id AS recipient
           FROM (${CLOSING}) c CROSS JOIN (${COORDINATOR_IDS}) m
          ORDER BY c.intake_id, m.user_id`,
        [organisationId, at.toISOString()],
      );
      return rows.map((r) => ({ organisationId, subjectId: r.subject_id, dueOn: r.due_on, recipient: r.recipient }));
    });
  }

  key(job: SubjectReminderJob): string {
    return subjectReminderKey(this.name, job);
  }

  jobId(job: SubjectReminderJob): string {
    return subjectReminderJobId(this.name, job);
  }

  /** The gap analysis opens its own transaction, so the facts are read first and the analysis run after. */
  async compose(job: SubjectReminderJob, at = new Date()): Promise<ReminderOutcome | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(job.subjectId) || !job.recipient.startsWith('user:')) return undefined;
    const found = await this.tenancy.run(job.organisationId, async (manager) => {
      const [row]: ClosingRow[] = await manager.query(`${CLOSING} WHERE c.intake_id = $3::uuid`, [job.organisationId, at.toISOString(), job.subjectId]);
      return row && row.due_on === job.dueOn ? { row, addressee: await memberAddressee(manager, job.organisationId, job.recipient.slice('user:'.length)) } : undefined;
    });
    if (!found) return undefined;
    const { row, addressee } = found;
    if (!addressee) return undefined;
    const actor: Actor = { userId: REMINDERS_USER_ID, organisationId: job.organisationId, role: Role.Coordinator, sessionId: 'reminders', requestId: this.jobId(job) };
    const analysis = await this.gaps.analyse(actor, { population: { intakeId: job.subjectId }, datasetId: row.dataset_id, referenceDate: row.today });
    const groups = groupsNotThereYet(analysis);
    const subject = `${row.intake_name} closes ${inDays(row.days_left)}: groups that aren't there yet`;
    if (!groups.length) {
      return {
        action: 'skip',
        skipped: { key: this.key(job), template: this.name, recipient: addressee.email ?? job.recipient, subject, reason: 'no representativeness gap is flagged for this intake' },
      };
    }
    return reminderFor(addressee, { key: this.key(job), template: this.name }, job.recipient, row.organisation_name, {
      subject,
      paragraphs: [
        `Recruitment for ${row.intake_name} (${row.programme_name}) closes on ${longDate(row.closes_on)}, ${inDays(row.days_left)}.`,
        `${analysis.population.size} people have applied so far. Compared with ${analysis.reference.area.name} in ${analysis.reference.datasetName}, these groups aren't there yet:`,
      ],
      list: groups,
      closing: [`There is still time to reach them: a word with the partners who know these communities, or an event where they already meet, can change who applies.`],
    });
  }
}
