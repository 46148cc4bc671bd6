import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Actor, AppConfig, AuditLog, InjectConfig, SecretBox, Tenancy } from '@steppingstone/core';
import { NotifyTemplates } from './notify-templates';

/** What an admin sees: whether each secret is set, never the secret. */
export interface NotifySettingsView {
  apiKeySet: boolean;
  /** Notify's key name and service id (the part before the secret), so an admin can tell which key is in use. */
  apiKeyName: string | null;
  callbackTokenSet: boolean;
  emailViaNotify: boolean;
  templates: NotifyTemplates;
  /** The URL to give Notify as the delivery receipts callback. */
  callbackUrl: string;
  updatedAt: Date | null;
}

export interface NotifySettingsChange {
  /** A new key; null removes it (texts are then recorded as skipped). */
  apiKey?: string | null;
  callbackToken?: string | null;
  emailViaNotify?: boolean;
  templates?: NotifyTemplates;
}

/** The settings a send needs, opened. */
export interface NotifyCredentials {
  apiKey: string;
  emailViaNotify: boolean;
  templates: NotifyTemplates;
}

interface Row {
  api_key_sealed: string | null;
  callback_token_sealed: string | null;
  email_via_notify: boolean;
  templates: NotifyTemplates;
  updated_at: Date;
}

/**
 * A worker sending thousands of texts reads the settings once per organisation every few seconds
 * rather than once a message; a changed key reaches every worker within this time.
 */
const CACHE_MS = 5_000;

/** Keeps the first part of a key (name and service id) and drops the secret: `name-<service id>-<secret>`. */
export function keyName(apiKey: string): string {
  return apiKey.slice(0, Math.max(0, apiKey.length - 37));
}

/**
 * The organisation's GOV.UK Notify account: its API key and callback token, sealed like TOTP seeds
 * and never returned, whether email goes through Notify too, and a template per kind of message.
 */
@Injectable()
export class NotifySettings {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, { at: number; value: Promise<NotifyCredentials | undefined> }>();

  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.APP_SECRET);
  }

  view(actor: Actor): Promise<NotifySettingsView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [row]: Row[] = await manager.query(`SELECT * FROM notify_settings WHERE organisation_id = $1`, [actor.organisationId]);
      return this.toView(actor.organisationId, row);
    });
  }

  update(actor: Actor, change: NotifySettingsChange): Promise<NotifySettingsView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const seal = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : this.box.seal(value));
      const apiKey = seal(change.apiKey);
      const token = seal(change.callbackToken);
      const [row]: Row[] = await manager.query(
        `INSERT INTO notify_settings (organisation_id, api_key_sealed, callback_token_sealed, email_via_notify, templates, updated_by)
         VALUES ($1, $2, $3, coalesce($4, false), coalesce($5::jsonb, '{}'), $6)
         ON CONFLICT (organisation_id) DO UPDATE SET
           api_key_sealed = CASE WHEN $7 THEN EXCLUDED.api_key_sealed ELSE notify_settings.api_key_sealed END,
           callback_token_sealed = CASE WHEN $8 THEN EXCLUDED.callback_token_sealed ELSE notify_settings.callback_token_sealed END,
           email_via_notify = coalesce($4, notify_settings.email_via_notify),
           templates = coalesce($5::jsonb, notify_settings.templates),
           updated_by = $6, updated_at = now()
         RETURNING *`,
        [
          actor.organisationId,
          apiKey ?? null,
          token ?? null,
          change.emailViaNotify ?? null,
          change.templates ? JSON.stringify(change.templates) : null,
          actor.userId,
          apiKey !== undefined,
          token !== undefined,
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'notify-settings.changed',
        entityType: 'organisation',
        entityId: actor.organisationId,
        details: {
          apiKey: change.apiKey === undefined ? 'unchanged' : change.apiKey === null ? 'removed' : 'set',
          callbackToken: change.callbackToken === undefined ? 'unchanged' : change.callbackToken === null ? 'removed' : 'set',
          emailViaNotify: change.emailViaNotify,
          templates: change.templates ? Object.keys(change.templates) : undefined,
        },
      });
      this.cache.delete(actor.organisationId);
      return this.toView(actor.organisationId, row);
    });
  }

  /** Undefined when the organisation has no Notify key. */
  credentials(organisationId: string): Promise<NotifyCredentials | undefined> {
    const cached = this.cache.get(organisationId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
    const value = this.tenancy.run(organisationId, async (manager) => {
      const [row]: Row[] = await manager.query(`SELECT * FROM notify_settings WHERE organisation_id = $1`, [organisationId]);
      if (!row?.api_key_sealed) return undefined;
      return { apiKey: this.box.open(row.api_key_sealed), emailViaNotify: row.email_via_notify, templates: row.templates };
    });
    this.cache.set(organisationId, { at: Date.now(), value });
    // "No key" is never kept: the key is set in the api process, and a worker that had just seen none
    // would otherwise fail the first texts after it for a few seconds.
    value.then((credentials) => credentials ?? this.cache.delete(organisationId)).catch(() => this.cache.delete(organisationId));
    return value;
  }

  /** Compares in constant time (over hashes, so the lengths need not match); false when no token is set. */
  async callbackTokenMatches(organisationId: string, presented: string): Promise<boolean> {
    const sealed = await this.tenancy.run(organisationId, async (manager) => {
      const [row]: Array<{ callback_token_sealed: string | null }> = await manager.query(`SELECT callback_token_sealed FROM notify_settings WHERE organisation_id = $1`, [organisationId]);
      return row?.callback_token_sealed ?? null;
    });
    const expected = createHash('sha256')
      .update(sealed ? this.box.open(sealed) : `unset:${organisationId}`)
      .digest();
    const given = createHash('sha256').update(presented).digest();
    return timingSafeEqual(expected, given) && sealed !== null;
  }

  private toView(organisationId: string, row: Row | undefined): NotifySettingsView {
    return {
      apiKeySet: !!row?.api_key_sealed,
      apiKeyName: row?.api_key_sealed ? keyName(this.box.open(row.api_key_sealed)) : null,
      callbackTokenSet: !!row?.callback_token_sealed,
      emailViaNotify: row?.email_via_notify ?? false,
      templates: row?.templates ?? {},
      callbackUrl: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/notify/${organisationId}/delivery-receipts`,
      updatedAt: row?.updated_at ?? null,
    };
  }
}
