import { Request, Response } from 'express';

export const SESSION_COOKIE = 'steppingstone_session';

/** The web app gets the token as an HttpOnly, Secure, SameSite=Strict cookie; API clients send it as a bearer token. */
export function setSessionCookie(response: Response, token: string, expiresAt: Date): void {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', expires: expiresAt });
}

export function clearSessionCookie(response: Response): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}

export function sessionTokenOf(request: Request): string | undefined {
  return bearerTokenOf(request) ?? sessionCookieOf(request);
}

export function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
}

export function sessionCookieOf(request: Request): string | undefined {
  return (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE] || undefined;
}
