import { DomainError } from '@steppingstone/core';

export enum ApplicantImportErrorCode {
  /** The body is not a CSV we can read at all (bad quoting, nothing in it, only a header). */
  UnreadableFile = 'IMPORT_UNREADABLE_FILE',
  /** The header lacks a column every applicant needs, or names one column twice. */
  InvalidColumns = 'IMPORT_INVALID_COLUMNS',
  TooManyRows = 'IMPORT_TOO_MANY_ROWS',
  /** At least one row has a problem; a real run then writes nothing. */
  InvalidRows = 'IMPORT_INVALID_ROWS',
}

/** A refused import. Every code is a mistake in the file, so each maps to 400. */
export class ApplicantImportError extends DomainError<ApplicantImportErrorCode> {
  readonly domain = 'applicant-import';
}
