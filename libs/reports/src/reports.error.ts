import { DomainError } from '@steppingstone/core';

export enum ReportsErrorCode {
  ReportNotFound = 'REPORT_NOT_FOUND',
  ReportNotReady = 'REPORT_NOT_READY',
  InvalidPeriod = 'INVALID_PERIOD',
}

export class ReportsError extends DomainError<ReportsErrorCode> {
  readonly domain = 'reports';
}
