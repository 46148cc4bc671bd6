import { Module } from '@nestjs/common';
import { ThrottlerModuleOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AppConfig, APP_CONFIG, OutboxModule, REDIS } from '@steppingstone/core';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { PublicApplicationsController } from './public-applications.controller';
import { PUBLIC_FORM_THROTTLER_OPTIONS, PUBLIC_FORM_THROTTLER_STORAGE, PublicFormThrottlerGuard } from './public-form-throttler.guard';

/** The public application form of an open intake. */
@Module({
  imports: [RecruitmentModule, PeopleModule, OutboxModule],
  controllers: [PublicApplicationsController],
  providers: [
    {
      provide: PUBLIC_FORM_THROTTLER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ThrottlerModuleOptions => ({
        throttlers: [{ name: 'public-form', ttl: config.PUBLIC_FORM_RATE_WINDOW_SECONDS * 1000, limit: config.PUBLIC_FORM_RATE_LIMIT }],
        setHeaders: false,
      }),
    },
    { provide: PUBLIC_FORM_THROTTLER_STORAGE, inject: [REDIS], useFactory: (redis: Redis) => new ThrottlerStorageRedisService(redis) },
    PublicFormThrottlerGuard,
  ],
})
export class PublicApplicationsHttpModule {}
