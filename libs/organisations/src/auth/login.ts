import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog, RequestTrace, Role, Tenancy, verifyAgainstDecoy, verifyPassword } from '@steppingstone/core';
import { Membership, Organisation } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { findAccountByEmail } from './account-directory';
import { SecondFactor } from './second-factor';
import { NewSession, Sessions } from './sessions';

export interface LoginCommand {
  email: string;
  password: string;
  organisationId?: string;
  totpCode?: string;
  recoveryCode?: string;
}

export interface LoginResult extends NewSession {
  userId: string;
  organisationId: string;
  role: Role;
}

export interface MembershipChoice {
  organisationId: string;
  organisationName: string;
  role: Role;
}

const INVALID = 'Email or password is incorrect';

/**
 * Email and password (argon2id), then the organisation, then the second factor if the user has one.
 * An unknown email and a wrong password get the same answer in the same time; every outcome is audited.
 */
@Injectable()
export class Login {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: Sessions,
    private readonly secondFactor: SecondFactor,
    private readonly audit: AuditLog,
  ) {}

  async run(command: LoginCommand, trace: RequestTrace): Promise<LoginResult> {
    const email = command.email.trim().toLowerCase();
    const user = await this.tenancy.runPlatform((m) => findAccountByEmail(m, email));
    const passwordOk = user ? await verifyPassword(user.passwordHash, command.password) : await verifyAgainstDecoy(command.password);
    if (!user || !passwordOk) {
      await this.audit.recordUnauthenticated(trace, null, user?.id ?? null, { action: 'auth.login.refused', details: { reason: user ? 'wrong-password' : 'unknown-email', email } });
      throw new OrganisationsError(Code.InvalidCredentials, INVALID);
    }

    return this.tenancy.runScoped({ userId: user.id }, async (manager) => {
      const memberships = await this.activeMemberships(manager, user.id);
      const chosen = await this.chooseOrganisation(memberships, command, user.id, trace);
      await manager.query(`SELECT set_config('app.organisation_id', $1, true)`, [chosen.organisationId]);

      let secondFactorVerified = false;
      if (user.totpEnabledAt) {
        if (!command.totpCode && !command.recoveryCode) {
          throw new OrganisationsError(Code.SecondFactorRequired, 'Enter the code from your authenticator app (or a recovery code)', [
            { field: 'totpCode', rule: 'required', message: 'totpCode is required for this account' },
          ]);
        }
        if (!(await this.secondFactor.check(manager, user.id, command))) {
          await this.audit.recordUnauthenticated(trace, chosen.organisationId, user.id, { action: 'auth.login.refused', details: { reason: 'wrong-second-factor' } });
          throw new OrganisationsError(Code.SecondFactorInvalid, 'The authenticator code is not right; try the next one');
        }
        secondFactorVerified = true;
      }

      const session = await this.sessions.create(manager, { organisationId: chosen.organisationId, userId: user.id, secondFactorVerified, trace });
      await this.audit.recordUnauthenticated(
        trace,
        chosen.organisationId,
        user.id,
        { action: 'auth.login', entityType: 'session', entityId: session.sessionId, details: { secondFactor: secondFactorVerified } },
        manager,
      );
      return { ...session, userId: user.id, organisationId: chosen.organisationId, role: chosen.role };
    });
  }

  async activeMemberships(manager: EntityManager, userId: string): Promise<MembershipChoice[]> {
    const rows = await manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(Organisation, 'o', 'o.id = m.organisation_id')
      .select(['m.organisation_id AS "organisationId"', 'o.name AS "organisationName"', 'm.role AS role'])
      .where('m.user_id = :userId AND m.status = :status', { userId, status: 'active' })
      .orderBy('o.name')
      .getRawMany<MembershipChoice>();
    return rows;
  }

  private async chooseOrganisation(memberships: MembershipChoice[], command: LoginCommand, userId: string, trace: RequestTrace): Promise<MembershipChoice> {
    if (command.organisationId) {
      const chosen = memberships.find((m) => m.organisationId === command.organisationId);
      if (chosen) return chosen;
    } else if (memberships.length === 1) {
      return memberships[0];
    } else if (memberships.length > 1) {
      throw new OrganisationsError(Code.OrganisationChoiceRequired, 'You belong to several organisations: send organisationId with one of them', [], { organisations: memberships });
    }
    await this.audit.recordUnauthenticated(trace, null, userId, { action: 'auth.login.refused', details: { reason: 'no-active-membership', organisationId: command.organisationId ?? null } });
    throw new OrganisationsError(Code.NotAMember, 'You are not an active member of that organisation');
  }
}
