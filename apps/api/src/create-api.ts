import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttp } from '@steppingstone/core';
import { ApiModule } from './app.module';
import { sameOriginGate } from './auth/same-origin';
import { statusOfDomainError } from './errors/domain-error-status';
import { setUpOpenApi } from './openapi';
import { serveWebApp } from './web/web-app';

/** The api, configured but not listening: main.ts listens, tests drive it with supertest. */
export async function createApi(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  const config = configureHttp(app, statusOfDomainError);
  app.use(sameOriginGate(config));
  setUpOpenApi(app);
  serveWebApp(app);
  return app;
}
