import { Injectable } from '@nestjs/common';
import { Actor, AppConfig, AuditLog, hmac, InjectConfig, sameSecret, Tenancy } from '@steppingstone/core';
import { Intakes } from '../intakes/intakes';

export interface EventLink {
  /** The intake's public form, carrying the event token. */
  url: string;
  expiresAt: Date;
}

export const EVENT_LINK_MAX_HOURS = 7 * 24;

/**
 * `<expiry in epoch seconds>.<mac>`, the mac over the intake's public slug and the expiry with the
 * app secret: nobody without the secret can make one, change its expiry or move it to another
 * intake, and nothing needs storing or looking up to check it.
 */
export function eventLinkToken(appSecret: string, publicSlug: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${expires}.${hmac(appSecret, `event-link:${publicSlug}:${expires}`)}`;
}

/** When the token is this intake's and still running, its expiry; otherwise undefined. */
export function eventLinkExpiry(appSecret: string, publicSlug: string, token: string, now = Date.now()): Date | undefined {
  const [expires, mac, ...rest] = token.split('.');
  if (rest.length || !/^\d{1,12}$/.test(expires ?? '') || !mac) return undefined;
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt.getTime() <= now) return undefined;
  return sameSecret(eventLinkToken(appSecret, publicSlug, expiresAt), token) ? expiresAt : undefined;
}

/**
 * An event link: the intake's public form for a recruitment event (a library, a job centre), where
 * many people apply over one connection. Applications through it skip the per-address limit until it
 * expires; the honeypot, the open-intake check and everything else about the form still apply.
 */
@Injectable()
export class EventLinks {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly intakes: Intakes,
    private readonly audit: AuditLog,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  create(actor: Actor, intakeId: string, hours: number): Promise<EventLink> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const intake = await this.intakes.find(manager, actor.organisationId, intakeId);
      const expiresAt = new Date((Math.floor(Date.now() / 1000) + hours * 3600) * 1000);
      await this.audit.record(manager, actor, { action: 'intake.event-link.created', entityType: 'intake', entityId: intakeId, details: { expiresAt: expiresAt.toISOString() } });
      const token = eventLinkToken(this.config.APP_SECRET, intake.publicSlug, expiresAt);
      return { url: `${this.config.PUBLIC_URL}/apply/${intake.publicSlug}?event=${encodeURIComponent(token)}`, expiresAt };
    });
  }
}
