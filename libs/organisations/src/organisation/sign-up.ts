import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, hashPassword, passwordProblems, RequestTrace, Role, Tenancy, verifyPassword } from '@steppingstone/core';
import { Membership, Organisation } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { createAccount, findAccountByEmail } from '../auth/account-directory';
import { NewSession, Sessions } from '../auth/sessions';

export interface SignUpCommand {
  organisationName: string;
  boroughCode: string;
  timeZone?: string;
  name: string;
  email: string;
  password: string;
}

export interface SignUpResult extends NewSession {
  organisation: Organisation;
  userId: string;
}

/**
 * Creates an organisation and its first admin, and signs the admin in. Someone who already has an
 * account proves it with their password, and the new organisation joins their account.
 */
@Injectable()
export class SignUp {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: SignUpCommand, trace: RequestTrace): Promise<SignUpResult> {
    const email = command.email.trim().toLowerCase();
    const organisationId = randomUUID();
    const existing = await this.tenancy.runPlatform((m) => findAccountByEmail(m, email));
    if (existing && !(await verifyPassword(existing.passwordHash, command.password))) {
      throw new OrganisationsError(Code.InvalidCredentials, 'An account with this email exists; enter its password to add an organisation to it', [
        { field: 'password', rule: 'matchesAccount', message: 'password must be the existing account’s password' },
      ]);
    }
    if (!existing) {
      const problems = passwordProblems(command.password, email);
      if (problems.length) throw new OrganisationsError(Code.WeakPassword, problems.map((p) => p.message).join('; '), problems);
    }
    const passwordHash = existing ? undefined : await hashPassword(command.password);

    return this.tenancy.run(organisationId, async (manager) => {
      const userId = existing?.id ?? randomUUID();
      if (!existing) await createAccount(manager, { id: userId, email, name: command.name.trim(), passwordHash: passwordHash! });
      await manager.insert(Organisation, {
        id: organisationId,
        name: command.organisationName.trim(),
        boroughCode: command.boroughCode.toUpperCase(),
        timeZone: command.timeZone ?? 'Europe/London',
      });
      await manager.insert(Membership, { organisationId, userId, role: Role.Admin });
      const session = await this.sessions.create(manager, { organisationId, userId, secondFactorVerified: false, trace });
      await this.audit.recordUnauthenticated(trace, organisationId, userId, { action: 'organisation.created', entityType: 'organisation', entityId: organisationId }, manager);
      await this.audit.recordUnauthenticated(trace, organisationId, userId, { action: 'auth.login', entityType: 'session', entityId: session.sessionId, details: { via: 'sign-up' } }, manager);
      const organisation = await manager.findOneByOrFail(Organisation, { id: organisationId });
      return { ...session, organisation, userId };
    });
  }
}
