import { Module } from '@nestjs/common';
import { NotificationsModule } from '@steppingstone/notifications';
import { OrganisationsModule } from '@steppingstone/organisations';
import { ReminderReconciler } from './reminder-reconciler';
import { SessionReminders } from './session-reminders/session-reminders';

/** Reminders computed from the database; the worker's processor sends them through the delivery log. */
@Module({
  imports: [NotificationsModule, OrganisationsModule],
  providers: [SessionReminders, ReminderReconciler],
  exports: [SessionReminders, ReminderReconciler],
})
export class RemindersModule {}
