import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@steppingstone/core';
import { OrganisationsError, OrganisationsErrorCode } from '@steppingstone/organisations';

/** Every domain error code mapped to a status. A code nobody mapped makes `never` fail the build. */
export function statusOfDomainError(error: DomainError): number {
  if (error instanceof OrganisationsError) return organisationsStatus(error.code);
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

function unmapped(code: never): never {
  throw new Error(`Unmapped domain error code ${String(code)}`);
}
