import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorDetail } from './domain-error';
import { ErrorBody } from './error-body';

export type DomainErrorStatus = (error: DomainError) => number;

/**
 * Every error leaves the api in one shape, `{ statusCode, error, message, details[] }`. Unexpected
 * errors answer 500 with an errorId that is also logged next to the stack; clients never see a stack.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  /** The app's own (pino) logger, handed in: a `new Logger()` made before the app's logger is set logs nowhere. */
  constructor(
    private readonly statusOfDomainError: DomainErrorStatus,
    private readonly logger: LoggerService,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request & { id?: string }): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = this.statusOfDomainError(exception);
      return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: exception.message, details: exception.details, code: exception.code, ...exception.extra };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const payload = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      const { message: _m, error: _e, statusCode: _s, details, ...extra } = payload;
      return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details: (details as ErrorDetail[]) ?? [], ...extra };
    }
    const conflict = uniqueConflict(exception);
    if (conflict) return conflict;
    const bodyParserError = exception as { type?: string; status?: number; expose?: boolean; message?: string };
    if (typeof bodyParserError?.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500 && bodyParserError.expose) {
      const statusCode = bodyParserError.status;
      const message =
        bodyParserError.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : bodyParserError.type === 'entity.too.large'
            ? 'The request body is too large'
            : String(bodyParserError.message);
      return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details: [{ field: 'body', rule: bodyParserError.type ?? 'body', message }] };
    }
    const errorId = request.id ? String(request.id) : randomUUID();
    this.logger.error({ err: exception, errorId }, `Unexpected error ${errorId}`, 'HttpError');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: `Something went wrong on our side. Quote ${errorId} if you contact support.`,
      details: [],
      errorId,
    };
  }
}

/**
 * Two requests creating the same thing at once (a double-clicked form, a retried sign-up): each
 * service checks for a duplicate first, but only the database sees both, and refuses the second
 * with a unique violation. That is a 409 like the duplicate the service would have reported, never a 500.
 */
function uniqueConflict(exception: unknown): ErrorBody | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const driverError = exception.driverError as { code?: string; table?: string; constraint?: string };
  if (driverError.code !== '23505') return undefined;
  // Constraints are named <table>_<columns>_key; the columns name the field (never the value, which may be an email).
  const columns = driverError.constraint?.replace(`${driverError.table}_`, '').replace(/_(key|idx|unique)$/, '');
  const field = columns ? columns.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : 'body';
  const message = `Another request saved the same ${field} at the same moment: reload and try again`;
  return { statusCode: 409, error: STATUS_CODES[409]!, message, details: [{ field, rule: 'unique', message }] };
}
