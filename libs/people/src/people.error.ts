import { DomainError } from '@steppingstone/core';

export enum PeopleErrorCode {
  PersonNotFound = 'PERSON_NOT_FOUND',
  PossibleDuplicate = 'POSSIBLE_DUPLICATE',
  MergeWithSelf = 'MERGE_WITH_SELF',
  ConsentRequired = 'CONSENT_REQUIRED',
  ConsentNotFound = 'CONSENT_NOT_FOUND',
  StaleVersion = 'STALE_VERSION',
  AccountNotMember = 'ACCOUNT_NOT_MEMBER',
  AccountAlreadyLinked = 'ACCOUNT_ALREADY_LINKED',
  MergeConflict = 'MERGE_CONFLICT',
  UnknownLocality = 'UNKNOWN_LOCALITY',
  InvalidDemographicAnswer = 'INVALID_DEMOGRAPHIC_ANSWER',
  InvalidConsent = 'INVALID_CONSENT',
  Anonymised = 'PERSON_ANONYMISED',
}

export class PeopleError extends DomainError<PeopleErrorCode> {
  readonly domain = 'people';
}
