import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Names of migrations in the code that the database has not run, read through the app's own connection. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = await dataSource.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS present`);
  const applied = new Set<string>();
  if (table[0].present) {
    for (const row of await dataSource.query(`SELECT name FROM migrations`)) applied.add(row.name);
  }
  return MIGRATIONS.map((m) => new m().name as string).filter((name) => !applied.has(name));
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(`The database is behind the code: ${pending.length} migration(s) pending (${pending.join(', ')}). Run \`npm run migrate\` first.`);
  }
}
