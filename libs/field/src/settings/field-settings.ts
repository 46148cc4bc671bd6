import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, queryNamed, Tenancy } from '@steppingstone/core';

/** The organisation's figures for field work; each has a default until an admin sets it. */
export interface FieldSettings {
  /** The hourly rate the social-value figure uses, in pence (0: no figure is worked out). */
  socialValueHourlyPence: number;
  /** Mileage paid per mile up to the threshold in a tax year (HMRC's approved rate: 45p). */
  mileagePencePerMile: number;
  /** Per mile above the threshold (HMRC: 25p). */
  mileagePencePerMileAbove: number;
  /** Miles per person per tax year (6 April to 5 April) paid at the first rate (HMRC: 10,000). */
  mileageThresholdMiles: number;
  /** Someone with no activity logged for this many days is flagged in supervision and reminded. */
  noActivityDays: number;
  /** A check that expires is flagged, and reminded, this many days before. */
  checkExpiryNoticeDays: number;
}

export const DEFAULT_FIELD_SETTINGS: FieldSettings = {
  socialValueHourlyPence: 0,
  mileagePencePerMile: 45,
  mileagePencePerMileAbove: 25,
  mileageThresholdMiles: 10_000,
  noActivityDays: 14,
  checkExpiryNoticeDays: 30,
};

const COLUMNS: Record<keyof FieldSettings, string> = {
  socialValueHourlyPence: 'social_value_hourly_pence',
  mileagePencePerMile: 'mileage_pence_per_mile',
  mileagePencePerMileAbove: 'mileage_pence_per_mile_above',
  mileageThresholdMiles: 'mileage_threshold_miles',
  noActivityDays: 'no_activity_days',
  checkExpiryNoticeDays: 'check_expiry_notice_days',
};

const SELECT = Object.entries(COLUMNS)
  .map(([key, column]) => `${column} AS "${key}"`)
  .join(', ');

/** The settings inside a tenant transaction: the defaults when none were saved. */
export async function fieldSettings(manager: EntityManager, organisationId: string): Promise<FieldSettings> {
  const [row]: FieldSettings[] = await manager.query(`SELECT ${SELECT} FROM field_settings WHERE organisation_id = $1`, [organisationId]);
  return row ?? { ...DEFAULT_FIELD_SETTINGS };
}

@Injectable()
export class FieldSettingsService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  get(actor: Actor): Promise<FieldSettings> {
    return this.tenancy.run(actor.organisationId, (manager) => fieldSettings(manager, actor.organisationId));
  }

  update(actor: Actor, change: Partial<FieldSettings>): Promise<FieldSettings> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const next = { ...(await fieldSettings(manager, actor.organisationId)), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as FieldSettings;
      const keys = Object.keys(COLUMNS) as Array<keyof FieldSettings>;
      await queryNamed(
        manager,
        `INSERT INTO field_settings (organisation_id, ${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (:organisationId, ${keys.map((k) => `:${k}`).join(', ')})
         ON CONFLICT (organisation_id) DO UPDATE SET ${keys.map((k) => `${COLUMNS[k]} = EXCLUDED.${COLUMNS[k]}`).join(', ')}, updated_at = now()`,
        { ...Object.fromEntries(keys.map((k) => [k, next[k]])), organisationId: actor.organisationId },
      );
      await this.audit.record(manager, actor, { action: 'field-settings.changed', entityType: 'organisation', entityId: actor.organisationId, details: { ...change } });
      return next;
    });
  }
}

/**
 * A scalar SQL expression: how many days before a check expires the organisation is told, with the
 * default when it has set none. `organisation` is the caller's expression for the organisation.
 */
export function checkExpiryNoticeDaysSql(organisation: string): string {
  return `coalesce((SELECT fs.check_expiry_notice_days FROM field_settings fs WHERE fs.organisation_id = ${organisation}), ${DEFAULT_FIELD_SETTINGS.checkExpiryNoticeDays})`;
}
