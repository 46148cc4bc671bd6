import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.module';
import { DEFAULT_JOB_OPTIONS, QueueName, queuePrefix } from './queues';
import { redisOptions } from '../redis/redis.module';

@Module({})
export class QueuesModule {
  /** The BullMQ connection plus every queue, so producers in any lib can inject one with @InjectQueue. */
  static register(): DynamicModule {
    const queues = Object.values(QueueName).map((name) => ({ name }));
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { ...redisOptions(config.REDIS_URL), maxRetriesPerRequest: null },
            prefix: queuePrefix(config.REDIS_PREFIX),
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...queues),
      ],
      exports: [BullModule],
    };
  }
}
