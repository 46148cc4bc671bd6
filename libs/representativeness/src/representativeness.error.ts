import { DomainError } from '@steppingstone/core';

export enum RepresentativenessErrorCode {
  NoCensusDataset = 'NO_CENSUS_DATASET',
  IntakeNotFound = 'INTAKE_NOT_FOUND',
  ReferenceAreaWithoutFigures = 'REFERENCE_AREA_WITHOUT_FIGURES',
  UnknownDimension = 'UNKNOWN_DIMENSION',
  SelectionInvalid = 'SELECTION_INVALID',
  SelectionInfeasible = 'SELECTION_INFEASIBLE',
  SelectionNotFound = 'SELECTION_NOT_FOUND',
  SelectionAlreadyApplied = 'SELECTION_ALREADY_APPLIED',
  SelectionPoolChanged = 'SELECTION_POOL_CHANGED',
  SelectionNotFinished = 'SELECTION_NOT_FINISHED',
  SelectionNotApplied = 'SELECTION_NOT_APPLIED',
  SelectionNoAlternate = 'SELECTION_NO_ALTERNATE',
}

export class RepresentativenessError extends DomainError<RepresentativenessErrorCode> {
  readonly domain = 'representativeness';
}
