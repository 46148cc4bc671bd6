import { ForbiddenException } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { Role, Tenancy } from '@steppingstone/core';
import { activeMember, OrganisationsError, OrganisationsErrorCode, Sessions } from '@steppingstone/organisations';
import { sessionTokenOf } from '../auth/session-cookie';

/**
 * Queues are shared by every organisation, so their admin view (job ids, failures, retries) is for
 * the people who run the platform, not for each organisation's admins: the caller needs a live
 * session as an admin (with the second factor their organisation requires) and a sign-in email in
 * OPERATOR_EMAILS. Express middleware, because bull-board is an Express router outside Nest's
 * guards; errors go to the app's exception filter, so the answer has the usual error shape.
 */
export function operatorGate(sessions: Sessions, tenancy: Tenancy, operatorEmails: readonly string[]) {
  const operators = new Set(operatorEmails.map((e) => e.toLowerCase()));

  async function check(request: Request): Promise<void> {
    const token = sessionTokenOf(request);
    const session = token ? await sessions.authenticate(token) : undefined;
    if (!session) throw new OrganisationsError(OrganisationsErrorCode.SessionInvalid, 'Sign in to continue (your session is missing, expired or ended)');
    if (session.secondFactorRequired && (!session.totpEnabled || !session.secondFactorVerified)) {
      throw new OrganisationsError(OrganisationsErrorCode.SecondFactorSetupRequired, 'Sign in again with your authenticator code');
    }
    const email = await tenancy.runScoped({ organisationId: session.organisationId, userId: session.userId }, async (manager) =>
      (await activeMember(manager, session.organisationId, session.userId))?.email.toLowerCase(),
    );
    if (session.role !== Role.Admin || !email || !operators.has(email)) {
      throw new ForbiddenException('The queue admin view is for platform operators only (an admin whose email is in OPERATOR_EMAILS)');
    }
  }

  return (request: Request, response: Response, next: NextFunction): void => {
    // Job data and failures are nobody's to keep: no copy in a browser or proxy cache.
    response.setHeader('Cache-Control', 'no-store');
    check(request).then(() => next(), next);
  };
}
