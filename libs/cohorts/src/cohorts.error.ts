import { DomainError } from '@steppingstone/core';

export enum CohortsErrorCode {
  CohortNotFound = 'COHORT_NOT_FOUND',
  SessionNotFound = 'SESSION_NOT_FOUND',
  EnrolmentNotFound = 'ENROLMENT_NOT_FOUND',
  InvalidTrainer = 'INVALID_TRAINER',
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  InvalidReference = 'INVALID_REFERENCE',
  InvalidSchedule = 'INVALID_SCHEDULE',
  ScheduleExists = 'SCHEDULE_EXISTS',
  CohortFull = 'COHORT_FULL',
  AlreadyEnrolled = 'ALREADY_ENROLLED',
  ApplicationNotAccepted = 'APPLICATION_NOT_ACCEPTED',
  StaleRegister = 'STALE_REGISTER',
  SessionCancelled = 'SESSION_CANCELLED',
  SessionNotHeld = 'SESSION_NOT_HELD',
  NotEnrolled = 'NOT_ENROLLED',
  WithdrawnAtSession = 'WITHDRAWN_AT_SESSION',
  InvalidRegister = 'INVALID_REGISTER',
  SessionHasRegister = 'SESSION_HAS_REGISTER',
  UnknownAssessment = 'UNKNOWN_ASSESSMENT',
  NotEligible = 'NOT_ELIGIBLE',
  IllegalEnrolmentChange = 'ILLEGAL_ENROLMENT_CHANGE',
  InvalidDates = 'INVALID_DATES',
}

export class CohortsError extends DomainError<CohortsErrorCode> {
  readonly domain = 'cohorts';
}
