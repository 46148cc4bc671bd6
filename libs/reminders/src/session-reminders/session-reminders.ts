import { Injectable } from '@nestjs/common';
import { ISO_DATE_PATTERN, Tenancy, UUID_PATTERN } from '@steppingstone/core';
import { sessionAttendeesSql } from '@steppingstone/cohorts';
import { deliveryLoggedSql, OrganisationBatches } from '@steppingstone/notifications';
import { organisationNameSql, organisationTimeZoneSql } from '@steppingstone/organisations';
import { personReachSql } from '@steppingstone/people';
import { TEXTS_AVAILABLE } from '../recipients';
import { ReminderKind, ReminderOutcome } from '../reminder-kind';
import { SESSION_TOMORROW, SessionReminderJob, sessionReminderJobId, sessionReminderKey } from './session-reminder';
import { sessionReminderEmail, sessionReminderText } from './session-reminder-email';

/**
 * Who should still hear about a session: it is scheduled and has not started, they are enrolled
 * (not withdrawn, no open withdrawal) and they have an email address and want email, or a phone and
 * want texts the organisation can send. Shared by the reconciler and the send, so a withdrawal or
 * cancellation after enqueuing stops the email too. `$1` is the organisation; `now` the SQL for the
 * moment "now" is taken to be. The attendees are `a`, the person's contact `p`.
 */
const SESSION_PEOPLE = (now: string, one?: { session: string; person: string }) => `
  (${sessionAttendeesSql({ organisation: '$1', now, ...one })}) a
  CROSS JOIN LATERAL (${personReachSql('$1', 'a.person_id')}) p`;

const REACHABLE = `((p.email IS NOT NULL AND p.wants_email) OR (p.phone IS NOT NULL AND p.wants_text AND ${TEXTS_AVAILABLE}))`;

interface ReminderRow {
  organisation_name: string;
  time_zone: string;
  starts_at: Date;
  duration_minutes: number;
  venue: string | null;
  cohort_name: string;
  name: string;
  preferred_name: string | null;
  email: string | null;
  wants_email: boolean;
  phone: string | null;
}

/**
 * The session-tomorrow reminder: what is due, computed from PostgreSQL, and the email for one of
 * them. People who do not want email are left out of what is due (rather than recorded as skipped)
 * (those who prefer texts are due once the organisation has a Notify key) so that a batch of thousands costs one query and the log holds only messages that went.
 */
@Injectable()
export class SessionReminders implements ReminderKind<SessionReminderJob> {
  readonly name = SESSION_TOMORROW;
  /** The jobs a worker runs at once read their facts in one query (see OrganisationBatches). */
  private readonly facts = new OrganisationBatches<{ job: SessionReminderJob; at: Date }, ReminderRow | undefined>((organisationId, wanted) => this.readFacts(organisationId, wanted));

  constructor(private readonly tenancy: Tenancy) {}

  key(job: SessionReminderJob): string {
    return sessionReminderKey(job);
  }

  jobId(job: SessionReminderJob): string {
    return sessionReminderJobId(job);
  }

  /**
   * Every reminder due at `at` and not yet sent: sessions held tomorrow in the organisation's time
   * zone, times the people who should hear about them. Sent ones are left out here so that an
   * hourly run costs one query once the day's reminders are out; the delivery log still guards
   * against sending twice whatever this returns.
   */
  due(organisationId: string, at = new Date()): Promise<SessionReminderJob[]> {
    return this.tenancy.run(organisationId, async (manager) => {
      const rows: Array<{ session_id: string; person_id: string; due_on: string }> = await manager.query(
        `SELECT a.session_id, a.person_id, (a.held_on - 1)::text AS due_on
         FROM ${SESSION_PEOPLE('$2::timestamptz')}
         WHERE a.held_on = (SELECT organisation_today($1, $2::timestamptz) + 1) AND ${REACHABLE}
           AND NOT ${deliveryLoggedSql('$1', `'${SESSION_TOMORROW}:' || a.session_id || ':' || (a.held_on - 1)::text || ':' || a.person_id`, ['sent'])}
         ORDER BY a.starts_at, a.session_id, a.person_id`,
        [organisationId, at.toISOString()],
      );
      return rows.map((r) => ({ organisationId, sessionId: r.session_id, personId: r.person_id, dueOn: r.due_on }));
    });
  }

  /** Undefined when the reminder is no longer due (cancelled, withdrawn, moved, started, opted out). */
  async compose(job: SessionReminderJob, at = new Date()): Promise<ReminderOutcome | undefined> {
    // Checked here so that one malformed job fails alone rather than the query its batch shares.
    if (!UUID_PATTERN.test(job.sessionId) || !UUID_PATTERN.test(job.personId) || !ISO_DATE_PATTERN.test(job.dueOn)) throw new Error(`Malformed ${SESSION_TOMORROW} job: ${JSON.stringify(job)}`);
    const row = await this.facts.run(job.organisationId, { job, at });
    if (!row) return undefined;
    const facts = {
      organisation: { name: row.organisation_name, timeZone: row.time_zone },
      session: { id: job.sessionId, startsAt: new Date(row.starts_at), durationMinutes: row.duration_minutes, venue: row.venue },
      cohortName: row.cohort_name,
      person: { id: job.personId, name: row.name, preferredName: row.preferred_name, email: row.email ?? '' },
    };
    const delivery = { key: sessionReminderKey(job), template: SESSION_TOMORROW };
    // Email first for those who want both; a text for those who prefer texts only (stillDue has checked the organisation can send them).
    if (row.email && row.wants_email) return { action: 'send', delivery: { ...delivery, email: sessionReminderEmail(facts, at) } };
    return { action: 'send', delivery: { ...delivery, text: sessionReminderText({ ...facts, phone: row.phone! }) } };
  }

  /** The facts for each wanted reminder still due at its own `at`, in the order asked; undefined for those no longer due. */
  private readFacts(organisationId: string, wanted: Array<{ job: SessionReminderJob; at: Date }>): Promise<Array<ReminderRow | undefined>> {
    return this.tenancy.run(organisationId, async (manager) => {
      const rows: Array<ReminderRow & { i: number }> = await manager.query(
        `SELECT asked.i::int AS i, ${organisationNameSql('$1')} AS organisation_name, ${organisationTimeZoneSql('$1')} AS time_zone, a.starts_at, a.duration_minutes, a.venue,
                a.cohort_name, p.name, p.preferred_name, p.email, p.wants_email, p.phone
         FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::timestamptz[]) WITH ORDINALITY AS asked(session_id, person_id, due_on, at, i)
         CROSS JOIN LATERAL ${SESSION_PEOPLE('asked.at', { session: 'asked.session_id', person: 'asked.person_id' })}
         WHERE a.session_id = asked.session_id AND a.held_on = asked.due_on + 1 AND a.person_id = asked.person_id AND ${REACHABLE}`,
        [organisationId, wanted.map((w) => w.job.sessionId), wanted.map((w) => w.job.personId), wanted.map((w) => w.job.dueOn), wanted.map((w) => w.at.toISOString())],
      );
      const byIndex = new Map(rows.map((r) => [r.i, r]));
      return wanted.map((_, i) => byIndex.get(i + 1));
    });
  }
}
