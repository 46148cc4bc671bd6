import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { HelmetOptions } from 'helmet';
import { Observable } from 'rxjs';

/**
 * The headers every response carries unless a route sets stricter ones. No inline script anywhere:
 * the OpenAPI UI and the queue board load their scripts as files (inline styles they do need). Framing
 * is refused the same way twice, for browsers that know only one of the two headers.
 */
export function securityHeaders(publicUrl: string): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(publicUrl.startsWith('https:') ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
  };
}

/**
 * For a stored document sent as a download (a report's HTML): it may style itself and show inline
 * images, nothing more, and opened on this origin it runs sandboxed.
 */
export const DOCUMENT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/**
 * Answers from the API hold people's details, so no browser or proxy may keep a copy. Set before the
 * handler runs, so its errors carry it too; a handler may still set its own (a download does).
 */
@Injectable()
export class NoStoreInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    return next.handle();
  }
}
