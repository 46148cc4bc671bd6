import { EntityManager } from 'typeorm';

export interface SignInAccount {
  id: string;
  passwordHash: string;
  totpEnabledAt: Date | null;
}

/**
 * Row-level security shows the app role only the accounts of the organisation a transaction is
 * scoped to. Before any organisation is known (signing in, signing up, accepting an invitation) an
 * account is found by its email, and a new one is created, through these two SECURITY DEFINER
 * functions (UsersRowSecurity migration); nothing else about other accounts is reachable.
 */
export async function findAccountByEmail(manager: EntityManager, email: string): Promise<SignInAccount | undefined> {
  const [row]: Array<{ id: string; password_hash: string; totp_enabled_at: Date | null }> = await manager.query(`SELECT id, password_hash, totp_enabled_at FROM account_for_sign_in($1)`, [email]);
  return row && { id: row.id, passwordHash: row.password_hash, totpEnabledAt: row.totp_enabled_at };
}

/** Creates the account and answers true, or answers false and creates nothing when the email has one already. */
export async function createAccount(manager: EntityManager, account: { id: string; email: string; name: string; passwordHash: string }): Promise<boolean> {
  const [row]: Array<{ created: boolean }> = await manager.query(`SELECT create_account($1, $2, $3, $4) AS created`, [account.id, account.email, account.name, account.passwordHash]);
  return row.created;
}
