export * from './mailer';
export * from './delivery-log';
export * from './escape-html';
export * from './notifications.module';
export * from './notifications.error';
export * from './deliveries';
export * from './retry-delivery';
export * from './organisation-batches';
