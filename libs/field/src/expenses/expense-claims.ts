import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, addDays, AuditLog, Conditions, NamedParams, organisationToday, Page, queryNamed, Role, Tenancy } from '@steppingstone/core';
import { personExists, personRecordSql } from '@steppingstone/people';
import { FieldError, FieldErrorCode as Code } from '../field.error';
import { myPersonId } from '../me';
import { fieldSettings } from '../settings/field-settings';
import { mileagePence, taxYearEnd, taxYearStart } from './mileage';
import { checkReceipt, MAX_RECEIPTS_PER_CLAIM, ReceiptType } from './receipts';

export const EXPENSE_CATEGORIES = ['mileage', 'public-transport', 'parking', 'subsistence', 'materials', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Claims are made within the year; older ones go to the coordinator by other means. */
export const CLAIM_BACKDATE_DAYS = 365;

export interface ClaimCommand {
  incurredOn: string;
  category: ExpenseCategory;
  description: string;
  /** For every category but mileage: what was spent, in pence. */
  amountPence?: number | null;
  /** For mileage only: miles driven, to one decimal place. */
  miles?: number | null;
}

export interface ReceiptInfo {
  id: string;
  contentType: ReceiptType;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export interface ExpenseClaim {
  id: string;
  personId: string;
  personName: string;
  incurredOn: string;
  category: ExpenseCategory;
  description: string;
  miles: number | null;
  /** For mileage, worked out at the organisation's rates: an estimate until approved, then what is paid. */
  amountPence: number;
  status: ClaimStatus;
  reviewNote: string | null;
  reviewedAt: Date | null;
  /** The payment batch that exported it; set once, and never to another batch. */
  exportBatchId: string | null;
  receipts: ReceiptInfo[];
  createdAt: Date;
  version: number;
}

export interface ClaimFilter {
  status?: ClaimStatus;
  /** Approved claims not yet in a payment batch (true), or already in one (false). */
  exported?: boolean;
  personId?: string;
  page: number;
  pageSize: number;
}

const SELECT = `
  SELECT c.id, c.person_id AS "personId", p.display_name AS "personName", to_char(c.incurred_on, 'YYYY-MM-DD') AS "incurredOn",
         c.category, c.description, c.miles::float AS miles, c.amount_pence AS "amountPence", c.status, c.review_note AS "reviewNote",
         c.reviewed_at AS "reviewedAt", c.export_batch_id AS "exportBatchId", c.created_at AS "createdAt", c.version,
         coalesce((SELECT json_agg(json_build_object('id', r.id, 'contentType', r.content_type, 'sizeBytes', r.size_bytes, 'sha256', r.sha256, 'createdAt', r.created_at) ORDER BY r.created_at)
                     FROM expense_receipts r WHERE r.organisation_id = c.organisation_id AND r.claim_id = c.id), '[]') AS receipts
    FROM expense_claims c
    JOIN LATERAL (${personRecordSql('c.organisation_id', 'c.person_id')}) p ON true`;

/**
 * Expense claims with their receipts, approved by a coordinator. Mileage is priced at the
 * organisation's rates with the tax-year threshold, fixed at approval against the miles already
 * approved for the person that tax year (their row is locked, so two approvals cannot both take
 * the last miles at the higher rate).
 */
@Injectable()
export class ExpenseClaims {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  claim(actor: Actor, command: ClaimCommand): Promise<ExpenseClaim> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const personId = await myPersonId(manager, actor);
      await refuseClaim(manager, org, command);
      const id = randomUUID();
      const amount = await this.amount(manager, org, personId, command, id);
      await manager.query(
        `INSERT INTO expense_claims (organisation_id, id, person_id, incurred_on, category, description, miles, amount_pence, submitted_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [org, id, personId, command.incurredOn, command.category, command.description, command.category === 'mileage' ? command.miles : null, amount, actor.userId],
      );
      await this.audit.record(manager, actor, { action: 'expense-claim.submitted', entityType: 'expense-claim', entityId: id, details: { category: command.category, amountPence: amount } });
      return this.find(manager, org, id);
    });
  }

  addReceipt(actor: Actor, claimId: string, contentType: string | undefined, body: unknown): Promise<ExpenseClaim> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const personId = await myPersonId(manager, actor);
      const claim = await this.find(manager, org, claimId, 'AND c.person_id = :personId', { personId }, true);
      if (claim.status !== 'submitted')
        throw new FieldError(Code.AlreadyReviewed, `Receipts are added while a claim waits for approval; this one is ${claim.status}`, [
          { field: 'id', rule: 'submitted', message: `the claim is ${claim.status}` },
        ]);
      if (claim.receipts.length >= MAX_RECEIPTS_PER_CLAIM)
        throw new FieldError(Code.TooManyReceipts, `A claim takes at most ${MAX_RECEIPTS_PER_CLAIM} receipts`, [
          { field: 'body', rule: 'maxReceipts', message: `at most ${MAX_RECEIPTS_PER_CLAIM} receipts per claim` },
        ]);
      const receipt = checkReceipt(contentType, body);
      const id = randomUUID();
      await manager.query(`INSERT INTO expense_receipts (organisation_id, id, claim_id, content_type, size_bytes, sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        org,
        id,
        claimId,
        receipt.contentType,
        receipt.bytes.length,
        createHash('sha256').update(receipt.bytes).digest('hex'),
        receipt.bytes,
      ]);
      await this.audit.record(manager, actor, {
        action: 'expense-receipt.added',
        entityType: 'expense-claim',
        entityId: claimId,
        details: { receiptId: id, contentType: receipt.contentType, sizeBytes: receipt.bytes.length },
      });
      return this.find(manager, org, claimId);
    });
  }

  /** The receipt's bytes: for the claimant, and for admins and coordinators. */
  receipt(actor: Actor, claimId: string, receiptId: string): Promise<{ contentType: string; content: Buffer }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const own = actor.role === Role.Admin || actor.role === Role.Coordinator ? '' : 'AND c.person_id = $4';
      const params: unknown[] = [org, claimId, receiptId];
      if (own) params.push(await myPersonId(manager, actor));
      const [row]: Array<{ content_type: string; content: Buffer }> = await manager.query(
        `SELECT r.content_type, r.content FROM expense_receipts r JOIN expense_claims c ON c.organisation_id = r.organisation_id AND c.id = r.claim_id
          WHERE r.organisation_id = $1 AND r.claim_id = $2 AND r.id = $3 ${own}`,
        params,
      );
      if (!row) throw new FieldError(Code.ReceiptNotFound, 'Receipt not found');
      return { contentType: row.content_type, content: row.content };
    });
  }

  mine(actor: Actor, filter: Omit<ClaimFilter, 'personId'>): Promise<Page<ExpenseClaim>> {
    return this.tenancy.run(actor.organisationId, async (manager) => this.page(manager, actor.organisationId, { ...filter, personId: await myPersonId(manager, actor) }));
  }

  myClaim(actor: Actor, id: string): Promise<ExpenseClaim> {
    return this.tenancy.run(actor.organisationId, async (manager) => this.find(manager, actor.organisationId, id, 'AND c.person_id = :personId', { personId: await myPersonId(manager, actor) }));
  }

  list(actor: Actor, filter: ClaimFilter): Promise<Page<ExpenseClaim>> {
    return this.tenancy.run(actor.organisationId, (manager) => this.page(manager, actor.organisationId, filter));
  }

  get(actor: Actor, id: string): Promise<ExpenseClaim> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  review(actor: Actor, id: string, decision: { decision: 'approve' | 'reject'; note?: string | null; version?: number }): Promise<ExpenseClaim> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const current = await this.find(manager, org, id, '', {}, true);
      if (current.status !== 'submitted')
        throw new FieldError(Code.AlreadyReviewed, `This claim is already ${current.status}`, [{ field: 'id', rule: 'submitted', message: `the claim is ${current.status}` }]);
      if (decision.version !== undefined && decision.version !== current.version) {
        throw new FieldError(Code.StaleVersion, `The claim has changed since you loaded it (version ${current.version}, not ${decision.version})`, [
          { field: 'version', rule: 'current', message: `version must be ${current.version}` },
        ]);
      }
      if (decision.decision === 'reject' && !decision.note?.trim())
        throw new FieldError(Code.NoteRequired, 'Say why when rejecting a claim', [{ field: 'note', rule: 'required', message: 'note is required to reject a claim' }]);
      let amount = current.amountPence;
      if (decision.decision === 'approve' && current.category === 'mileage') {
        // The person's row lock serialises approvals of their mileage, so the threshold is shared out once.
        await personExists(manager, org, current.personId, { lock: true });
        amount = mileagePence(await approvedMiles(manager, org, current.personId, current.incurredOn, id), current.miles!, await fieldSettings(manager, org));
      }
      await manager.query(
        `UPDATE expense_claims SET status = $3, amount_pence = $4, review_note = $5, reviewed_by = $6, reviewed_at = now(), updated_at = now(), version = version + 1 WHERE organisation_id = $1 AND id = $2`,
        [org, id, decision.decision === 'approve' ? 'approved' : 'rejected', amount, decision.note ?? null, actor.userId],
      );
      await this.audit.record(manager, actor, {
        action: decision.decision === 'approve' ? 'expense-claim.approved' : 'expense-claim.rejected',
        entityType: 'expense-claim',
        entityId: id,
        details: { amountPence: amount },
      });
      return this.find(manager, org, id);
    });
  }

  /** For mileage, the estimate at the miles already approved this tax year; otherwise what was spent. */
  private async amount(manager: EntityManager, org: string, personId: string, command: ClaimCommand, id: string): Promise<number> {
    if (command.category !== 'mileage') return command.amountPence!;
    return mileagePence(await approvedMiles(manager, org, personId, command.incurredOn, id), command.miles!, await fieldSettings(manager, org));
  }

  private async page(manager: EntityManager, org: string, filter: ClaimFilter): Promise<Page<ExpenseClaim>> {
    const where = new Conditions('c.organisation_id = :org', { org });
    if (filter.status) where.and('c.status = :status', { status: filter.status });
    if (filter.personId) where.and('c.person_id = :personId', { personId: filter.personId });
    if (filter.exported !== undefined) where.and(filter.exported ? 'c.export_batch_id IS NOT NULL' : `c.status = 'approved' AND c.export_batch_id IS NULL`);
    const [{ total }]: Array<{ total: number }> = await queryNamed(manager, `SELECT count(*)::int AS total FROM expense_claims c WHERE ${where.sql}`, where.params);
    const items: ExpenseClaim[] = await queryNamed(manager, `${SELECT} WHERE ${where.sql} ORDER BY c.created_at DESC, c.id LIMIT :limit OFFSET :offset`, {
      ...where.params,
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  private async find(manager: EntityManager, org: string, id: string, extra = '', params: NamedParams = {}, lock = false): Promise<ExpenseClaim> {
    const [row]: ExpenseClaim[] = await queryNamed(manager, `${SELECT} WHERE c.organisation_id = :org AND c.id = :id ${extra} ${lock ? 'FOR UPDATE OF c' : ''}`, { ...params, org, id });
    if (!row) throw new FieldError(Code.ClaimNotFound, 'Expense claim not found');
    return row;
  }
}

/** Miles already approved for the person in the tax year of `onDate`, other than this claim. */
async function approvedMiles(manager: EntityManager, org: string, personId: string, onDate: string, exceptId: string): Promise<number> {
  const [row]: Array<{ miles: string | null }> = await manager.query(
    `SELECT sum(miles) AS miles FROM expense_claims WHERE organisation_id = $1 AND person_id = $2 AND category = 'mileage' AND status = 'approved' AND incurred_on BETWEEN $3 AND $4 AND id <> $5`,
    [org, personId, taxYearStart(onDate), taxYearEnd(onDate), exceptId],
  );
  return Number(row.miles ?? 0);
}

async function refuseClaim(manager: EntityManager, org: string, command: ClaimCommand): Promise<void> {
  const today = await organisationToday(manager, org);
  const earliest = addDays(today, -CLAIM_BACKDATE_DAYS);
  if (command.incurredOn > today || command.incurredOn < earliest) {
    const message = command.incurredOn > today ? 'incurredOn must not be in the future' : `incurredOn must be within the last ${CLAIM_BACKDATE_DAYS} days`;
    throw new FieldError(Code.InvalidDates, message, [{ field: 'incurredOn', rule: 'recent', message }]);
  }
  const mileage = command.category === 'mileage';
  const problems = [
    mileage && command.miles == null && { field: 'miles', rule: 'requiredForMileage', message: 'miles is required for a mileage claim' },
    mileage && command.amountPence != null && { field: 'amountPence', rule: 'notForMileage', message: 'amountPence is worked out from miles for a mileage claim; leave it out' },
    !mileage && command.amountPence == null && { field: 'amountPence', rule: 'required', message: 'amountPence is required for a claim other than mileage' },
    !mileage && command.miles != null && { field: 'miles', rule: 'onlyForMileage', message: 'miles is only for a mileage claim' },
  ].filter(Boolean) as Array<{ field: string; rule: string; message: string }>;
  if (problems.length) throw new FieldError(Code.InvalidClaim, problems.map((p) => p.message).join('; '), problems);
}
