import { Module } from '@nestjs/common';
import { OutboxModule, PersonRecordsModule } from '@steppingstone/core';
import { Deliveries } from './deliveries';
import { DeliveryLog } from './delivery-log';
import { Mailer } from './mailer';
import { NotifyGateway } from './notify/notify-gateway';
import { NotifySettings } from './notify/notify-settings';
import { DeliveryPersonRecords } from './person-records/delivery-person-records';
import { RetryDelivery } from './retry-delivery';

const PROVIDERS = [Mailer, NotifyGateway, NotifySettings, DeliveryLog, Deliveries, RetryDelivery];

/** Email, texts through GOV.UK Notify, the delivery log that makes each message go once, and the admin's view and retry of it. */
@Module({ imports: [OutboxModule, PersonRecordsModule], providers: [...PROVIDERS, DeliveryPersonRecords], exports: PROVIDERS })
export class NotificationsModule {}
