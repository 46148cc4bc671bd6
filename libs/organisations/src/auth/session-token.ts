import { randomToken } from '@steppingstone/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A session token names its organisation before a dot, so the session is found inside that tenant
 * (row-level security applies) without a platform-wide lookup. The random part is the secret.
 */
export function newSessionToken(organisationId: string): string {
  return `${organisationId}.${randomToken(32)}`;
}

export function organisationOfToken(token: string): string | undefined {
  const [organisationId, secret] = token.split('.');
  return UUID.test(organisationId ?? '') && (secret?.length ?? 0) >= 32 ? organisationId : undefined;
}
