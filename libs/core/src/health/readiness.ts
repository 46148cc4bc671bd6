import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { pendingMigrations } from '../database/pending-migrations';
import { InjectRedis } from '../redis/redis.module';

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

  private async evictionPolicy(): Promise<string | undefined> {
    try {
      const reply = (await this.redis.config('GET', 'maxmemory-policy')) as string[];
      return reply[1];
    } catch {
      return undefined; // managed Redis may forbid CONFIG; then the operator vouches for the policy
    }
  }
}
