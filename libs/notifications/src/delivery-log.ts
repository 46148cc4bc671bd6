import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig, Tenancy } from '@steppingstone/core';
import { Mailer, OutgoingEmail } from './mailer';

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
  /** Absent for messages whose job was not recorded (those cannot be retried from the admin view). */
  job?: RetryableJob | null;
  updatedAt?: Date;
}

export interface EmailDelivery {
  /** What the message is about and to whom, unique per organisation: `<template>:<subject id>:<recipient>`. */
  key: string;
  template: string;
  email: OutgoingEmail;
  retryAs?: RetryableJob;
}

/** A message that was due but deliberately not sent (the person opted out, has no address). */
export interface SkippedDelivery {
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

/**
 * Exactly once to the person: claim the key (committed before anything is sent), send, mark sent.
 * An already-sent key is skipped, so a retried or duplicated job never sends twice; a failure is
 * recorded with its attempt count and rethrown, so BullMQ retries it with backoff.
 */
@Injectable()
export class DeliveryLog {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async deliverEmail(organisationId: string, delivery: EmailDelivery): Promise<DeliveryOutcome> {
    const claim = await this.tenancy.run(organisationId, (manager) => this.claim(manager, organisationId, delivery));
    if (claim.kind === 'sent') return { status: 'already-sent', providerId: claim.row.providerId };
    if (claim.kind === 'skipped') return { status: 'already-skipped' };
    if (claim.kind === 'busy') throw new DeliveryInProgressError(`Delivery ${delivery.key} is being sent by another worker (claimed at ${claim.row.claimedAt.toISOString()})`);
    const { row } = claim;
    let providerId: string;
    try {
      ({ providerId } = await this.mailer.send({ messageId: this.messageId(organisationId, delivery.key), ...delivery.email }));
    } catch (error) {
      await this.tenancy.run(organisationId, (manager) =>
        manager.query(`UPDATE deliveries SET status = 'failed', error = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, row.id, describeError(error)]),
      );
      throw error;
    }
    await this.tenancy.run(organisationId, (manager) =>
      manager.query(`UPDATE deliveries SET status = 'sent', provider_id = $3, error = NULL, sent_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, row.id, providerId]),
    );
    return { status: 'sent', providerId, attempts: row.attempts };
  }

  /**
   * Recorded once, so the reconciler stops offering the key; a key already sent stays sent, and one
   * that failed before the person opted out becomes skipped rather than being retried.
   */
  async recordSkipped(organisationId: string, skipped: SkippedDelivery): Promise<void> {
    await this.tenancy.run(organisationId, (manager) =>
      manager.query(
        `INSERT INTO deliveries (organisation_id, id, key, channel, recipient, template, subject, status, error, attempts)
         VALUES ($1, $2, $3, 'email', $4, $5, $6, 'skipped', $7, 0)
         ON CONFLICT (organisation_id, key) DO UPDATE SET status = 'skipped', error = EXCLUDED.error, updated_at = now()
           WHERE deliveries.status = 'failed'`,
        [organisationId, randomUUID(), skipped.key, skipped.recipient, skipped.template, skipped.subject, skipped.reason],
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
   * Takes the key for this attempt: a new key is inserted, a failed or stale one is taken over with
   * its attempt count raised; a sent one, or one freshly claimed elsewhere, is left alone.
   */
  private async claim(manager: EntityManager, organisationId: string, delivery: EmailDelivery): Promise<{ kind: 'claimed' | 'sent' | 'skipped' | 'busy'; row: Delivery }> {
    const claimed: DeliveryRow[] = await manager.query(
      `INSERT INTO deliveries (organisation_id, id, key, channel, recipient, template, subject, status, job_queue, job_name, job_data)
       VALUES ($1, $2, $3, 'email', $4, $5, $6, 'sending', $7, $8, $9)
       ON CONFLICT (organisation_id, key) DO UPDATE
         SET status = 'sending', attempts = deliveries.attempts + 1, claimed_at = now(), updated_at = now(),
             recipient = EXCLUDED.recipient, subject = EXCLUDED.subject,
             job_queue = coalesce(EXCLUDED.job_queue, deliveries.job_queue), job_name = coalesce(EXCLUDED.job_name, deliveries.job_name), job_data = coalesce(EXCLUDED.job_data, deliveries.job_data)
         WHERE deliveries.status = 'failed'
            OR (deliveries.status = 'sending' AND deliveries.claimed_at < now() - make_interval(secs => ${CLAIM_STALE_AFTER_SECONDS}))
       RETURNING *`,
      [organisationId, randomUUID(), delivery.key, delivery.email.to, delivery.template, delivery.email.subject, delivery.retryAs?.queue ?? null, delivery.retryAs?.name ?? null, delivery.retryAs ? JSON.stringify(delivery.retryAs.data) : null],
    );
    if (claimed.length) return { kind: 'claimed', row: toDelivery(claimed[0]) };
    const [current]: DeliveryRow[] = await manager.query(`SELECT * FROM deliveries WHERE organisation_id = $1 AND key = $2`, [organisationId, delivery.key]);
    const kind = current.status === 'sent' || current.status === 'skipped' ? current.status : 'busy';
    return { kind, row: toDelivery(current) };
  }

  private messageId(organisationId: string, key: string): string {
    const domain = /@([^>\s]+)>?\s*$/.exec(this.config.MAIL_FROM)?.[1] ?? 'steppingstone.local';
    return `<${createHash('sha256').update(`${organisationId}|${key}`).digest('hex').slice(0, 40)}@${domain}>`;
  }
}

/** An SMTP refusal with a 5xx code will not change by retrying (an unknown mailbox, a rejected sender). */
export function isPermanentDeliveryFailure(error: unknown): boolean {
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
    job: row.job_queue && row.job_name && row.job_data ? { queue: row.job_queue, name: row.job_name, data: row.job_data } : null,
    updatedAt: row.updated_at,
  };
}

function describeError(error: unknown): string {
  const e = error as { message?: string; responseCode?: number };
  return `${e.responseCode ? `${e.responseCode} ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
}
