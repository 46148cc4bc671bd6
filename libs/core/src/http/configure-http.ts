import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.module';
import { DomainErrorStatus, HttpErrorFilter } from '../errors/http-error.filter';
import { createValidationPipe } from '../errors/validation';
import { NoStoreInterceptor, securityHeaders } from './security-headers';

/** The edges every HTTP process shares: headers, CORS, body limits, validation, one error shape, shutdown. */
export function configureHttp(app: INestApplication, statusOfDomainError: DomainErrorStatus): AppConfig {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as NestExpressApplication;
  const logger = app.get(Logger);
  express.useLogger(logger);
  express.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; by default from nobody, so a client cannot pick its own rate-limit bucket.
  express.set('trust proxy', config.TRUST_PROXY);
  express.use(helmet(securityHeaders(config.PUBLIC_URL)));
  express.use(cookieParser());
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // No CSV parser here: each route taking a file parses it with its own limit (csvBodyParser).
  // Nest turns body-parser's SyntaxError into a bare 400 carrying the parser's message, which quotes
  // the body (a password, say). Passed on as a plain error, the filter answers it in its own words.
  express.use((error: unknown, _req: unknown, _res: unknown, next: (error: unknown) => void) =>
    next(
      error instanceof SyntaxError && (error as { type?: string }).type === 'entity.parse.failed'
        ? Object.assign(new Error('invalid JSON body'), { status: 400, expose: true, type: 'entity.parse.failed' })
        : error,
    ),
  );
  express.enableCors({ origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new NoStoreInterceptor());
  app.useGlobalFilters(new HttpErrorFilter(statusOfDomainError, logger));
  app.enableShutdownHooks();
  return config;
}
