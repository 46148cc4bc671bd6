import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';
import { Actor, RequestTrace } from '@steppingstone/core';
import { AccountView, AuthenticatedSession } from '@steppingstone/organisations';

export type AuthenticatedRequest = Request & { id?: string; session?: AuthenticatedSession; actor?: Actor; account?: AccountView };

export const READS_OWN_ACCOUNT_KEY = 'steppingstone:reads-own-account';

/**
 * The endpoint answers with the caller's own account: the guard then reads it in the same statement
 * as the session (one round trip for the whole request) and `@CurrentAccount()` hands it over.
 */
export const ReadsOwnAccount = () => SetMetadata(READS_OWN_ACCOUNT_KEY, true);

export function traceOf(request: AuthenticatedRequest): RequestTrace {
  return { requestId: String(request.id ?? ''), ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The caller, from the authenticated session only: never from the body or the URL. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on an endpoint without an authenticated session');
  return actor;
});

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedSession => {
  const session = context.switchToHttp().getRequest<AuthenticatedRequest>().session;
  if (!session) throw new Error('CurrentSession used on an endpoint without an authenticated session');
  return session;
});

export const Trace = createParamDecorator((_: unknown, context: ExecutionContext): RequestTrace => traceOf(context.switchToHttp().getRequest<AuthenticatedRequest>()));

export const CurrentAccount = createParamDecorator((_: unknown, context: ExecutionContext): AccountView => {
  const account = context.switchToHttp().getRequest<AuthenticatedRequest>().account;
  if (!account) throw new Error('CurrentAccount used on an endpoint without @ReadsOwnAccount()');
  return account;
});
