import { DomainError } from '@steppingstone/core';

export enum OrganisationsErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  OrganisationChoiceRequired = 'ORGANISATION_CHOICE_REQUIRED',
  NotAMember = 'NOT_A_MEMBER',
  SessionInvalid = 'SESSION_INVALID',
  SecondFactorRequired = 'SECOND_FACTOR_REQUIRED',
  SecondFactorInvalid = 'SECOND_FACTOR_INVALID',
  SecondFactorSetupRequired = 'SECOND_FACTOR_SETUP_REQUIRED',
  SecondFactorNotStarted = 'SECOND_FACTOR_NOT_STARTED',
  SecondFactorAlreadyEnabled = 'SECOND_FACTOR_ALREADY_ENABLED',
  SecondFactorRequiredByOrganisation = 'SECOND_FACTOR_REQUIRED_BY_ORGANISATION',
  InvitationNotFound = 'INVITATION_NOT_FOUND',
  InvitationExpired = 'INVITATION_EXPIRED',
  InvitationUsed = 'INVITATION_USED',
  InvitationRevoked = 'INVITATION_REVOKED',
  AlreadyMember = 'ALREADY_MEMBER',
  MemberNotFound = 'MEMBER_NOT_FOUND',
  LastAdmin = 'LAST_ADMIN',
  WeakPassword = 'WEAK_PASSWORD',
  SignUpLinkInvalid = 'SIGN_UP_LINK_INVALID',
  AccountExists = 'ACCOUNT_EXISTS',
  UnknownCensusDataset = 'UNKNOWN_CENSUS_DATASET',
}

export class OrganisationsError extends DomainError<OrganisationsErrorCode> {
  readonly domain = 'organisations';
}
