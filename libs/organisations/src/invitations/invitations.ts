import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Actor, AppConfig, AuditLog, hashToken, InjectConfig, Page, QueueName, Role, Tenancy } from '@steppingstone/core';
import { Invitation, Membership, User } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { invitationToken } from './invitation-token';

export interface InvitationEmailJob {
  organisationId: string;
  invitationId: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
export type InvitationView = Omit<Invitation, 'tokenHash'> & { status: InvitationStatus };

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/** Admins invite people by email with a role; the invitation is a single-use token that expires. */
@Injectable()
export class Invitations {
  private readonly logger = new Logger(Invitations.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    @InjectConfig() private readonly config: AppConfig,
    @InjectQueue(QueueName.Email) private readonly emailQueue: Queue<InvitationEmailJob>,
  ) {}

  async invite(actor: Actor, input: { email: string; role: Role }): Promise<InvitationView> {
    const email = input.email.trim().toLowerCase();
    const invitation = await this.tenancy.run(actor.organisationId, async (manager) => {
      const member = await manager
        .createQueryBuilder(Membership, 'm')
        .innerJoin(User, 'u', 'u.id = m.user_id')
        .where('m.organisation_id = :org AND lower(u.email) = :email', { org: actor.organisationId, email })
        .getExists();
      if (member)
        throw new OrganisationsError(Code.AlreadyMember, `${email} is already a member of this organisation`, [{ field: 'email', rule: 'notMember', message: 'email already belongs to a member' }]);
      const id = randomUUID();
      const row = {
        organisationId: actor.organisationId,
        id,
        email,
        role: input.role,
        tokenHash: hashToken(invitationToken(this.config.APP_SECRET, actor.organisationId, id)),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3600_000),
      };
      await manager.insert(Invitation, row);
      await this.audit.record(manager, actor, { action: 'invitation.created', entityType: 'invitation', entityId: id, details: { role: input.role } });
      return manager.findOneByOrFail(Invitation, { organisationId: actor.organisationId, id });
    });
    // Enqueued after the invitation is stored; a lost job is found again by its unsent email_sent_at.
    await this.enqueueEmail(invitation).catch((error: Error) => this.logger.warn(`Invitation ${invitation.id} stored; its email will be sent by the reconciler (${error.message})`));
    return view(invitation);
  }

  enqueueEmail(invitation: Pick<Invitation, 'organisationId' | 'id'>): Promise<unknown> {
    return this.emailQueue.add('invitation', { organisationId: invitation.organisationId, invitationId: invitation.id }, { jobId: `invitation-${invitation.id}` });
  }

  list(actor: Actor, page: { page: number; pageSize: number }): Promise<Page<InvitationView>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [items, total] = await manager.findAndCount(Invitation, {
        where: { organisationId: actor.organisationId },
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: (page.page - 1) * page.pageSize,
        take: page.pageSize,
      });
      return { items: items.map(view), total, ...page };
    });
  }

  get(actor: Actor, id: string): Promise<InvitationView> {
    return this.tenancy.run(actor.organisationId, async (manager) => view(await this.find(manager, actor.organisationId, id)));
  }

  revoke(actor: Actor, id: string): Promise<InvitationView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const invitation = await this.find(manager, actor.organisationId, id);
      if (invitation.acceptedAt) throw new OrganisationsError(Code.InvitationUsed, 'This invitation has already been accepted');
      if (!invitation.revokedAt) {
        await manager.update(Invitation, { organisationId: actor.organisationId, id }, { revokedAt: () => 'now()' });
        await this.audit.record(manager, actor, { action: 'invitation.revoked', entityType: 'invitation', entityId: id });
      }
      return view(await this.find(manager, actor.organisationId, id));
    });
  }

  private async find(manager: import('typeorm').EntityManager, organisationId: string, id: string): Promise<Invitation> {
    const invitation = await manager.findOneBy(Invitation, { organisationId, id });
    if (!invitation) throw new OrganisationsError(Code.InvitationNotFound, 'Invitation not found');
    return invitation;
  }
}

function view(invitation: Invitation): InvitationView {
  return { ...invitation, status: invitationStatus(invitation) };
}
