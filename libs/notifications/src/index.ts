export * from './mailer';
export * from './escape-html';
export * from './notifications.module';
