import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, AuditLog, csvText, queryNamed, Tenancy } from '@steppingstone/core';
import { personRecordSql } from '@steppingstone/people';
import { FieldError, FieldErrorCode as Code } from '../field.error';

export interface PaymentBatch {
  id: string;
  claimCount: number;
  totalPence: number;
  createdAt: Date;
}

export const PAYMENT_CSV_HEADER = ['Claim', 'Person', 'Person id', 'Date', 'Category', 'Description', 'Miles', 'Amount (£)', 'Approved at'];

const pounds = (pence: number) => (pence / 100).toFixed(2);

/**
 * Payment exports: every approved claim not yet exported goes into one new batch, which is marked
 * on the claims in the same statement that picks them (`export_batch_id IS NULL`), so a claim is
 * in one batch only however many coordinators export at once. The batch keeps its CSV, so
 * downloading it again gives the same file.
 */
@Injectable()
export class PaymentBatches {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  create(actor: Actor): Promise<PaymentBatch> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const id = randomUUID();
      // The batch row first (the claims' foreign key needs it), its figures filled in once the claims are taken.
      await manager.query(`INSERT INTO expense_export_batches (organisation_id, id, claim_count, total_pence, csv, created_by) VALUES ($1, $2, 0, 0, '', $3)`, [org, id, actor.userId]);
      const claims: Array<{
        id: string;
        person_id: string;
        person_name: string;
        incurred_on: string;
        category: string;
        description: string;
        miles: string | null;
        amount_pence: number;
        reviewed_at: Date;
      }> = await queryNamed(
        manager,
        `WITH taken AS (
           UPDATE expense_claims SET export_batch_id = :batchId, updated_at = now(), version = version + 1
            WHERE organisation_id = :org AND status = 'approved' AND export_batch_id IS NULL
           RETURNING id, person_id, incurred_on, category, description, miles, amount_pence, reviewed_at)
         SELECT t.id, t.person_id, p.display_name AS person_name, to_char(t.incurred_on, 'YYYY-MM-DD') AS incurred_on, t.category, t.description,
                t.miles::text AS miles, t.amount_pence, t.reviewed_at
           FROM taken t JOIN LATERAL (${personRecordSql(':org', 't.person_id')}) p ON true
          ORDER BY p.name, t.incurred_on, t.id`,
        { org, batchId: id },
      );
      if (!claims.length)
        throw new FieldError(Code.NothingToExport, 'There are no approved claims waiting to be paid', [
          { field: 'claims', rule: 'approvedUnexported', message: 'no approved claims are waiting for a payment batch' },
        ]);
      const total = claims.reduce((sum, c) => sum + c.amount_pence, 0);
      const csv = csvText([
        PAYMENT_CSV_HEADER,
        ...claims.map((c) => [c.id, c.person_name, c.person_id, c.incurred_on, c.category, c.description, c.miles ?? '', pounds(c.amount_pence), c.reviewed_at.toISOString()]),
        ['Total', '', '', '', '', `${claims.length} claim(s)`, '', pounds(total), ''],
      ]);
      await manager.query(`UPDATE expense_export_batches SET claim_count = $3, total_pence = $4, csv = $5 WHERE organisation_id = $1 AND id = $2`, [org, id, claims.length, total, csv]);
      await this.audit.record(manager, actor, { action: 'expense-batch.exported', entityType: 'expense-batch', entityId: id, details: { claims: claims.length, totalPence: total } });
      const [batch]: PaymentBatch[] = await manager.query(
        `SELECT id, claim_count AS "claimCount", total_pence::int AS "totalPence", created_at AS "createdAt" FROM expense_export_batches WHERE organisation_id = $1 AND id = $2`,
        [org, id],
      );
      return batch;
    });
  }

  list(actor: Actor): Promise<PaymentBatch[]> {
    return this.tenancy.run(actor.organisationId, (manager) =>
      manager.query(
        `SELECT id, claim_count AS "claimCount", total_pence::int AS "totalPence", created_at AS "createdAt" FROM expense_export_batches WHERE organisation_id = $1 ORDER BY created_at DESC, id`,
        [actor.organisationId],
      ),
    );
  }

  csv(actor: Actor, id: string): Promise<{ filename: string; csv: string }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [row]: Array<{ csv: string; created_at: Date }> = await manager.query(`SELECT csv, created_at FROM expense_export_batches WHERE organisation_id = $1 AND id = $2`, [
        actor.organisationId,
        id,
      ]);
      if (!row) throw new FieldError(Code.BatchNotFound, 'Payment batch not found');
      return { filename: `expenses-${row.created_at.toISOString().slice(0, 10)}-${id.slice(0, 8)}.csv`, csv: row.csv };
    });
  }
}
