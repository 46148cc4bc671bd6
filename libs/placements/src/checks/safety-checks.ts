import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, organisationToday, queryNamed, Tenancy } from '@steppingstone/core';
import { checkExpiryNoticeDaysSql } from '@steppingstone/field';
import { personExists, personRecordSql } from '@steppingstone/people';
import { requireRow } from '../hosts/references';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';

export const CHECK_KINDS = ['dbs', 'reference', 'right-to-work', 'training'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const DBS_LEVELS = ['basic', 'standard', 'enhanced'] as const;
export type DbsLevel = (typeof DBS_LEVELS)[number];

export interface SafetyCheckCommand {
  kind: CheckKind;
  /** DBS checks only. */
  dbsLevel?: DbsLevel | null;
  /** Enhanced DBS checks only: whether the barred list was checked too. */
  barredList?: boolean;
  /** The training (e.g. "Safeguarding adults level 1") or the referee; required for training. */
  title?: string | null;
  checkedOn: string;
  expiresOn?: string | null;
  /** Who saw the evidence (the certificate, the passport, the reference): no images are kept. */
  evidenceSeenBy: string;
  notes?: string | null;
}

export interface SafetyCheck {
  id: string;
  personId: string;
  personName: string;
  kind: CheckKind;
  dbsLevel: DbsLevel | null;
  barredList: boolean;
  title: string | null;
  checkedOn: string;
  expiresOn: string | null;
  evidenceSeenBy: string;
  notes: string | null;
  /** valid, expiring (within the organisation's notice days) or expired, on today's date in the organisation. */
  state: 'valid' | 'expiring' | 'expired';
  createdAt: Date;
}

/** Named parameters: `:today`, the organisation's date; the notice days are field's setting, the name people's. */
const SELECT = `
  SELECT c.id, c.person_id AS "personId", p.display_name AS "personName", c.kind, c.dbs_level AS "dbsLevel", c.barred_list AS "barredList", c.title,
         to_char(c.checked_on, 'YYYY-MM-DD') AS "checkedOn", to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn", c.evidence_seen_by AS "evidenceSeenBy", c.notes,
         CASE WHEN c.expires_on < :today::date THEN 'expired' WHEN c.expires_on < :today::date + ${checkExpiryNoticeDaysSql('c.organisation_id')} THEN 'expiring' ELSE 'valid' END AS state,
         c.created_at AS "createdAt"
    FROM safety_checks c JOIN LATERAL (${personRecordSql('c.organisation_id', 'c.person_id')}) p ON true`;

/** Safety and compliance checks per person: DBS, references, right to work and training, with expiry and who saw the evidence. */
@Injectable()
export class SafetyChecks {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  record(actor: Actor, personId: string, command: SafetyCheckCommand): Promise<SafetyCheck> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      await this.person(manager, org, personId);
      refuseInconsistent(command);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO safety_checks (organisation_id, id, person_id, kind, dbs_level, barred_list, title, checked_on, expires_on, evidence_seen_by, notes, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          org,
          id,
          personId,
          command.kind,
          command.kind === 'dbs' ? command.dbsLevel : null,
          command.barredList ?? false,
          command.title ?? null,
          command.checkedOn,
          command.expiresOn ?? null,
          command.evidenceSeenBy,
          command.notes ?? null,
          actor.userId,
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'safety-check.recorded',
        entityType: 'person',
        entityId: personId,
        details: { checkId: id, kind: command.kind, expiresOn: command.expiresOn ?? null },
      });
      return this.find(manager, org, id);
    });
  }

  ofPerson(actor: Actor, personId: string): Promise<SafetyCheck[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      await this.person(manager, org, personId);
      return queryNamed<SafetyCheck[]>(manager, `${SELECT} WHERE c.organisation_id = :org AND c.person_id = :personId ORDER BY c.kind, c.checked_on DESC`, {
        org,
        personId,
        today: await organisationToday(manager, org),
      });
    });
  }

  /** Checks that have expired or expire within the organisation's notice days, soonest first, leaving out any since renewed. */
  dueToExpire(actor: Actor): Promise<SafetyCheck[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      return queryNamed<SafetyCheck[]>(
        manager,
        `SELECT * FROM (${SELECT} WHERE c.organisation_id = :org AND c.expires_on IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM safety_checks n WHERE n.organisation_id = c.organisation_id AND n.person_id = c.person_id AND n.kind = c.kind
                              AND coalesce(n.title, '') = coalesce(c.title, '') AND n.checked_on > c.checked_on)) t
          WHERE t.state <> 'valid' ORDER BY t."expiresOn", t.id`,
        { org, today: await organisationToday(manager, org) },
      );
    });
  }

  remove(actor: Actor, personId: string, id: string): Promise<void> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const rows: unknown[] = await manager.query(`WITH removed AS (DELETE FROM safety_checks WHERE organisation_id = $1 AND person_id = $2 AND id = $3 RETURNING id) SELECT id FROM removed`, [
        actor.organisationId,
        personId,
        id,
      ]);
      if (!rows.length) throw new PlacementsError(Code.CheckNotFound, 'Check not found');
      await this.audit.record(manager, actor, { action: 'safety-check.removed', entityType: 'person', entityId: personId, details: { checkId: id } });
    });
  }

  private async person(manager: EntityManager, org: string, personId: string): Promise<void> {
    if (!(await personExists(manager, org, personId))) throw new PlacementsError(Code.PersonNotFound, 'Person not found');
  }

  private async find(manager: EntityManager, org: string, id: string): Promise<SafetyCheck> {
    const [row]: SafetyCheck[] = await queryNamed(manager, `${SELECT} WHERE c.organisation_id = :org AND c.id = :id`, { org, id, today: await organisationToday(manager, org) });
    return row;
  }
}

function refuseInconsistent(command: SafetyCheckCommand): void {
  const problems = [
    command.kind === 'dbs' && !command.dbsLevel && { field: 'dbsLevel', rule: 'requiredForDbs', message: 'dbsLevel is required for a DBS check' },
    command.kind !== 'dbs' && command.dbsLevel && { field: 'dbsLevel', rule: 'onlyForDbs', message: 'dbsLevel is only for a DBS check' },
    command.barredList &&
      !(command.kind === 'dbs' && command.dbsLevel === 'enhanced') && { field: 'barredList', rule: 'onlyEnhanced', message: 'barredList is checked only with an enhanced DBS check' },
    command.kind === 'training' &&
      !command.title?.trim() && { field: 'title', rule: 'requiredForTraining', message: 'title (the training, e.g. Safeguarding adults) is required for a training certificate' },
    command.expiresOn && command.expiresOn < command.checkedOn && { field: 'expiresOn', rule: 'afterCheckedOn', message: 'expiresOn must not be before checkedOn' },
  ].filter(Boolean) as Array<{ field: string; rule: string; message: string }>;
  if (problems.length) throw new PlacementsError(Code.InvalidCheck, problems.map((p) => p.message).join('; '), problems);
}

export { requireRow };
