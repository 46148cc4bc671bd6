import { NextFunction, Request, Response } from 'express';
import { AppConfig, ErrorBody } from '@steppingstone/core';
import { bearerTokenOf, sessionCookieOf } from './session-cookie';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The product's own origin and any CORS_ORIGINS, as browsers write them in the Origin header. */
export function ownOrigins(config: Pick<AppConfig, 'PUBLIC_URL' | 'CORS_ORIGINS'>): Set<string> {
  return new Set([config.PUBLIC_URL, ...config.CORS_ORIGINS].map(originOf));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * Why a request must be refused as cross-site, or undefined. Only a request that changes something
 * and would be authenticated by the session cookie is checked: a browser attaches the cookie on its
 * own, whereas a bearer token is sent only by a client that holds it. SameSite=Strict leaves out
 * other sites but not other ports or subdomains of this site, so the browser's own account of where
 * the request comes from decides: Origin, or (for a browser that omits it) Sec-Fetch-Site. A client
 * that sends neither is not a browser and cannot be made to carry someone's cookie.
 */
export function crossSiteRefusal(request: Pick<Request, 'method' | 'headers' | 'cookies'>, origins: ReadonlySet<string>): string | undefined {
  if (!STATE_CHANGING.has(request.method)) return undefined;
  if (bearerTokenOf(request as Request) || !sessionCookieOf(request as Request)) return undefined;
  const origin = request.headers.origin;
  if (origin !== undefined) return origins.has(origin) ? undefined : `This request came from another site (${origin.slice(0, 100)}), so it was refused; use Steppingstone from its own address`;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `This request came from another site (Sec-Fetch-Site: ${String(site).slice(0, 20)}), so it was refused; use Steppingstone from its own address`;
  return undefined;
}

/**
 * Express middleware in front of every route (the queue board's too); it reads headers only, with
 * no database round trip. It answers a refusal itself, in the one error shape, since raw Express
 * middleware is outside Nest's exception filter.
 */
export function sameOriginGate(config: Pick<AppConfig, 'PUBLIC_URL' | 'CORS_ORIGINS'>) {
  const origins = ownOrigins(config);
  return (request: Request, response: Response, next: NextFunction): void => {
    const refusal = crossSiteRefusal(request, origins);
    if (!refusal) return next();
    response.status(403).json({ statusCode: 403, error: 'Forbidden', message: refusal, details: [], code: 'CROSS_SITE_REQUEST' } satisfies ErrorBody);
  };
}
