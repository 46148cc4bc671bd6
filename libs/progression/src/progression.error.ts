import { DomainError } from '@steppingstone/core';

export enum ProgressionErrorCode {
  PersonNotFound = 'PERSON_NOT_FOUND',
  NoLinkedPerson = 'NO_LINKED_PERSON',
  PaidRoleNotFound = 'PAID_ROLE_NOT_FOUND',
  JobNotFound = 'JOB_NOT_FOUND',
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  PaidRoleTitleTaken = 'PAID_ROLE_TITLE_TAKEN',
  PostsFilled = 'POSTS_FILLED',
  JobAlreadyEnded = 'JOB_ALREADY_ENDED',
  CheckNotDue = 'CHECK_NOT_DUE',
  InvalidDates = 'INVALID_DATES',
  JobBeforeRegistration = 'JOB_BEFORE_REGISTRATION',
  UnknownDimension = 'UNKNOWN_DIMENSION',
}

export class ProgressionError extends DomainError<ProgressionErrorCode> {
  readonly domain = 'progression';
}
