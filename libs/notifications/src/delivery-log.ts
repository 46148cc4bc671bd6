import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig, Tenancy } from '@steppingstone/core';
import { OutgoingMessage, OutgoingText, recipientOf, SentMessage, subjectOf } from './channels';
import { Mailer, OutgoingEmail } from './mailer';
import { isPermanentNotifyFailure, NotifyNotConfigured } from './notify/notify-error';
import { NotifyGateway } from './notify/notify-gateway';
import { NotifySettings } from './notify/notify-settings';
import { OrganisationBatches } from './organisation-batches';

export type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'skipped';

/** The job that produced a message (ids only), kept with it so an admin can run it again once it has failed for good. */
export interface RetryableJob {
  queue: string;
  name: string;
  data: Record<string, unknown>;
}

/** One message a person should receive, as the delivery log records it. */
export interface Delivery {
  organisationId: string;
  id: string;
  key: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  status: DeliveryStatus;
  attempts: number;
  providerId: string | null;
  error: string | null;
  claimedAt: Date;
  sentAt: Date | null;
  /** What Notify's delivery receipt said became of the message; null before one arrives (and for SMTP email). */
  receiptStatus: ReceiptStatus | null;
  receiptAt: Date | null;
  /** Absent for messages whose job was not recorded (those cannot be retried from the admin view). */
  job?: RetryableJob | null;
  updatedAt?: Date;
}

export type ReceiptStatus = 'delivered' | 'permanent-failure' | 'temporary-failure' | 'technical-failure';

export interface EmailDelivery {
  /** What the message is about and to whom, unique per organisation: `<template>:<subject id>:<recipient>`. */
  key: string;
  template: string;
  email: OutgoingEmail;
  retryAs?: RetryableJob;
}

export interface TextDelivery {
  key: string;
  template: string;
  text: OutgoingText;
  retryAs?: RetryableJob;
}

/** One message by either channel, as the log claims and sends it. */
export interface MessageDelivery {
  key: string;
  template: string;
  message: OutgoingMessage;
  retryAs?: RetryableJob;
}

export function asMessageDelivery(delivery: EmailDelivery | TextDelivery): MessageDelivery {
  const message: OutgoingMessage = 'email' in delivery ? { channel: 'email', email: delivery.email } : { channel: 'sms', text: delivery.text };
  return { key: delivery.key, template: delivery.template, message, retryAs: delivery.retryAs };
}

/** A message that was due but deliberately not sent (the person opted out, has no address). */
export interface SkippedDelivery {
  channel?: 'email' | 'sms';
  key: string;
  template: string;
  recipient: string;
  subject: string | null;
  reason: string;
}

export type DeliveryOutcome = { status: 'sent'; providerId: string; attempts: number } | { status: 'already-sent'; providerId: string | null } | { status: 'already-skipped' };

/**
 * Another worker holds a fresh claim on the key (a duplicate job running at the same moment, or one
 * that crashed mid-send). Thrown so the job is retried later, when the key is sent or the claim stale.
 */
export class DeliveryInProgressError extends Error {}

/**
 * A claim older than this is taken to belong to a worker that died mid-send. It is well above the
 * longest a send can take (the mailer's timeouts add up to under a minute), so a live send is never
 * doubled; only a send whose worker died between the SMTP server accepting and the log recording it
 * can be repeated, and its stable Message-ID lets mail systems fold the copies.
 */
export const CLAIM_STALE_AFTER_SECONDS = 120;

type Claim = { kind: 'claimed' | 'sent' | 'skipped' | 'busy'; row: Delivery };

interface SentMark {
  id: string;
  providerId: string;
}

/**
 * Exactly once to the person: claim the key (committed before anything is sent), send, mark sent.
 * An already-sent key is skipped, so a retried or duplicated job never sends twice; a failure is
 * recorded with its attempt count and rethrown, so BullMQ retries it with backoff.
 */
@Injectable()
export class DeliveryLog {
  /** Claims and sent marks of concurrent sends share transactions (see OrganisationBatches). */
  private readonly claims = new OrganisationBatches<MessageDelivery, Claim>((organisationId, deliveries) =>
    this.tenancy.run(organisationId, (manager) => this.claim(manager, organisationId, deliveries)),
  );
  private readonly sentMarks = new OrganisationBatches<SentMark, void>((organisationId, marks) => this.tenancy.run(organisationId, (manager) => this.markSent(manager, organisationId, marks)));

