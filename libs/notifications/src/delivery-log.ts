import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig, Tenancy } from '@steppingstone/core';
import { Mailer, OutgoingEmail } from './mailer';

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

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
}

export interface EmailDelivery {
  /** What the message is about and to whom, unique per organisation: `<template>:<subject id>:<recipient>`. */
  key: string;
  template: string;
  email: OutgoingEmail;
}

export type DeliveryOutcome = { status: 'sent'; providerId: string; attempts: number } | { status: 'already-sent'; providerId: string | null };

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
  private async claim(manager: EntityManager, organisationId: string, delivery: EmailDelivery): Promise<{ kind: 'claimed' | 'sent' | 'busy'; row: Delivery }> {
    const claimed: DeliveryRow[] = await manager.query(
      `INSERT INTO deliveries (organisation_id, id, key, channel, recipient, template, subject, status)
       VALUES ($1, $2, $3, 'email', $4, $5, $6, 'sending')
       ON CONFLICT (organisation_id, key) DO UPDATE
         SET status = 'sending', attempts = deliveries.attempts + 1, claimed_at = now(), updated_at = now(),
             recipient = EXCLUDED.recipient, subject = EXCLUDED.subject
         WHERE deliveries.status = 'failed'
            OR (deliveries.status = 'sending' AND deliveries.claimed_at < now() - make_interval(secs => ${CLAIM_STALE_AFTER_SECONDS}))
       RETURNING *`,
      [organisationId, randomUUID(), delivery.key, delivery.email.to, delivery.template, delivery.email.subject],
    );
    if (claimed.length) return { kind: 'claimed', row: toDelivery(claimed[0]) };
    const [current]: DeliveryRow[] = await manager.query(`SELECT * FROM deliveries WHERE organisation_id = $1 AND key = $2`, [organisationId, delivery.key]);
    return { kind: current.status === 'sent' ? 'sent' : 'busy', row: toDelivery(current) };
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

interface DeliveryRow {
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
}

function toDelivery(row: DeliveryRow): Delivery {
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
  };
}

function describeError(error: unknown): string {
  const e = error as { message?: string; responseCode?: number };
  return `${e.responseCode ? `${e.responseCode} ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
}
