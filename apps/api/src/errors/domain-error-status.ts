import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@steppingstone/core';
import { AreasError, AreasErrorCode } from '@steppingstone/areas';
import { CohortsError, CohortsErrorCode } from '@steppingstone/cohorts';
import { OrganisationsError, OrganisationsErrorCode } from '@steppingstone/organisations';
import { PeopleError, PeopleErrorCode } from '@steppingstone/people';
import { ApplicantImportError, ApplicantImportErrorCode, RecruitmentError, RecruitmentErrorCode } from '@steppingstone/recruitment';
import { RepresentativenessError, RepresentativenessErrorCode } from '@steppingstone/representativeness/representativeness.error';

/** Every domain error code mapped to a status. A code nobody mapped makes `never` fail the build. */
export function statusOfDomainError(error: DomainError): number {
  if (error instanceof OrganisationsError) return organisationsStatus(error.code);
  if (error instanceof AreasError) return areasStatus(error.code);
  if (error instanceof PeopleError) return peopleStatus(error.code);
  if (error instanceof RecruitmentError) return recruitmentStatus(error.code);
  if (error instanceof ApplicantImportError) return applicantImportStatus(error.code);
  if (error instanceof CohortsError) return cohortsStatus(error.code);
  if (error instanceof RepresentativenessError) return representativenessStatus(error.code);
  return HttpStatus.BAD_REQUEST;
}

function organisationsStatus(code: OrganisationsErrorCode): number {
  switch (code) {
    case OrganisationsErrorCode.InvalidCredentials:
    case OrganisationsErrorCode.SessionInvalid:
    case OrganisationsErrorCode.SecondFactorRequired:
    case OrganisationsErrorCode.SecondFactorInvalid:
      return HttpStatus.UNAUTHORIZED;
    case OrganisationsErrorCode.NotAMember:
    case OrganisationsErrorCode.SecondFactorSetupRequired:
    case OrganisationsErrorCode.SecondFactorRequiredByOrganisation:
      return HttpStatus.FORBIDDEN;
    case OrganisationsErrorCode.InvitationNotFound:
    case OrganisationsErrorCode.MemberNotFound:
      return HttpStatus.NOT_FOUND;
    case OrganisationsErrorCode.InvitationExpired:
    case OrganisationsErrorCode.InvitationUsed:
    case OrganisationsErrorCode.InvitationRevoked:
      return HttpStatus.GONE;
    case OrganisationsErrorCode.OrganisationChoiceRequired:
    case OrganisationsErrorCode.AlreadyMember:
    case OrganisationsErrorCode.LastAdmin:
    case OrganisationsErrorCode.SecondFactorNotStarted:
    case OrganisationsErrorCode.SecondFactorAlreadyEnabled:
      return HttpStatus.CONFLICT;
    case OrganisationsErrorCode.WeakPassword:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function areasStatus(code: AreasErrorCode): number {
  switch (code) {
    case AreasErrorCode.LocalityNotFound:
    case AreasErrorCode.CensusDatasetNotFound:
      return HttpStatus.NOT_FOUND;
    case AreasErrorCode.CensusTableInvalid:
      return HttpStatus.BAD_REQUEST;
    case AreasErrorCode.LocalityNameTaken:
    case AreasErrorCode.LocalityInUse:
      return HttpStatus.CONFLICT;
    default:
      return unmapped(code);
  }
}

function peopleStatus(code: PeopleErrorCode): number {
  switch (code) {
    case PeopleErrorCode.PersonNotFound:
    case PeopleErrorCode.ConsentNotFound:
      return HttpStatus.NOT_FOUND;
    case PeopleErrorCode.PossibleDuplicate:
    case PeopleErrorCode.StaleVersion:
      return HttpStatus.CONFLICT;
    case PeopleErrorCode.AccountNotMember:
    case PeopleErrorCode.MergeWithSelf:
    case PeopleErrorCode.ConsentRequired:
    case PeopleErrorCode.UnknownLocality:
    case PeopleErrorCode.AccountAlreadyLinked:
    case PeopleErrorCode.InvalidDemographicAnswer:
    case PeopleErrorCode.InvalidConsent:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function recruitmentStatus(code: RecruitmentErrorCode): number {
  switch (code) {
    case RecruitmentErrorCode.ProgrammeNotFound:
    case RecruitmentErrorCode.IntakeNotFound:
    case RecruitmentErrorCode.ApplicationNotFound:
      return HttpStatus.NOT_FOUND;
    case RecruitmentErrorCode.IllegalIntakeStatusChange:
    case RecruitmentErrorCode.IllegalTransition:
    case RecruitmentErrorCode.StaleVersion:
    case RecruitmentErrorCode.AlreadyApplied:
    case RecruitmentErrorCode.IntakeNotOpen:
      return HttpStatus.CONFLICT;
    case RecruitmentErrorCode.InvalidDates:
    case RecruitmentErrorCode.LocalityCapacityTooLarge:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function representativenessStatus(code: RepresentativenessErrorCode): number {
  switch (code) {
    case RepresentativenessErrorCode.IntakeNotFound:
    case RepresentativenessErrorCode.SelectionNotFound:
      return HttpStatus.NOT_FOUND;
    case RepresentativenessErrorCode.NoCensusDataset:
    case RepresentativenessErrorCode.ReferenceAreaWithoutFigures:
    case RepresentativenessErrorCode.SelectionAlreadyApplied:
      return HttpStatus.CONFLICT;
    case RepresentativenessErrorCode.UnknownDimension:
    case RepresentativenessErrorCode.SelectionInvalid:
    case RepresentativenessErrorCode.SelectionInfeasible:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function cohortsStatus(code: CohortsErrorCode): number {
  switch (code) {
    case CohortsErrorCode.CohortNotFound:
    case CohortsErrorCode.SessionNotFound:
    case CohortsErrorCode.EnrolmentNotFound:
    case CohortsErrorCode.ReferenceNotFound:
      return HttpStatus.NOT_FOUND;
    case CohortsErrorCode.ScheduleExists:
    case CohortsErrorCode.CohortFull:
    case CohortsErrorCode.AlreadyEnrolled:
    case CohortsErrorCode.ApplicationNotAccepted:
    case CohortsErrorCode.StaleRegister:
    case CohortsErrorCode.SessionCancelled:
    case CohortsErrorCode.SessionNotHeld:
    case CohortsErrorCode.WithdrawnAtSession:
    case CohortsErrorCode.SessionHasRegister:
    case CohortsErrorCode.NotEligible:
    case CohortsErrorCode.IllegalEnrolmentChange:
      return HttpStatus.CONFLICT;
    case CohortsErrorCode.InvalidTrainer:
    case CohortsErrorCode.InvalidReference:
    case CohortsErrorCode.InvalidSchedule:
    case CohortsErrorCode.NotEnrolled:
    case CohortsErrorCode.InvalidRegister:
    case CohortsErrorCode.UnknownAssessment:
    case CohortsErrorCode.InvalidDates:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function applicantImportStatus(code: ApplicantImportErrorCode): number {
  switch (code) {
    case ApplicantImportErrorCode.UnreadableFile:
    case ApplicantImportErrorCode.InvalidColumns:
    case ApplicantImportErrorCode.TooManyRows:
    case ApplicantImportErrorCode.InvalidRows:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function unmapped(code: never): never {
  throw new Error(`Unmapped domain error code ${String(code)}`);
}
