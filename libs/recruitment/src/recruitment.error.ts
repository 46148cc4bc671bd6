import { DomainError } from '@steppingstone/core';

export enum RecruitmentErrorCode {
  ProgrammeNotFound = 'PROGRAMME_NOT_FOUND',
  IntakeNotFound = 'INTAKE_NOT_FOUND',
  ApplicationNotFound = 'APPLICATION_NOT_FOUND',
  IllegalIntakeStatusChange = 'ILLEGAL_INTAKE_STATUS_CHANGE',
  IllegalTransition = 'ILLEGAL_TRANSITION',
  StaleVersion = 'STALE_VERSION',
  AlreadyApplied = 'ALREADY_APPLIED',
  IntakeNotOpen = 'INTAKE_NOT_OPEN',
  InvalidDates = 'INVALID_DATES',
  LocalityCapacityTooLarge = 'LOCALITY_CAPACITY_TOO_LARGE',
}

export class RecruitmentError extends DomainError<RecruitmentErrorCode> {
  readonly domain = 'recruitment';
}
