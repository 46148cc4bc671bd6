import { Module } from '@nestjs/common';
import { DeliveryLog } from './delivery-log';
import { Mailer } from './mailer';

@Module({ providers: [Mailer, DeliveryLog], exports: [Mailer, DeliveryLog] })
export class NotificationsModule {}
