export * from './mailer';
export * from './delivery-log';
export * from './escape-html';
export * from './notifications.module';
