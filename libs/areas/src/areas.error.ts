import { DomainError } from '@steppingstone/core';

export enum AreasErrorCode {
  LocalityNotFound = 'LOCALITY_NOT_FOUND',
  LocalityNameTaken = 'LOCALITY_NAME_TAKEN',
  LocalityInUse = 'LOCALITY_IN_USE',
}

export class AreasError extends DomainError<AreasErrorCode> {
  readonly domain = 'areas';
}
