import { DomainError } from '@steppingstone/core';

export enum AreasErrorCode {
  LocalityNotFound = 'LOCALITY_NOT_FOUND',
  LocalityNameTaken = 'LOCALITY_NAME_TAKEN',
  LocalityInUse = 'LOCALITY_IN_USE',
  CensusDatasetNotFound = 'CENSUS_DATASET_NOT_FOUND',
  CensusTableInvalid = 'CENSUS_TABLE_INVALID',
}

export class AreasError extends DomainError<AreasErrorCode> {
  readonly domain = 'areas';
}
