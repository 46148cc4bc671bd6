import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@steppingstone/core';
import { AreasError, AreasErrorCode } from '@steppingstone/areas';
import { CohortsError, CohortsErrorCode } from '@steppingstone/cohorts';
import { OrganisationsError, OrganisationsErrorCode } from '@steppingstone/organisations';
import { DataRightsError, DataRightsErrorCode, PeopleError, PeopleErrorCode } from '@steppingstone/people';
import { PlacementsError, PlacementsErrorCode } from '@steppingstone/placements';
import { ProgressionError, ProgressionErrorCode } from '@steppingstone/progression';
import { ApplicantImportError, ApplicantImportErrorCode, RecruitmentError, RecruitmentErrorCode } from '@steppingstone/recruitment';
import { RepresentativenessError, RepresentativenessErrorCode } from '@steppingstone/representativeness';
import { ReportsError, ReportsErrorCode } from '@steppingstone/reports';
import { FieldError, FieldErrorCode } from '@steppingstone/field';
import { CoordinatorMessageError, CoordinatorMessageErrorCode } from '@steppingstone/reminders';
import { NotificationsError, NotificationsErrorCode } from '@steppingstone/notifications';

/** Every domain error code mapped to a status. A code nobody mapped makes `never` fail the build. */
export function statusOfDomainError(error: DomainError): number {
  if (error instanceof OrganisationsError) return organisationsStatus(error.code);
  if (error instanceof AreasError) return areasStatus(error.code);
  if (error instanceof PeopleError) return peopleStatus(error.code);
  if (error instanceof DataRightsError) return dataRightsStatus(error.code);
  if (error instanceof RecruitmentError) return recruitmentStatus(error.code);
  if (error instanceof ApplicantImportError) return applicantImportStatus(error.code);
  if (error instanceof CohortsError) return cohortsStatus(error.code);
  if (error instanceof RepresentativenessError) return representativenessStatus(error.code);
  if (error instanceof PlacementsError) return placementsStatus(error.code);
  if (error instanceof ProgressionError) return progressionStatus(error.code);
  if (error instanceof ReportsError) return reportsStatus(error.code);
  if (error instanceof NotificationsError) return notificationsStatus(error.code);
  if (error instanceof FieldError) return fieldStatus(error.code);
  if (error instanceof CoordinatorMessageError) return coordinatorMessageStatus(error.code);
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
    case OrganisationsErrorCode.SignUpLinkInvalid:
      return HttpStatus.NOT_FOUND;
    case OrganisationsErrorCode.InvitationExpired:
    case OrganisationsErrorCode.InvitationUsed:
    case OrganisationsErrorCode.InvitationRevoked:
      return HttpStatus.GONE;
    case OrganisationsErrorCode.OrganisationChoiceRequired:
    case OrganisationsErrorCode.AlreadyMember:
    case OrganisationsErrorCode.AccountExists:
    case OrganisationsErrorCode.LastAdmin:
    case OrganisationsErrorCode.SecondFactorNotStarted:
    case OrganisationsErrorCode.SecondFactorAlreadyEnabled:
      return HttpStatus.CONFLICT;
    case OrganisationsErrorCode.WeakPassword:
    case OrganisationsErrorCode.UnknownCensusDataset:
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
    case PeopleErrorCode.AccountNotMember:
      return HttpStatus.NOT_FOUND;
    case PeopleErrorCode.PossibleDuplicate:
    case PeopleErrorCode.StaleVersion:
    case PeopleErrorCode.AccountAlreadyLinked:
    case PeopleErrorCode.MergeConflict:
    case PeopleErrorCode.Anonymised:
      return HttpStatus.CONFLICT;
    case PeopleErrorCode.MergeWithSelf:
    case PeopleErrorCode.ConsentRequired:
    case PeopleErrorCode.UnknownLocality:
    case PeopleErrorCode.InvalidDemographicAnswer:
    case PeopleErrorCode.InvalidConsent:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function dataRightsStatus(code: DataRightsErrorCode): number {
  switch (code) {
    case DataRightsErrorCode.RequestNotFound:
      return HttpStatus.NOT_FOUND;
    case DataRightsErrorCode.ExportNotReady:
      return HttpStatus.CONFLICT;
    case DataRightsErrorCode.ExportGone:
      return HttpStatus.GONE;
    default:
      return unmapped(code);
  }
}

function recruitmentStatus(code: RecruitmentErrorCode): number {
  switch (code) {
    case RecruitmentErrorCode.ProgrammeNotFound:
    case RecruitmentErrorCode.IntakeNotFound:
    case RecruitmentErrorCode.ApplicationNotFound:
    case RecruitmentErrorCode.PartnerNotFound:
      return HttpStatus.NOT_FOUND;
    case RecruitmentErrorCode.IllegalIntakeStatusChange:
    case RecruitmentErrorCode.IllegalTransition:
    case RecruitmentErrorCode.StaleVersion:
    case RecruitmentErrorCode.AlreadyApplied:
    case RecruitmentErrorCode.IntakeNotOpen:
    case RecruitmentErrorCode.PartnerCodeTaken:
    case RecruitmentErrorCode.PartnerNameTaken:
    case RecruitmentErrorCode.BulkMoveRefused:
      return HttpStatus.CONFLICT;
    case RecruitmentErrorCode.InvalidDates:
    case RecruitmentErrorCode.LocalityCapacityTooLarge:
    case RecruitmentErrorCode.UnknownPartnerCode:
    case RecruitmentErrorCode.InvalidPartnerCode:
    case RecruitmentErrorCode.NoWayToReach:
    case RecruitmentErrorCode.UnknownMember:
      return HttpStatus.BAD_REQUEST;
    // Unknown, used, expired or another intake's: all alike, so a token cannot be probed.
    case RecruitmentErrorCode.EqualityStepInvalid:
      return HttpStatus.FORBIDDEN;
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
    case RepresentativenessErrorCode.SelectionPoolChanged:
    case RepresentativenessErrorCode.SelectionNotFinished:
    case RepresentativenessErrorCode.SelectionNotApplied:
    case RepresentativenessErrorCode.SelectionNoAlternate:
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

function placementsStatus(code: PlacementsErrorCode): number {
  switch (code) {
    case PlacementsErrorCode.HostNotFound:
    case PlacementsErrorCode.OpportunityNotFound:
    case PlacementsErrorCode.PlacementNotFound:
    case PlacementsErrorCode.ReferenceNotFound:
    case PlacementsErrorCode.PersonNotFound:
    case PlacementsErrorCode.CheckNotFound:
      return HttpStatus.NOT_FOUND;
    case PlacementsErrorCode.HostNameTaken:
    case PlacementsErrorCode.OverlappingPlacement:
    case PlacementsErrorCode.OpportunityFull:
    case PlacementsErrorCode.IllegalStatusChange:
    case PlacementsErrorCode.RequirementNotMet:
      return HttpStatus.CONFLICT;
    case PlacementsErrorCode.InvalidDates:
    case PlacementsErrorCode.InvalidReference:
    case PlacementsErrorCode.InvalidCheck:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function progressionStatus(code: ProgressionErrorCode): number {
  switch (code) {
    case ProgressionErrorCode.PersonNotFound:
    case ProgressionErrorCode.NoLinkedPerson:
    case ProgressionErrorCode.PaidRoleNotFound:
    case ProgressionErrorCode.JobNotFound:
    case ProgressionErrorCode.ReferenceNotFound:
      return HttpStatus.NOT_FOUND;
    case ProgressionErrorCode.PaidRoleTitleTaken:
    case ProgressionErrorCode.PostsFilled:
    case ProgressionErrorCode.JobAlreadyEnded:
    case ProgressionErrorCode.CheckNotDue:
      return HttpStatus.CONFLICT;
    case ProgressionErrorCode.InvalidDates:
    case ProgressionErrorCode.JobBeforeRegistration:
    case ProgressionErrorCode.UnknownDimension:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function notificationsStatus(code: NotificationsErrorCode): number {
  switch (code) {
    case NotificationsErrorCode.DeliveryNotFound:
      return HttpStatus.NOT_FOUND;
    case NotificationsErrorCode.DeliveryNotFailed:
    case NotificationsErrorCode.DeliveryNotRetriable:
      return HttpStatus.CONFLICT;
    default:
      return unmapped(code);
  }
}

function reportsStatus(code: ReportsErrorCode): number {
  switch (code) {
    case ReportsErrorCode.ReportNotFound:
      return HttpStatus.NOT_FOUND;
    case ReportsErrorCode.ReportNotReady:
      return HttpStatus.CONFLICT;
    case ReportsErrorCode.InvalidPeriod:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function fieldStatus(code: FieldErrorCode): number {
  switch (code) {
    case FieldErrorCode.ActivityNotFound:
    case FieldErrorCode.ClaimNotFound:
    case FieldErrorCode.ReceiptNotFound:
    case FieldErrorCode.BatchNotFound:
    case FieldErrorCode.NoLinkedPerson:
    case FieldErrorCode.ReferenceNotFound:
      return HttpStatus.NOT_FOUND;
    case FieldErrorCode.AlreadyReviewed:
    case FieldErrorCode.StaleVersion:
    case FieldErrorCode.NothingToExport:
    case FieldErrorCode.TooManyReceipts:
      return HttpStatus.CONFLICT;
    case FieldErrorCode.InvalidDates:
    case FieldErrorCode.InvalidClaim:
    case FieldErrorCode.InvalidReceipt:
    case FieldErrorCode.NoteRequired:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function coordinatorMessageStatus(code: CoordinatorMessageErrorCode): number {
  switch (code) {
    case CoordinatorMessageErrorCode.GroupNotFound:
    case CoordinatorMessageErrorCode.MessageNotFound:
      return HttpStatus.NOT_FOUND;
    case CoordinatorMessageErrorCode.NobodyToMessage:
      return HttpStatus.CONFLICT;
    case CoordinatorMessageErrorCode.InvalidAudience:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

function unmapped(code: never): never {
  throw new Error(`Unmapped domain error code ${String(code)}`);
}
