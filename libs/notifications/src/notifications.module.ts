import { Module } from '@nestjs/common';
import { OutboxModule } from '@steppingstone/core';
import { Deliveries } from './deliveries';
import { DeliveryLog } from './delivery-log';
import { Mailer } from './mailer';
import { RetryDelivery } from './retry-delivery';

const PROVIDERS = [Mailer, DeliveryLog, Deliveries, RetryDelivery];

/** Email, the delivery log that makes each message go once, and the admin's view and retry of it. */
@Module({ imports: [OutboxModule], providers: PROVIDERS, exports: PROVIDERS })
export class NotificationsModule {}
