import { LOWER_CASE_UUID_PATTERN, randomToken } from '@steppingstone/core';

/**
 * A session token names its organisation before a dot, so the session is found inside that tenant
 * (row-level security applies) without a platform-wide lookup. The random part is the secret.
 */
export function newSessionToken(organisationId: string): string {
  return `${organisationId}.${randomToken(32)}`;
}

export function organisationOfToken(token: string): string | undefined {
  const [organisationId, secret] = token.split('.');
  return LOWER_CASE_UUID_PATTERN.test(organisationId ?? '') && (secret?.length ?? 0) >= 32 ? organisationId : undefined;
}
