import { DomainError } from '@steppingstone/core';

export enum FieldErrorCode {
  ActivityNotFound = 'ACTIVITY_NOT_FOUND',
  ClaimNotFound = 'CLAIM_NOT_FOUND',
  ReceiptNotFound = 'RECEIPT_NOT_FOUND',
  BatchNotFound = 'BATCH_NOT_FOUND',
  /** The login has no person record, so there is nobody to log activity or claim expenses for. */
  NoLinkedPerson = 'NO_LINKED_PERSON',
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  InvalidDates = 'INVALID_DATES',
  InvalidClaim = 'INVALID_CLAIM',
  InvalidReceipt = 'INVALID_RECEIPT',
  TooManyReceipts = 'TOO_MANY_RECEIPTS',
  /** Approved entries and claims are settled; a queried or rejected one is changed by its owner first. */
  AlreadyReviewed = 'ALREADY_REVIEWED',
  StaleVersion = 'STALE_VERSION',
  NothingToExport = 'NOTHING_TO_EXPORT',
  /** Querying an entry or rejecting a claim says why. */
  NoteRequired = 'NOTE_REQUIRED',
}

export class FieldError extends DomainError<FieldErrorCode> {
  readonly domain = 'field';
}
