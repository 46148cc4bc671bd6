import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, AuditLog, InjectConfig, RequestTrace, Role, Tenancy } from '@steppingstone/core';
import { Membership, Organisation } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { createAccount } from '../auth/account-directory';
import { NewSession, Sessions } from '../auth/sessions';
import { requestOfSignUpToken } from './sign-up-token';

export interface SignUpResult extends NewSession {
  organisation: Organisation;
  userId: string;
}

interface ClaimedRequest {
  email: string;
  name: string;
  organisation_name: string;
  borough_code: string;
  time_zone: string;
  password_hash: string;
}

/**
 * The emailed link, used: proves the address, then creates the account, the organisation, the
 * admin membership and a session, all in one transaction. The request is used up either way, so
 * a link works once. It only ever makes a new account: an address that has one by now is refused.
 */
@Injectable()
export class VerifySignUp {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async run(token: string, trace: RequestTrace): Promise<SignUpResult> {
    const requestId = requestOfSignUpToken(this.config.APP_SECRET, token);
    if (!requestId) throw invalidLink();
    const organisationId = randomUUID();
    const userId = randomUUID();
    const outcome = await this.tenancy.run(organisationId, async (manager) => {
      const [request]: ClaimedRequest[] = await manager.query(`SELECT * FROM claim_sign_up_request($1)`, [requestId]);
      if (!request) return { kind: 'gone' as const };
      const created = await createAccount(manager, { id: userId, email: request.email, name: request.name, passwordHash: request.password_hash });
      if (!created) return { kind: 'account-exists' as const, email: request.email };
      await manager.insert(Organisation, { id: organisationId, name: request.organisation_name, boroughCode: request.borough_code, timeZone: request.time_zone });
      await manager.insert(Membership, { organisationId, userId, role: Role.Admin });
      const session = await this.sessions.create(manager, { organisationId, userId, secondFactorVerified: false, trace });
      await this.audit.recordUnauthenticated(trace, organisationId, userId, { action: 'organisation.created', entityType: 'organisation', entityId: organisationId }, manager);
      await this.audit.recordUnauthenticated(trace, organisationId, userId, { action: 'auth.login', entityType: 'session', entityId: session.sessionId, details: { via: 'sign-up' } }, manager);
      const organisation = await manager.findOneByOrFail(Organisation, { id: organisationId });
      return { kind: 'created' as const, result: { ...session, organisation, userId } };
    });
    if (outcome.kind === 'gone') throw invalidLink();
    if (outcome.kind === 'account-exists') {
      // Only the holder of the emailed link learns this, and that is the address's owner.
      await this.audit.recordUnauthenticated(trace, null, null, { action: 'auth.sign-up.refused', details: { reason: 'account-exists', email: outcome.email } });
      throw new OrganisationsError(Code.AccountExists, 'This email address has an account already: sign in instead');
    }
    return outcome.result;
  }
}

function invalidLink(): OrganisationsError {
  return new OrganisationsError(Code.SignUpLinkInvalid, 'This sign-up link is not valid, or it has been used or has expired: sign up again');
}
