import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import request from 'supertest';
import { appUrlFromOwnerUrl, dropDatabase, migrate } from '@steppingstone/core';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { deleteKeys } from './redis-keys';
import { SmtpCatcher } from './smtp-catcher';

const OWNER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/steppingstone';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnvironmentOptions {
  /** Run the worker in this process too, so queued jobs are processed. */
  worker?: boolean;
  /** Start an SMTP server and point the product's email at it. */
  smtp?: boolean;
  /** Extra environment variables (e.g. LOGIN_RATE_LIMIT, or a REDIS_URL of the test's own Redis). */
  env?: Record<string, string>;
  /**
   * Listen on a loopback port chosen before the api starts, and make that address PUBLIC_URL: a
   * browser's requests then come from the product's own origin, as they do in production.
   */
  listen?: boolean;
}

/**
 * One per test file: a fresh database (created, migrated as the owner, dropped afterwards), a Redis
 * key prefix of its own, the real api (and optionally the real worker and an SMTP server).
 */
export class TestEnvironment {
  api!: INestApplication;
  worker?: INestApplication;
  smtp?: SmtpCatcher;
  databaseUrl!: string;
  redisPrefix!: string;
  private baseUrl?: string;

  static async start(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
    const environment = new TestEnvironment();
    await environment.boot(options);
    return environment;
  }

  get http() {
    return request(this.api.getHttpServer());
  }

  /** Listens on a loopback port (the one PUBLIC_URL names, when started with `listen`), for clients that need a real address (browser tests); returns the base URL. */
  async listen(): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = this.api.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://localhost:${(server.address() as AddressInfo).port}`;
  }

  private async boot(options: TestEnvironmentOptions): Promise<void> {
    const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const url = new URL(OWNER_URL);
    url.pathname = `/steppingstone_test_${suffix}`;
    this.databaseUrl = url.toString();
    this.redisPrefix = `ss-test-${suffix.replace(/_/g, '-')}`;
    await migrate({ DATABASE_URL: this.databaseUrl, DATABASE_APP_URL: appUrlFromOwnerUrl(this.databaseUrl) });
    if (options.smtp) this.smtp = await new SmtpCatcher().start();
    const port = options.listen ? await freePort() : undefined;

    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: this.databaseUrl,
      DATABASE_APP_URL: appUrlFromOwnerUrl(this.databaseUrl),
      DATABASE_POOL_SIZE: '5',
      REDIS_URL,
      REDIS_PREFIX: this.redisPrefix,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.smtp?.port ?? 2525),
      PUBLIC_URL: port ? `http://localhost:${port}` : 'http://localhost:3000',
      ...options.env,
    });

    this.api = await createApi();
    await this.api.init();
    if (port) {
      await new Promise<void>((resolve) => this.api.getHttpServer().listen(port, '127.0.0.1', () => resolve()));
      this.baseUrl = `http://localhost:${port}`;
    }
    if (options.worker) {
      this.worker = await createWorker();
      await this.worker.init();
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.api?.close();
    await this.smtp?.stop();
    await dropDatabase(this.databaseUrl);
    await deleteKeys(process.env.REDIS_URL ?? REDIS_URL, this.redisPrefix).catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
