import { ErrorDetail } from './domain-error';

/** The one shape every error response has. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
  code?: string;
  errorId?: string;
  [extra: string]: unknown;
}