  constructor(
    private readonly tenancy: Tenancy,
    private readonly mailer: Mailer,
    private readonly notify: NotifyGateway,
    private readonly notifySettings: NotifySettings,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  deliverEmail(organisationId: string, delivery: EmailDelivery): Promise<DeliveryOutcome> {
    return this.deliver(organisationId, asMessageDelivery(delivery));
  }

  deliverText(organisationId: string, delivery: TextDelivery): Promise<DeliveryOutcome> {
    return this.deliver(organisationId, asMessageDelivery(delivery));
  }

  /** By the message's channel: texts through Notify, email through Notify when the organisation chose it, else SMTP. */
  async deliver(organisationId: string, delivery: MessageDelivery): Promise<DeliveryOutcome> {
    const claim = await this.claims.run(organisationId, delivery);
    if (claim.kind === 'sent') return { status: 'already-sent', providerId: claim.row.providerId };
    if (claim.kind === 'skipped') return { status: 'already-skipped' };
    if (claim.kind === 'busy') throw new DeliveryInProgressError(`Delivery ${delivery.key} is being sent by another worker (claimed at ${claim.row.claimedAt.toISOString()})`);
    const { row } = claim;
    let providerId: string;
    try {
      ({ providerId } = await this.send(organisationId, delivery, row.attempts > 1));
    } catch (error) {
      await this.tenancy.run(organisationId, (manager) =>
        manager.query(`UPDATE deliveries SET status = 'failed', error = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, row.id, describeError(error)]),
      );
      throw error;
    }
    await this.sentMarks.run(organisationId, { id: row.id, providerId });
    return { status: 'sent', providerId, attempts: row.attempts };
  }

  /**
   * `again` when the key was claimed before: Notify, unlike SMTP, can say whether it already holds a
   * message under the key, so a text whose first attempt reached it is recorded rather than repeated.
   */
  private async send(organisationId: string, delivery: MessageDelivery, again: boolean): Promise<SentMessage> {
    const { message } = delivery;
    if (message.channel === 'sms') {
      const credentials = await this.notifySettings.credentials(organisationId);
      if (!credentials) throw new NotifyNotConfigured('The organisation has no GOV.UK Notify API key, so it cannot send texts');
      const earlier = again ? await this.notify.findByReference(credentials, 'sms', delivery.key) : undefined;
      return earlier ? { providerId: earlier } : this.notify.sendText(credentials, delivery.template, message.text, delivery.key);
    }
    const credentials = await this.notifySettings.credentials(organisationId);
    if (credentials?.emailViaNotify) {
      const earlier = again ? await this.notify.findByReference(credentials, 'email', delivery.key) : undefined;
      return earlier ? { providerId: earlier } : this.notify.sendEmail(credentials, delivery.template, message.email, delivery.key);
    }
    return this.mailer.send({ messageId: this.messageId(organisationId, delivery.key), ...message.email });
  }

  /**
   * What Notify's callback says became of a message: matched on the reference (the delivery's key)
   * and Notify's id together, so a receipt for another message cannot touch this one. Answers
   * whether a delivery matched. A later receipt replaces an earlier one (temporary failure, then delivered).
   */
  recordReceipt(organisationId: string, receipt: { reference: string; providerId: string; status: ReceiptStatus; at: Date }): Promise<boolean> {
    return this.tenancy.run(organisationId, async (manager) => {
      const rows: unknown[] = await manager.query(
        `WITH updated AS (
           UPDATE deliveries SET receipt_status = $4, receipt_at = $5, updated_at = now()
            WHERE organisation_id = $1 AND key = $2 AND provider_id = $3 AND (receipt_at IS NULL OR receipt_at <= $5)
           RETURNING id)
         SELECT id FROM updated`,
        [organisationId, receipt.reference, receipt.providerId, receipt.status, receipt.at],
      );
      if (rows.length) return true;
      const [known]: unknown[] = await manager.query(`SELECT 1 FROM deliveries WHERE organisation_id = $1 AND key = $2 AND provider_id = $3`, [organisationId, receipt.reference, receipt.providerId]);
      return !!known;
    });
  }

  /**
   * Recorded once, so the reconciler stops offering the key; a key already sent stays sent, and one
   * that failed before the person opted out becomes skipped rather than being retried.
   */
  async recordSkipped(organisationId: string, skipped: SkippedDelivery): Promise<void> {
    await this.tenancy.run(organisationId, (manager) =>
      manager.query(
        `INSERT INTO deliveries (organisation_id, id, key, channel, recipient, template, subject, status, error, attempts)
         VALUES ($1, $2, $3, $8, $4, $5, $6, 'skipped', $7, 0)
         ON CONFLICT (organisation_id, key) DO UPDATE SET status = 'skipped', error = EXCLUDED.error, updated_at = now()
           WHERE deliveries.status = 'failed'`,
        [organisationId, randomUUID(), skipped.key, skipped.recipient, skipped.template, skipped.subject, skipped.reason, skipped.channel ?? 'email'],
      ),
    );
  }

  find(organisationId: string, key: string): Promise<Delivery | undefined> {
    return this.tenancy.run(organisationId, async (manager) => {
      const rows: DeliveryRow[] = await manager.query(`SELECT * FROM deliveries WHERE organisation_id = $1 AND key = $2`, [organisationId, key]);
      return rows[0] && toDelivery(rows[0]);
    });
  }

  /**
   * Takes each key for this attempt: a new key is inserted, a failed or stale one is taken over with
   * its attempt count raised; a sent one, or one freshly claimed elsewhere, is left alone. Keys are
   * written in sorted order, so two workers claiming overlapping batches wait for each other rather
   * than deadlock. A key twice in one batch is claimed once; the second gets what a job running just
   * after the first would: busy (the first holds it), or the key's settled state.
   */
  private async claim(manager: EntityManager, organisationId: string, deliveries: MessageDelivery[]): Promise<Claim[]> {
    const unique = [...new Map(deliveries.map((d) => [d.key, d])).values()];
    const claimed: DeliveryRow[] = await manager.query(
      `INSERT INTO deliveries (organisation_id, id, key, channel, recipient, template, subject, status, job_queue, job_name, job_data)
       SELECT $1, d.id, d.key, d.channel, d.recipient, d.template, d.subject, 'sending', d.job_queue, d.job_name, d.job_data
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::text[]) AS d(id, key, recipient, template, subject, job_queue, job_name, job_data, channel)
       ORDER BY d.key
       ON CONFLICT (organisation_id, key) DO UPDATE
         SET status = 'sending', attempts = deliveries.attempts + 1, claimed_at = now(), updated_at = now(),
             recipient = EXCLUDED.recipient, subject = EXCLUDED.subject, channel = EXCLUDED.channel,
             job_queue = coalesce(EXCLUDED.job_queue, deliveries.job_queue), job_name = coalesce(EXCLUDED.job_name, deliveries.job_name), job_data = coalesce(EXCLUDED.job_data, deliveries.job_data)
         WHERE deliveries.status = 'failed'
            OR (deliveries.status = 'sending' AND deliveries.claimed_at < now() - make_interval(secs => ${CLAIM_STALE_AFTER_SECONDS}))
       RETURNING *`,
      [
        organisationId,
        unique.map(() => randomUUID()),
        unique.map((d) => d.key),
        unique.map((d) => recipientOf(d.message)),
        unique.map((d) => d.template),
        unique.map((d) => subjectOf(d.message)),
        unique.map((d) => d.retryAs?.queue ?? null),
        unique.map((d) => d.retryAs?.name ?? null),
        unique.map((d) => (d.retryAs ? JSON.stringify(d.retryAs.data) : null)),
        unique.map((d) => d.message.channel),
      ],
    );
    const byKey = new Map<string, Claim>(claimed.map((row) => [row.key, { kind: 'claimed', row: toDelivery(row) }]));
    const unclaimed = unique.filter((d) => !byKey.has(d.key)).map((d) => d.key);
    if (unclaimed.length) {
      const current: DeliveryRow[] = await manager.query(`SELECT * FROM deliveries WHERE organisation_id = $1 AND key = ANY($2::text[])`, [organisationId, unclaimed]);
      for (const row of current) byKey.set(row.key, { kind: row.status === 'sent' || row.status === 'skipped' ? row.status : 'busy', row: toDelivery(row) });
    }
    const handedOut = new Set<string>();
    return deliveries.map((d) => {
      const claim = byKey.get(d.key)!;
      if (handedOut.has(d.key) && claim.kind === 'claimed') return { kind: 'busy', row: claim.row };
      handedOut.add(d.key);
      return claim;
    });
  }

  private async markSent(manager: EntityManager, organisationId: string, marks: SentMark[]): Promise<void[]> {
    await manager.query(
      `UPDATE deliveries d SET status = 'sent', provider_id = m.provider_id, error = NULL, sent_at = now(), updated_at = now()
       FROM unnest($2::uuid[], $3::text[]) AS m(id, provider_id)
       WHERE d.organisation_id = $1 AND d.id = m.id`,
      [organisationId, marks.map((m) => m.id), marks.map((m) => m.providerId)],
    );
    return marks.map(() => undefined);
  }

  private messageId(organisationId: string, key: string): string {
    const domain = /@([^>\s]+)>?\s*$/.exec(this.config.MAIL_FROM)?.[1] ?? 'steppingstone.local';
    return `<${createHash('sha256').update(`${organisationId}|${key}`).digest('hex').slice(0, 40)}@${domain}>`;
  }
}

/** An SMTP refusal with a 5xx code will not change by retrying (an unknown mailbox, a rejected sender); nor will Notify's 400 or 403. */
export function isPermanentDeliveryFailure(error: unknown): boolean {
  if (isPermanentNotifyFailure(error)) return true;
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export interface DeliveryRow {
  organisation_id: string;
  id: string;
  key: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  status: DeliveryStatus;
  attempts: number;
  provider_id: string | null;
  error: string | null;
  claimed_at: Date;
  sent_at: Date | null;
  receipt_status?: ReceiptStatus | null;
  receipt_at?: Date | null;
  job_queue?: string | null;
  job_name?: string | null;
  job_data?: Record<string, unknown> | null;
  updated_at?: Date;
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    organisationId: row.organisation_id,
    id: row.id,
    key: row.key,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    providerId: row.provider_id,
    error: row.error,
    claimedAt: row.claimed_at,
    sentAt: row.sent_at,
    receiptStatus: row.receipt_status ?? null,
    receiptAt: row.receipt_at ?? null,
    job: row.job_queue && row.job_name && row.job_data ? { queue: row.job_queue, name: row.job_name, data: row.job_data } : null,
    updatedAt: row.updated_at,
  };
}

function describeError(error: unknown): string {
  const e = error as { message?: string; responseCode?: number };
  return `${e.responseCode ? `${e.responseCode} ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
}
