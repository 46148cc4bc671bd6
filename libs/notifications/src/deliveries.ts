import { Injectable } from '@nestjs/common';
import { Actor, Page, Tenancy } from '@steppingstone/core';
import { Delivery, DeliveryRow, DeliveryStatus, toDelivery } from './delivery-log';
import { NotificationsError, NotificationsErrorCode as Code } from './notifications.error';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['sending', 'sent', 'failed', 'skipped'];

/** A delivery as the admin view shows it: the job's ids stay inside; whether it can be retried is what matters. */
export type DeliveryView = Omit<Delivery, 'organisationId' | 'job' | 'updatedAt'> & { updatedAt: Date | null; retriable: boolean };

export function deliveryView({ organisationId: _organisation, job, updatedAt, ...shown }: Delivery): DeliveryView {
  return { ...shown, updatedAt: updatedAt ?? null, retriable: shown.status === 'failed' && !!job };
}

/** The delivery log as the organisation's admins and coordinators read it: newest change first. */
@Injectable()
export class Deliveries {
  constructor(private readonly tenancy: Tenancy) {}

  list(actor: Actor, filter: { status?: DeliveryStatus; page: number; pageSize: number }): Promise<Page<DeliveryView>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const params: unknown[] = [actor.organisationId];
      const where = ['organisation_id = $1'];
      if (filter.status) where.push(`status = $${params.push(filter.status)}`);
      const [{ total }]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM deliveries WHERE ${where.join(' AND ')}`, params);
      const rows: DeliveryRow[] = await manager.query(
        `SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id LIMIT $${params.push(filter.pageSize)} OFFSET $${params.push((filter.page - 1) * filter.pageSize)}`,
        params,
      );
      return { items: rows.map((r) => deliveryView(toDelivery(r))), total, page: filter.page, pageSize: filter.pageSize };
    });
  }

  get(actor: Actor, id: string): Promise<DeliveryView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [row]: DeliveryRow[] = await manager.query(`SELECT * FROM deliveries WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, id]);
      if (!row) throw new NotificationsError(Code.DeliveryNotFound, 'Delivery not found');
      return deliveryView(toDelivery(row));
    });
  }
}
