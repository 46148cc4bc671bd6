import { Module } from '@nestjs/common';
import { OutboxModule } from '@steppingstone/core';
import { NotificationsModule } from '@steppingstone/notifications';
import { DeliveriesController } from './deliveries.controller';

/** The delivery log for admins and coordinators, and the admin's retry of a failed message. */
@Module({
  imports: [NotificationsModule, OutboxModule],
  controllers: [DeliveriesController],
})
export class DeliveriesHttpModule {}
