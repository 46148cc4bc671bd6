import { Client } from 'pg';
import { AppConfig, APP_DATABASE_ROLE } from '../config/config.schema';
import { ownerDataSource } from './data-sources';

/** Creates the database when it does not exist yet (a fresh machine), then runs pending migrations. */
export async function migrate(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_APP_URL'>, log: (line: string) => void = () => {}): Promise<string[]> {
  await ensureDatabaseExists(config.DATABASE_URL, log);
  const dataSource = ownerDataSource(config);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    const password = new URL(config.DATABASE_APP_URL).password;
    if (password) {
      await dataSource.query(`ALTER ROLE ${APP_DATABASE_ROLE} PASSWORD '${decodeURIComponent(password).replace(/'/g, "''")}'`);
    }
    for (const m of ran) log(`migrated: ${m.name}`);
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

export function ensureDatabaseExists(databaseUrl: string, log: (line: string) => void = () => {}): Promise<void> {
  return onServerOf(databaseUrl, async (client, name) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      log(`created database ${name}`);
    }
  });
}

export function dropDatabase(databaseUrl: string): Promise<void> {
  return onServerOf(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

/** Runs work on the server's maintenance database, since a database cannot create or drop itself. */
async function onServerOf(databaseUrl: string, work: (client: Client, databaseName: string) => Promise<void>): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await work(client, name);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
