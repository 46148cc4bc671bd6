export * from './reminders.module';
export * from './reminder-reconciler';
export * from './session-reminders/session-reminder';
export * from './session-reminders/session-reminders';
export { sessionReminderEmail, SessionReminderFacts } from './session-reminders/session-reminder-email';
