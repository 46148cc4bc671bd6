import { hmac, LOWER_CASE_UUID_PATTERN, sameSecret } from '@steppingstone/core';

/**
 * `<request>.<mac>`: derivable from the request id and the app secret, so the worker can put it in
 * the email without it being stored, and nobody without the secret can make one.
 */
export function signUpToken(appSecret: string, requestId: string): string {
  return `${requestId}.${hmac(appSecret, `sign-up:${requestId}`)}`;
}

/** The request a token is for, or undefined when it was not made with this secret. */
export function requestOfSignUpToken(appSecret: string, token: string): string | undefined {
  const [requestId, mac, ...rest] = token.split('.');
  if (rest.length || !LOWER_CASE_UUID_PATTERN.test(requestId ?? '') || !mac) return undefined;
  return sameSecret(signUpToken(appSecret, requestId), token) ? requestId : undefined;
}
