import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, hashPassword, passwordProblems, Tenancy, verifyPassword } from '@steppingstone/core';
import { User } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { Login, MembershipChoice } from './login';
import { SecondFactor } from './second-factor';
import { Sessions } from './sessions';

/**
 * What `GET /auth/me` shows. Read on every page load of the web app, so it comes from the session
 * lookup itself (`Sessions.authenticateWithAccount`): one round trip for the whole request.
 */
export interface AccountView {
  user: { id: string; email: string; name: string; secondFactorEnabled: boolean };
  organisation: { id: string; name: string; boroughCode: string; timeZone: string };
  role: string;
  memberships: MembershipChoice[];
}

/** What a signed-in person does with their own account: change the password, manage the second factor (seeing it is `Sessions.authenticateWithAccount`). */
@Injectable()
export class Account {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: Sessions,
    private readonly secondFactor: SecondFactor,
    private readonly login: Login,
    private readonly audit: AuditLog,
  ) {}

  /** A new password ends every session of the account, in every organisation, this one included. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    await this.tenancy.runScoped({ organisationId: actor.organisationId, userId: actor.userId }, async (manager) => {
      const user = await manager.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.userId }).getOneOrFail();
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new OrganisationsError(Code.InvalidCredentials, 'The current password is not right', [{ field: 'currentPassword', rule: 'matchesAccount', message: 'currentPassword is not right' }]);
      }
      const problems = passwordProblems(newPassword, user.email, 'newPassword');
      if (problems.length) throw new OrganisationsError(Code.WeakPassword, problems.map((p) => p.message).join('; '), problems);
      await manager.update(User, { id: actor.userId }, { passwordHash: await hashPassword(newPassword), passwordChangedAt: () => 'now()' });
      await this.sessions.revokeAllOfUser(manager, actor.userId, 'password-changed');
      await this.audit.record(manager, actor, { action: 'auth.password.changed', entityType: 'user', entityId: actor.userId });
    });
  }

  async startSecondFactorSetup(actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: actor.userId });
      if (user.totpEnabledAt) throw new OrganisationsError(Code.SecondFactorAlreadyEnabled, 'Two-step sign-in is already on; turn it off first to change it');
      const { secret, sealed } = this.secondFactor.newSecret();
      await manager.update(User, { id: actor.userId }, { totpPendingSecret: sealed });
      return { secret, otpauthUrl: this.secondFactor.otpauthUrl(user.email, secret) };
    });
  }

  /** Confirms the authenticator with a first code; returns recovery codes, shown once. */
  async confirmSecondFactor(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const user = await manager.findOneOrFail(User, { where: { id: actor.userId }, select: { id: true, totpPendingSecret: true, totpEnabledAt: true } });
      if (user.totpEnabledAt) throw new OrganisationsError(Code.SecondFactorAlreadyEnabled, 'Two-step sign-in is already on');
      if (!user.totpPendingSecret) throw new OrganisationsError(Code.SecondFactorNotStarted, 'Start the set-up first (POST /auth/second-factor/setup)');
      if (!this.secondFactor.verify(user.totpPendingSecret, code)) {
        throw new OrganisationsError(Code.SecondFactorInvalid, 'The code is not right; check the time on your phone and try the next one', [
          { field: 'code', rule: 'totp', message: 'code does not match' },
        ]);
      }
      const { codes, hashes } = this.secondFactor.newRecoveryCodes();
      await manager.update(User, { id: actor.userId }, { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: () => 'now()', recoveryCodeHashes: hashes });
      await this.sessions.markSecondFactorVerified(manager, actor.organisationId, actor.sessionId);
      await this.audit.record(manager, actor, { action: 'auth.second-factor.enabled', entityType: 'user', entityId: actor.userId });
      return { recoveryCodes: codes };
    });
  }

  async disableSecondFactor(actor: Actor, code: { totpCode?: string; recoveryCode?: string }, requiredByOrganisation: boolean): Promise<void> {
    if (requiredByOrganisation) {
      throw new OrganisationsError(Code.SecondFactorRequiredByOrganisation, 'Your organisation requires two-step sign-in for your role');
    }
    await this.tenancy.run(actor.organisationId, async (manager) => {
      if (!(await this.secondFactor.check(manager, actor.userId, code))) {
        throw new OrganisationsError(Code.SecondFactorInvalid, 'The code is not right', [{ field: 'totpCode', rule: 'totp', message: 'totpCode does not match' }]);
      }
      await manager.update(User, { id: actor.userId }, { totpSecret: null, totpEnabledAt: null, recoveryCodeHashes: [] });
      await this.audit.record(manager, actor, { action: 'auth.second-factor.disabled', entityType: 'user', entityId: actor.userId });
    });
  }
}
