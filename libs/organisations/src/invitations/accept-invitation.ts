import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, hashPassword, hashToken, passwordProblems, RequestTrace, Role, sameSecret, Tenancy, verifyPassword } from '@steppingstone/core';
import { createAccount, findAccountByEmail } from '../auth/account-directory';
import { Invitation, Membership, Organisation } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { parseInvitationToken } from './invitation-token';

export interface AcceptInvitationCommand {
  token: string;
  /** Needed when the invitee has no account yet. */
  name?: string;
  /** A new password for a new account, or the existing account's password. */
  password: string;
}

export interface AcceptedInvitation {
  userId: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  email: string;
}

/** The invitee sets a password (or proves their existing one) and joins; the token then stops working. */
@Injectable()
export class AcceptInvitation {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  async run(command: AcceptInvitationCommand, trace: RequestTrace): Promise<AcceptedInvitation> {
    const ids = parseInvitationToken(command.token);
    if (!ids) throw notFound();
    const { organisationId, invitationId } = ids;

    return this.tenancy.run(organisationId, async (manager) => {
      const invitation = await manager
        .createQueryBuilder(Invitation, 'i')
        .addSelect('i.tokenHash')
        .where('i.organisation_id = :organisationId AND i.id = :invitationId', { organisationId, invitationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!invitation || !sameSecret(invitation.tokenHash, hashToken(command.token))) throw notFound();
      const refusal = refusalOf(invitation);
      if (refusal) {
        await this.audit.recordUnauthenticated(
          trace,
          organisationId,
          null,
          { action: 'invitation.accept.refused', entityType: 'invitation', entityId: invitationId, details: { reason: refusal.code } },
          manager,
        );
        throw refusal;
      }

      const existing = await findAccountByEmail(manager, invitation.email);
      let userId: string;
      if (existing) {
        if (!(await verifyPassword(existing.passwordHash, command.password))) {
          throw new OrganisationsError(Code.InvalidCredentials, 'You already have an account: enter its password to join', [
            { field: 'password', rule: 'matchesAccount', message: 'password must be your existing account’s password' },
          ]);
        }
        userId = existing.id;
      } else {
        if (!command.name?.trim()) throw new OrganisationsError(Code.WeakPassword, 'name is required for a new account', [{ field: 'name', rule: 'required', message: 'name is required' }]);
        const problems = passwordProblems(command.password, invitation.email);
        if (problems.length) throw new OrganisationsError(Code.WeakPassword, problems.map((p) => p.message).join('; '), problems);
        userId = randomUUID();
        const created = await createAccount(manager, { id: userId, email: invitation.email, name: command.name.trim(), passwordHash: await hashPassword(command.password) });
        // An account made for this email in the meantime (another invitation accepted at the same moment).
        if (!created) throw new OrganisationsError(Code.AccountExists, 'You already have an account: enter its password to join');
      }

      const membership = await manager.findOneBy(Membership, { organisationId, userId });
      if (membership) throw new OrganisationsError(Code.AlreadyMember, 'You are already a member of this organisation');
      await manager.insert(Membership, { organisationId, userId, role: invitation.role });
      await manager.update(Invitation, { organisationId, id: invitationId }, { acceptedAt: () => 'now()', acceptedBy: userId });
      await this.audit.recordUnauthenticated(
        trace,
        organisationId,
        userId,
        { action: 'invitation.accepted', entityType: 'invitation', entityId: invitationId, details: { role: invitation.role, newAccount: !existing } },
        manager,
      );
      const organisation = await manager.findOneByOrFail(Organisation, { id: organisationId });
      return { userId, organisationId, organisationName: organisation.name, role: invitation.role, email: invitation.email };
    });
  }
}

function notFound(): OrganisationsError {
  return new OrganisationsError(Code.InvitationNotFound, 'This invitation link is not valid; ask for a new one');
}

function refusalOf(invitation: Invitation): OrganisationsError | undefined {
  if (invitation.acceptedAt) return new OrganisationsError(Code.InvitationUsed, 'This invitation has already been used; sign in instead');
  if (invitation.revokedAt) return new OrganisationsError(Code.InvitationRevoked, 'This invitation was withdrawn; ask for a new one');
  if (invitation.expiresAt <= new Date()) return new OrganisationsError(Code.InvitationExpired, 'This invitation has expired; ask for a new one');
  return undefined;
}
