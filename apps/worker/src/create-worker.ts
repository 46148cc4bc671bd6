import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttp } from '@steppingstone/core';
import { WorkerModule } from './worker.module';

export async function createWorker(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  configureHttp(app, () => 500);
  return app;
}
