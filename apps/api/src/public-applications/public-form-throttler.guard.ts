import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { Response } from 'express';
import { AppConfig, AuditLog, InjectConfig } from '@steppingstone/core';
import { eventLinkExpiry } from '@steppingstone/recruitment';
import { AuthenticatedRequest, traceOf } from '../auth/request-context';

export const PUBLIC_FORM_THROTTLER_OPTIONS = Symbol('PUBLIC_FORM_THROTTLER_OPTIONS');
export const PUBLIC_FORM_THROTTLER_STORAGE = Symbol('PUBLIC_FORM_THROTTLER_STORAGE');

/**
 * Submissions of the public form per address, counted in Redis so every api process shares the
 * count. Its own options and storage (not the global ThrottlerModule's), so the sign-in limits and
 * these never mix. A running event link of the same intake (`?event=`) skips the count; checking it
 * is a hash, with no round trip.
 */
@Injectable()
export class PublicFormThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(PUBLIC_FORM_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(PUBLIC_FORM_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly audit: AuditLog,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = request.query.event;
    return typeof token === 'string' && typeof request.params.slug === 'string' && eventLinkExpiry(this.config.APP_SECRET, request.params.slug, token) !== undefined;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    await this.audit.recordUnauthenticated(traceOf(request), null, null, { action: 'application.public-form.refused', details: { reason: 'rate-limited', retryAfterSeconds: retryAfter } });
    throw new ThrottlerException(`Too many applications from this address; please try again in ${describeWait(retryAfter)}`);
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
