import { DomainError } from '@steppingstone/core';

export enum PlacementsErrorCode {
  HostNotFound = 'HOST_NOT_FOUND',
  OpportunityNotFound = 'OPPORTUNITY_NOT_FOUND',
  PlacementNotFound = 'PLACEMENT_NOT_FOUND',
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  HostNameTaken = 'HOST_NAME_TAKEN',
  InvalidDates = 'INVALID_DATES',
  InvalidReference = 'INVALID_REFERENCE',
  OverlappingPlacement = 'OVERLAPPING_PLACEMENT',
  OpportunityFull = 'OPPORTUNITY_FULL',
  IllegalStatusChange = 'ILLEGAL_STATUS_CHANGE',
  RequirementNotMet = 'REQUIREMENT_NOT_MET',
  PersonNotFound = 'PERSON_NOT_FOUND',
  CheckNotFound = 'CHECK_NOT_FOUND',
  InvalidCheck = 'INVALID_CHECK',
}

export class PlacementsError extends DomainError<PlacementsErrorCode> {
  readonly domain = 'placements';
}
