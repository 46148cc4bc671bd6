import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, PersonRecords, Tenancy } from '@steppingstone/core';
import { retentionPeriodMonths } from '@steppingstone/organisations';
import { AnonymisePerson } from '../data-rights/anonymise-person';
import { lastActivitySql } from './last-activity.sql';

export interface RetentionOutcome {
  /** Null when the organisation keeps records until told otherwise. */
  retentionMonths: number | null;
  anonymised: number;
}

/** People per transaction: a crash loses at most one batch's work, and the next run does it. */
const BATCH = 500;

/**
 * Applies an organisation's retention period: everyone whose last activity (see last-activity.sql.ts)
 * is older than the period is anonymised, each with an audit entry naming only the person's id.
 * Idempotent: the anonymised are marked and never chosen again, so a rerun after a crash carries on
 * where the last one stopped and a second run the same day does nothing.
 */
@Injectable()
export class ApplyRetention {
  private readonly logger = new Logger(ApplyRetention.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly anonymise: AnonymisePerson,
    private readonly records: PersonRecords,
  ) {}

  async run(organisationId: string): Promise<RetentionOutcome> {
    const { retentionMonths, due } = await this.tenancy.run(organisationId, async (manager) => {
      const months = await retentionPeriodMonths(manager, organisationId);
      if (months === null) return { retentionMonths: null, due: [] as string[] };
      const rows: Array<{ id: string }> = await manager.query(
        `${lastActivitySql('p.anonymised_at IS NULL', this.records.activitySql())} SELECT person_id AS id FROM last_activity WHERE at < now() - make_interval(months => $2) ORDER BY person_id`,
        [organisationId, months],
      );
      return { retentionMonths: months, due: rows.map((r) => r.id) };
    });
    if (retentionMonths === null) return { retentionMonths, anonymised: 0 };
    let anonymised = 0;
    for (let start = 0; start < due.length; start += BATCH) {
      anonymised += await this.anonymiseBatch(organisationId, retentionMonths, due.slice(start, start + BATCH));
    }
    if (anonymised) this.logger.log(`Retention: ${anonymised} people of organisation ${organisationId} anonymised (${retentionMonths} months)`);
    return { retentionMonths, anonymised };
  }

  /**
   * Each person is checked again under lock: someone may have applied again, or been anonymised by
   * another run, since the list was read.
   */
  private anonymiseBatch(organisationId: string, retentionMonths: number, ids: string[]): Promise<number> {
    return this.tenancy.run(organisationId, async (manager) => {
      await manager.query(`SELECT id FROM people WHERE organisation_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [organisationId, ids]);
      const stillDue: Array<{ id: string }> = await manager.query(
        `${lastActivitySql(`p.anonymised_at IS NULL AND p.id = ANY($3::uuid[])`, this.records.activitySql())} SELECT person_id AS id FROM last_activity WHERE at < now() - make_interval(months => $2) ORDER BY person_id`,
        [organisationId, retentionMonths, ids],
      );
      let count = 0;
      for (const { id } of stillDue) {
        if (!(await this.anonymise.within(manager, organisationId, id))) continue;
        await this.audit.recordUnauthenticated(
          { requestId: 'retention' },
          organisationId,
          null,
          {
            action: 'person.anonymised',
            entityType: 'person',
            entityId: id,
            details: { reason: 'retention', retentionMonths },
          },
          manager,
        );
        count += 1;
      }
      return count;
    });
  }
}
