import { DomainError } from '@steppingstone/core';

export enum DataRightsErrorCode {
  RequestNotFound = 'DATA_RIGHTS_REQUEST_NOT_FOUND',
  /** A download asked of a request that is not a finished export. */
  ExportNotReady = 'EXPORT_NOT_READY',
  /** The export was removed: expired, or its person since erased or anonymised. */
  ExportGone = 'EXPORT_GONE',
}

export class DataRightsError extends DomainError<DataRightsErrorCode> {
  readonly domain = 'data-rights';
}
