import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { UUID_PATTERN } from '../calendar/uuid';

export interface TenantScope {
  organisationId: string;
  /** Lets a user also see their own rows in other organisations (memberships, sessions). */
  userId?: string;
  /** Lets an anonymous visitor read the one intake whose public link they hold (the public form). */
  publicSlug?: string;
}

const SLUG = /^[A-Za-z0-9_-]{8,64}$/;

/** The fields TypeORM keeps to know a transaction is open (so save() and nested transactions use savepoints). */
interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * The one door to tenant data. Each call is a transaction whose organisation is set with
 * `set_config(..., true)` (transaction-local), so row-level security applies to every query in it
 * and nothing carries over to the next user of the pooled connection.
 */
@Injectable()
export class Tenancy {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(organisationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.runScoped({ organisationId }, work);
  }

  async runScoped<T>(scope: Partial<TenantScope>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await this.begin(runner, scope);
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** For platform-wide lookups (an account by its sign-in email, through its SECURITY DEFINER function): no organisation is set, so tenant tables and users show nothing. */
  runPlatform<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.runScoped({}, work);
  }

  /**
   * Opens the transaction and scopes it in one round trip rather than two: every request pays for
   * each round trip, and on a busy api they dominate. The ids go into the SQL text because a
   * multi-statement query takes no parameters; they are checked to be UUIDs first.
   */
  private async begin(runner: QueryRunner, scope: Partial<TenantScope>): Promise<void> {
    const organisationId = literalUuid(scope.organisationId, 'organisationId');
    const userId = literalUuid(scope.userId, 'userId');
    const publicSlug = literal(scope.publicSlug, SLUG, 'publicSlug');
    await runner.query(
      `START TRANSACTION; SELECT set_config('app.organisation_id', ${organisationId}, true), set_config('app.user_id', ${userId}, true), set_config('app.public_slug', ${publicSlug}, true)`,
    );
    Object.assign(runner as unknown as TransactionState, { isTransactionActive: true, transactionDepth: 1 } satisfies TransactionState);
  }
}

function literalUuid(value: string | undefined, name: string): string {
  return literal(value, UUID_PATTERN, name);
}

/** Only values matching a strict pattern (no quotes possible) are written into the SQL text. */
function literal(value: string | undefined, pattern: RegExp, name: string): string {
  if (value === undefined || value === '') return `''`;
  if (!pattern.test(value)) throw new Error(`Tenancy: ${name} has an unexpected form: ${JSON.stringify(value).slice(0, 60)}`);
  return `'${value}'`;
}
