import { Module } from '@nestjs/common';
import { NotificationsModule } from '@steppingstone/notifications';
import { OrganisationsModule } from '@steppingstone/organisations';
import { RepresentativenessModule } from '@steppingstone/representativeness';
import { ReminderReconciler } from './reminder-reconciler';
import { REMINDER_KIND_CLASSES, REMINDER_KINDS_PROVIDER } from './reminder-kinds';
import { REMINDER_KINDS } from './reminder-kind';

/** Reminders computed from the database; the worker's processor sends them through the delivery log. */
@Module({
  imports: [NotificationsModule, OrganisationsModule, RepresentativenessModule],
  providers: [...REMINDER_KIND_CLASSES, REMINDER_KINDS_PROVIDER, ReminderReconciler],
  exports: [...REMINDER_KIND_CLASSES, REMINDER_KINDS, ReminderReconciler],
})
export class RemindersModule {}
