import { DynamicModule, Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.module';
import { appDataSourceOptions } from './data-sources';
import { PendingMigrationsError, pendingMigrations } from './pending-migrations';
import { Tenancy } from '../tenancy/tenancy';

/** Refuses to start the process while the database is behind the code. */
@Injectable()
class MigrationsCheck implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
  async onModuleInit(): Promise<void> {
    const pending = await pendingMigrations(this.dataSource);
    if (pending.length) throw new PendingMigrationsError(pending);
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forApp(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ ...appDataSourceOptions(config, applicationName), autoLoadEntities: true, retryAttempts: 2, retryDelay: 500 }),
        }),
      ],
      providers: [MigrationsCheck, Tenancy],
      exports: [Tenancy],
    };
  }
}
