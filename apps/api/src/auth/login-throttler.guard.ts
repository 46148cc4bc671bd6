import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { AuditLog } from '@steppingstone/core';
import { AuthenticatedRequest, traceOf } from './request-context';

export function emailOf(request: { body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * Limits attempts per email, from whatever address (guessing one account, or flooding one mailbox
 * with sign-up emails), and per address alone (trying many accounts). Each endpoint it guards
 * counts apart. Counters live in Redis so every api process shares them. Each refusal is audited.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly audit: AuditLog,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const signUp = request.path.endsWith('/sign-up');
    await this.audit.recordUnauthenticated(traceOf(request), null, null, {
      action: signUp ? 'auth.sign-up.refused' : 'auth.login.refused',
      details: { reason: 'rate-limited', email: emailOf(request), retryAfterSeconds: retryAfter },
    });
    throw new ThrottlerException(`Too many ${signUp ? 'sign-up' : 'sign-in'} attempts; try again in ${retryAfter} seconds`);
  }
}
