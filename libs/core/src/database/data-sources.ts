import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config.schema';
import { MIGRATIONS } from './migrations';

const common = { type: 'postgres' as const, migrations: MIGRATIONS, migrationsTableName: 'migrations', synchronize: false };

/** The owner's connection: runs migrations (DDL, roles, policies). Never used to serve requests. */
export function ownerDataSource(config: Pick<AppConfig, 'DATABASE_URL'>): DataSource {
  return new DataSource({ ...common, url: config.DATABASE_URL, poolSize: 2, applicationName: 'steppingstone-migrate' });
}

/** The api's and worker's connection, as a role that row-level security applies to. */
export function appDataSourceOptions(config: AppConfig, applicationName: string): DataSourceOptions {
  return {
    ...common,
    url: config.DATABASE_APP_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName,
    migrationsRun: false,
    extra: { idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 },
  };
}
