import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export interface PreparedStatement {
  /** One name per text: node-postgres prepares it under this name once per connection. */
  name: string;
  /** Columns listed, not `*`: a migration that adds a column to the function then cannot break a statement a running process has prepared. */
  text: string;
  values: unknown[];
}

/**
 * One statement straight to the pool TypeORM holds, as its own transaction, for the few calls made
 * on every request or every public application: a TypeORM query runner costs more CPU than such a
 * call itself, and a named statement is parsed and planned once per connection instead of each time.
 */
export async function queryPrepared<R extends QueryResultRow>(dataSource: DataSource, statement: PreparedStatement): Promise<R[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query<R>(statement)).rows;
}
