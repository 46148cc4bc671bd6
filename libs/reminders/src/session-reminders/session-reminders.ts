import { Injectable } from '@nestjs/common';
import { ISO_DATE_PATTERN, Tenancy, UUID_PATTERN } from '@steppingstone/core';
import { OrganisationBatches } from '@steppingstone/notifications';
import { TEXTS_AVAILABLE } from '../recipients';
import { ReminderKind, ReminderOutcome } from '../reminder-kind';
import { SESSION_TOMORROW, SessionReminderJob, sessionReminderJobId, sessionReminderKey } from './session-reminder';
import { sessionReminderEmail, sessionReminderText } from './session-reminder-email';

/**
 * Who should still hear about a session: it is scheduled and has not started, they are enrolled
 * (not withdrawn, no open withdrawal) and they have an email address and want email. Shared by the
 * reconciler and the send, so a withdrawal or cancellation after enqueuing stops the email too.
 * `$1` is the organisation; `now` the SQL for the moment "now" is taken to be.
 */
const stillDue = (now: string) => `
  s.status = 'scheduled' AND s.starts_at > ${now}
  AND e.status = 'enrolled'
  AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.organisation_id = $1 AND w.enrolment_id = e.id AND w.readmitted_on IS NULL)
  AND ((p.email IS NOT NULL AND 'email' = ANY (p.contact_preferences))
       OR (p.phone IS NOT NULL AND 'sms' = ANY (p.contact_preferences) AND ${TEXTS_AVAILABLE}))`;

const SESSION_PEOPLE = `
  organisations o
  JOIN cohort_sessions s ON s.organisation_id = o.id
  JOIN cohorts c ON c.organisation_id = s.organisation_id AND c.id = s.cohort_id
  JOIN enrolments e ON e.organisation_id = s.organisation_id AND e.cohort_id = s.cohort_id
  JOIN people p ON p.organisation_id = e.organisation_id AND p.id = e.person_id`;

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
        `SELECT s.id AS session_id, e.person_id, (s.held_on - 1)::text AS due_on
         FROM ${SESSION_PEOPLE}
         WHERE o.id = $1 AND s.held_on = (SELECT organisation_today($1, $2::timestamptz) + 1) AND ${stillDue('$2::timestamptz')}
           AND NOT EXISTS (
             SELECT 1 FROM deliveries d
             WHERE d.organisation_id = $1 AND d.status = 'sent'
               AND d.key = '${SESSION_TOMORROW}:' || s.id || ':' || (s.held_on - 1)::text || ':' || e.person_id)
         ORDER BY s.starts_at, s.id, e.person_id`,
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
        `SELECT asked.i::int AS i, o.name AS organisation_name, o.time_zone, s.starts_at, s.duration_minutes, coalesce(s.venue, c.venue) AS venue,
                c.name AS cohort_name, p.name, p.preferred_name, p.email, 'email' = ANY (p.contact_preferences) AS wants_email, p.phone
         FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::timestamptz[]) WITH ORDINALITY AS asked(session_id, person_id, due_on, at, i)
         JOIN cohort_sessions s ON s.organisation_id = $1 AND s.id = asked.session_id AND s.held_on = asked.due_on + 1
         JOIN organisations o ON o.id = s.organisation_id
         JOIN cohorts c ON c.organisation_id = s.organisation_id AND c.id = s.cohort_id
         JOIN enrolments e ON e.organisation_id = s.organisation_id AND e.cohort_id = s.cohort_id AND e.person_id = asked.person_id
         JOIN people p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
         WHERE ${stillDue('asked.at')}`,
        [organisationId, wanted.map((w) => w.job.sessionId), wanted.map((w) => w.job.personId), wanted.map((w) => w.job.dueOn), wanted.map((w) => w.at.toISOString())],
      );
      const byIndex = new Map(rows.map((r) => [r.i, r]));
      return wanted.map((_, i) => byIndex.get(i + 1));
    });
  }
}
