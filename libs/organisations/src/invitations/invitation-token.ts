import { hmac, LOWER_CASE_UUID_PATTERN } from '@steppingstone/core';

/**
 * `<organisation>.<invitation>.<mac>`: derivable from the ids and the app secret, so the worker can
 * put it in the email without the token ever being stored; the database keeps only its hash.
 */
export function invitationToken(appSecret: string, organisationId: string, invitationId: string): string {
  return `${organisationId}.${invitationId}.${hmac(appSecret, `invitation:${organisationId}:${invitationId}`)}`;
}

export function parseInvitationToken(token: string): { organisationId: string; invitationId: string } | undefined {
  const [organisationId, invitationId, mac] = token.split('.');
  if (!LOWER_CASE_UUID_PATTERN.test(organisationId ?? '') || !LOWER_CASE_UUID_PATTERN.test(invitationId ?? '') || !mac) return undefined;
  return { organisationId, invitationId };
}
