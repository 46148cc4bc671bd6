import { INestApplication, Logger } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppConfig, APP_CONFIG } from '@steppingstone/core';

/**
 * Paths that belong to the server even when a browser navigates to them: the OpenAPI UI and the
 * queue board render their own HTML, and health checks must never answer with the app.
 */
const SERVER_PAGES = ['/api/docs', '/api/', '/admin/queues', '/health', '/ready'];

/** Looks upwards from this file, so the same code finds the build from the sources (tests) and from dist/ (production). */
export function findWebBuild(start = __dirname): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The API routes live at the root (/people, /intakes ...) and so do the app's own addresses, so a
 * request gets the app only when a browser navigates (GET that asks for HTML); fetch() from the app
 * and API clients ask for JSON and reach the controllers as before.
 */
export function isAppNavigation(request: Pick<Request, 'method' | 'path' | 'headers'>): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (SERVER_PAGES.some((prefix) => request.path === prefix.replace(/\/$/, '') || request.path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** The app's CSP is stricter than the API default: no inline script at all; upgrade only where the site is served over HTTPS. */
export function appContentSecurityPolicy(publicUrl: string): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (publicUrl.startsWith('https:')) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Serves the web build (`npm run build:web`) at `/`: hashed assets cached for a year, index.html for the app's routes. */
export function serveWebApp(app: INestApplication, root = findWebBuild()): void {
  const logger = new Logger('WebApp');
  if (!root) {
    logger.warn('No web build found (dist/web); run `npm run build:web` to serve the app at /');
    return;
  }
  const indexHtml = readFileSync(join(root, 'index.html'));
  const policy = appContentSecurityPolicy(app.get<AppConfig>(APP_CONFIG).PUBLIC_URL);
  // File names under assets/ carry a content hash, so a new build never reuses a cached name.
  app.use('/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isAppNavigation(request)) return next();
    response.setHeader('Content-Security-Policy', policy);
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml);
  });
}
