import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Outbox, QueueName, Tenancy } from '@steppingstone/core';
import { DeliveryView, deliveryView } from './deliveries';
import { DeliveryRow, toDelivery } from './delivery-log';
import { NotificationsError, NotificationsErrorCode as Code } from './notifications.error';

const QUEUES = new Set<string>(Object.values(QueueName));

/**
 * An admin sends a failed message again. The job that produced it is staged in the outbox in the
 * same transaction as the audit entry, then relayed; its id names the delivery and the attempt it
 * failed at, so pressing retry twice before it runs adds one job, and the delivery log's claim
 * (a failed key may be taken over, a sent one never) makes the message go once.
 */
@Injectable()
export class RetryDelivery {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
  ) {}

  async run(actor: Actor, deliveryId: string): Promise<DeliveryView> {
    const view = await this.tenancy.run(actor.organisationId, async (manager) => {
      const [row]: DeliveryRow[] = await manager.query(`SELECT * FROM deliveries WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [actor.organisationId, deliveryId]);
      if (!row) throw new NotificationsError(Code.DeliveryNotFound, 'Delivery not found');
      const delivery = toDelivery(row);
      if (delivery.status !== 'failed') {
        throw new NotificationsError(Code.DeliveryNotFailed, `Only a failed delivery can be retried; this one is ${delivery.status}`, [
          { field: 'id', rule: 'failed', message: `the delivery is ${delivery.status}, not failed` },
        ]);
      }
      if (!delivery.job || !QUEUES.has(delivery.job.queue)) {
        throw new NotificationsError(Code.DeliveryNotRetriable, 'This delivery was recorded without the job that sends it, so it cannot be retried from here', [
          { field: 'id', rule: 'retriable', message: 'the delivery has no recorded job' },
        ]);
      }
      await this.outbox.stage(manager, actor.organisationId, {
        queue: delivery.job.queue as QueueName,
        jobName: delivery.job.name,
        jobId: `retry.${delivery.id}.${delivery.attempts}`,
        payload: delivery.job.data,
      });
      await this.audit.record(manager, actor, { action: 'delivery.retried', entityType: 'delivery', entityId: delivery.id, details: { template: delivery.template, attempts: delivery.attempts } });
      return deliveryView(delivery);
    });
    await this.outbox.relaySoon(actor.organisationId);
    return view;
  }
}
