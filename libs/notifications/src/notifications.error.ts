import { DomainError } from '@steppingstone/core';

export enum NotificationsErrorCode {
  DeliveryNotFound = 'DELIVERY_NOT_FOUND',
  /** Only a failed delivery is retried by hand: a sent one would go twice, one being sent is in hand. */
  DeliveryNotFailed = 'DELIVERY_NOT_FAILED',
  /** Its job was not recorded with it (older messages), so there is nothing to run again. */
  DeliveryNotRetriable = 'DELIVERY_NOT_RETRIABLE',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  readonly domain = 'notifications';
}
