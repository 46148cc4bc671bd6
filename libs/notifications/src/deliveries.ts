import { Injectable } from '@nestjs/common';
import { Actor, Conditions, Page, queryNamed, Tenancy } from '@steppingstone/core';
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
      const where = new Conditions('organisation_id = :org', { org: actor.organisationId });
      if (filter.status) where.and('status = :status', { status: filter.status });
      const [{ total }]: Array<{ total: number }> = await queryNamed(manager, `SELECT count(*)::int AS total FROM deliveries WHERE ${where.sql}`, where.params);
      const rows: DeliveryRow[] = await queryNamed(manager, `SELECT * FROM deliveries WHERE ${where.sql} ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset`, {
        ...where.params,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
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
