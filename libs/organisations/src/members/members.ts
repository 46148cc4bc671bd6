import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Page, Role, Tenancy } from '@steppingstone/core';
import { Membership, MembershipStatus, User } from '../entities';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { Sessions } from '../auth/sessions';

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  status: MembershipStatus;
  secondFactorEnabled: boolean;
  joinedAt: Date;
}

export interface MemberChanges {
  role?: Role;
  status?: MembershipStatus;
}

/** The people in an organisation and their roles. Disabling or removing someone ends their sessions here. */
@Injectable()
export class Members {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  list(actor: Actor, filter: { role?: Role; status?: MembershipStatus; page: number; pageSize: number }): Promise<Page<MemberView>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const query = this.query(manager, actor.organisationId).orderBy('u.name').addOrderBy('u.id');
      if (filter.role) query.andWhere('m.role = :role', { role: filter.role });
      if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
      const total = await query.getCount();
      const items = await query
        .offset((filter.page - 1) * filter.pageSize)
        .limit(filter.pageSize)
        .getRawMany<MemberView>();
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }

  get(actor: Actor, userId: string): Promise<MemberView> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, userId));
  }

  update(actor: Actor, userId: string, changes: MemberChanges): Promise<MemberView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const before = await this.find(manager, actor.organisationId, userId, true);
      const losesAdmin = before.role === Role.Admin && before.status === 'active' && ((changes.role && changes.role !== Role.Admin) || changes.status === 'disabled');
      if (losesAdmin) await this.assertAnotherAdmin(manager, actor.organisationId, userId);
      await manager.update(Membership, { organisationId: actor.organisationId, userId }, { ...changes, updatedAt: () => 'now()' });
      if (changes.status === 'disabled' && before.status !== 'disabled') {
        await this.sessions.revokeMembershipSessions(manager, actor.organisationId, userId, 'disabled');
      }
      await this.audit.record(manager, actor, { action: 'member.updated', entityType: 'user', entityId: userId, details: { before: { role: before.role, status: before.status }, after: changes } });
      return this.find(manager, actor.organisationId, userId);
    });
  }

  remove(actor: Actor, userId: string): Promise<void> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const before = await this.find(manager, actor.organisationId, userId, true);
      if (before.role === Role.Admin && before.status === 'active') await this.assertAnotherAdmin(manager, actor.organisationId, userId);
      await this.sessions.revokeMembershipSessions(manager, actor.organisationId, userId, 'removed');
      await manager.delete(Membership, { organisationId: actor.organisationId, userId });
      await this.audit.record(manager, actor, { action: 'member.removed', entityType: 'user', entityId: userId, details: { role: before.role } });
    });
  }

  private query(manager: EntityManager, organisationId: string) {
    return manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .select([
        'm.user_id AS "userId"',
        'u.name AS name',
        'u.email AS email',
        'm.role AS role',
        'm.status AS status',
        'u.totp_enabled_at IS NOT NULL AS "secondFactorEnabled"',
        'm.created_at AS "joinedAt"',
      ])
      .where('m.organisation_id = :organisationId', { organisationId });
  }

  private async find(manager: EntityManager, organisationId: string, userId: string, lock = false): Promise<MemberView> {
    const query = this.query(manager, organisationId).andWhere('m.user_id = :userId', { userId });
    if (lock) query.setLock('pessimistic_write', undefined, ['m']);
    const member = await query.getRawOne<MemberView>();
    if (!member) throw new OrganisationsError(Code.MemberNotFound, 'Member not found');
    return member;
  }

  private async assertAnotherAdmin(manager: EntityManager, organisationId: string, userId: string): Promise<void> {
    const others = await manager
      .createQueryBuilder(Membership, 'm')
      .where(`m.organisation_id = :organisationId AND m.role = 'admin' AND m.status = 'active' AND m.user_id <> :userId`, { organisationId, userId })
      .getCount();
    if (!others) throw new OrganisationsError(Code.LastAdmin, 'An organisation needs at least one active admin; make someone else an admin first');
  }
}
