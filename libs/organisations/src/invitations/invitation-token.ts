import { hmac } from '@steppingstone/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `<organisation>.<invitation>.<mac>`: derivable from the ids and the app secret, so the worker can
 * put it in the email without the token ever being stored; the database keeps only its hash.
 */
export function invitationToken(appSecret: string, organisationId: string, invitationId: string): string {
  return `${organisationId}.${invitationId}.${hmac(appSecret, `invitation:${organisationId}:${invitationId}`)}`;
}

export function parseInvitationToken(token: string): { organisationId: string; invitationId: string } | undefined {
  const [organisationId, invitationId, mac] = token.split('.');
  if (!UUID.test(organisationId ?? '') || !UUID.test(invitationId ?? '') || !mac) return undefined;
  return { organisationId, invitationId };
}
