import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Policy, POLICY_KEY, SECOND_FACTOR_EXEMPT_KEY } from '@steppingstone/core';
import { AuthenticatedSessionWithAccount, OrganisationsError, OrganisationsErrorCode, Sessions } from '@steppingstone/organisations';
import { AuthenticatedRequest, READS_OWN_ACCOUNT_KEY } from './request-context';
import { sessionTokenOf } from './session-cookie';

/**
 * The one place that decides who may call what. Every endpoint must declare a policy (@Public or
 * @AllowRoles); one that declares none is refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, targets);
    if (!policy) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access policy; refusing`);
      throw new ForbiddenException('This endpoint is not available');
    }
    if (policy.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = sessionTokenOf(request);
    // Checked afresh on every request (nothing is cached), so a revoked session is refused on the next one.
    const readsOwnAccount = this.reflector.getAllAndOverride<boolean>(READS_OWN_ACCOUNT_KEY, targets);
    const session = !token ? undefined : readsOwnAccount ? await this.sessions.authenticateWithAccount(token) : await this.sessions.authenticate(token);
    if (!session) throw new OrganisationsError(OrganisationsErrorCode.SessionInvalid, 'Sign in to continue (your session is missing, expired or ended)');

    request.session = session;
    request.account = (session as Partial<AuthenticatedSessionWithAccount>).account;
    request.actor = { userId: session.userId, organisationId: session.organisationId, role: session.role, sessionId: session.sessionId, requestId: String(request.id ?? ''), ip: request.ip };

    if (!policy.roles.includes(session.role)) {
      throw new ForbiddenException(`Your role (${session.role}) cannot do this; it needs ${policy.roles.join(' or ')}`);
    }
    const exempt = this.reflector.getAllAndOverride<boolean>(SECOND_FACTOR_EXEMPT_KEY, targets);
    if (session.secondFactorRequired && !exempt && (!session.totpEnabled || !session.secondFactorVerified)) {
      throw new OrganisationsError(
        OrganisationsErrorCode.SecondFactorSetupRequired,
        session.totpEnabled ? 'Sign in again with your authenticator code' : 'Your organisation requires two-step sign-in for your role: set it up at /auth/second-factor/setup',
      );
    }
    return true;
  }
}
