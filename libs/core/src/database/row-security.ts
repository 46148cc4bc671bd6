import { QueryRunner } from 'typeorm';

/**
 * The SQL functions every policy uses. `set_config(..., true)` scopes the values to one transaction,
 * so a pooled connection never carries an organisation into the next request.
 */
export const ROW_SECURITY_FUNCTIONS = `
  CREATE OR REPLACE FUNCTION current_organisation_id() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('app.organisation_id', true), '')::uuid $$;
  CREATE OR REPLACE FUNCTION current_app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
`;

export interface TenantRowSecurityOptions {
  /** Also show rows whose column (e.g. user_id) is the current user, in any organisation. */
  alsoOwnRowsOf?: string;
  /** Allow inserting rows with no organisation (platform-level events such as a login for an unknown email). */
  platformRowsInsertable?: boolean;
}

/** Row-level security for a table with organisation_id, forced even for the table's owner. */
export async function enableTenantRowSecurity(q: QueryRunner, table: string, options: TenantRowSecurityOptions = {}): Promise<void> {
  const own = options.alsoOwnRowsOf ? ` OR ${options.alsoOwnRowsOf} = current_app_user_id()` : '';
  const check = options.platformRowsInsertable ? `organisation_id = current_organisation_id() OR organisation_id IS NULL` : `organisation_id = current_organisation_id()${own}`;
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY ${table}_tenant_isolation ON ${table} USING (organisation_id = current_organisation_id()${own}) WITH CHECK (${check})`);
}
