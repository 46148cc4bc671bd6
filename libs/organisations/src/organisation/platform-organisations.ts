import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The ids of every organisation, for jobs that fan out per organisation. Goes through a narrow
 * SECURITY DEFINER function: the app role itself can read no organisation without a tenant set.
 */
@Injectable()
export class PlatformOrganisations {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ids(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM platform_organisation_ids() AS id`);
    return rows.map((r) => r.id);
  }
}
