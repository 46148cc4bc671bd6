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
  PartnerNotFound = 'PARTNER_NOT_FOUND',
  /** A typed or linked partner code this organisation has not given out. */
  UnknownPartnerCode = 'UNKNOWN_PARTNER_CODE',
  PartnerCodeTaken = 'PARTNER_CODE_TAKEN',
  InvalidPartnerCode = 'INVALID_PARTNER_CODE',
  PartnerNameTaken = 'PARTNER_NAME_TAKEN',
  /** The public form needs at least one way to reach the applicant. */
  NoWayToReach = 'NO_WAY_TO_REACH',
  /** The equality step's token is unknown, used, expired or not this intake's. */
  EqualityStepInvalid = 'EQUALITY_STEP_INVALID',
  /** One or more applications of a bulk move cannot move; nothing moved. */
  BulkMoveRefused = 'BULK_MOVE_REFUSED',
  /** A user named as having taken a consent is not a member of this organisation. */
  UnknownMember = 'UNKNOWN_MEMBER',
}

export class RecruitmentError extends DomainError<RecruitmentErrorCode> {
  readonly domain = 'recruitment';
}
