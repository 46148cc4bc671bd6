import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { pendingMigrations } from '../database/pending-migrations';
import { Queue } from 'bullmq';
import { QueueName } from '../queues/queues';
import { InjectRedis } from '../redis/redis.module';

/** The counts an operator watches: work piling up (waiting, delayed), running, and failed for good. */
const QUEUE_COUNTS = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueCounts = Record<(typeof QUEUE_COUNTS)[number], number>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

/** What /ready checks: PostgreSQL answers, no migration is pending, Redis answers and will not evict jobs. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly moduleRef: ModuleRef,
  ) {}

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2_000, 'PostgreSQL');
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    try {
      const pending = await withTimeout(pendingMigrations(this.dataSource), 2_000, 'PostgreSQL');
      return pending.length ? check.down({ pending }) : check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  async redisReady(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.ping(), 1_000, 'Redis');
      const policy = await this.evictionPolicy();
      if (policy && policy !== 'noeviction') {
        return check.down({ message: `maxmemory-policy is ${policy}; queued jobs could be evicted (set noeviction)` });
      }
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /**
   * Per-queue job counts, for whoever reads /ready. Not a health indicator: a backlog is something
   * to look at, not a reason to take the process out of the load balancer (Redis itself is checked
   * by redisReady), so a queue that cannot be counted shows why instead of failing the check.
   */
  async queueCounts(): Promise<Record<string, QueueCounts | { message: string }>> {
    const entries = await Promise.all(
      Object.values(QueueName).map(async (name) => {
        try {
          const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
          return [name, (await withTimeout(queue.getJobCounts(...QUEUE_COUNTS), 1_000, 'Redis')) as QueueCounts] as const;
        } catch (error) {
          return [name, { message: (error as Error).message }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  private async evictionPolicy(): Promise<string | undefined> {
    try {
      const reply = (await this.redis.config('GET', 'maxmemory-policy')) as string[];
      return reply[1];
    } catch {
      return undefined; // managed Redis may forbid CONFIG; then the operator vouches for the policy
    }
  }
}
