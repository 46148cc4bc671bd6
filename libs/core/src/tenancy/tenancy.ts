import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface TenantScope {
  organisationId: string;
  /** Lets a user also see their own rows in other organisations (memberships, sessions). */
  userId?: string;
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

  runScoped<T>(scope: Partial<TenantScope>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.organisation_id', $1, true), set_config('app.user_id', $2, true)`, [
        scope.organisationId ?? '',
        scope.userId ?? '',
      ]);
      return work(manager);
    });
  }

  /** For platform-wide tables only (users): no organisation is set, so tenant tables show nothing. */
  runPlatform<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.runScoped({}, work);
  }
}
