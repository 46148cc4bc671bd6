import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG, REDIS } from '@steppingstone/core';
import { emailOf, LoginThrottlerGuard } from './login-throttler.guard';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          // The account alone, wherever the attempts come from: a locked account stays locked from every address.
          {
            name: 'login-account',
            ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000,
            limit: config.LOGIN_RATE_LIMIT,
            getTracker: (req) => emailOf(req),
            skipIf: (context) => !emailOf(context.switchToHttp().getRequest()),
          },
          { name: 'login-address', ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000, limit: config.LOGIN_RATE_LIMIT * 20, getTracker: (req) => String(req.ip) },
        ],
        storage: new ThrottlerStorageRedisService(redis),
      }),
    }),
  ],
  providers: [LoginThrottlerGuard],
  exports: [LoginThrottlerGuard, ThrottlerModule],
})
export class LoginThrottlingModule {}
