import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, RequestTrace, Tenancy } from '@steppingstone/core';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';
import { Login } from './login';
import { NewSession, Sessions } from './sessions';

@Injectable()
export class SessionLifecycle {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly sessions: Sessions,
    private readonly login: Login,
    private readonly audit: AuditLog,
  ) {}

  logout(actor: Actor): Promise<void> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.sessions.revoke(manager, actor.organisationId, actor.sessionId, 'logout');
      await this.audit.record(manager, actor, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId });
    });
  }

  /** Moves the person to another of their organisations with a fresh session; the old token stops working. */
  switchOrganisation(actor: Actor, organisationId: string, secondFactorVerified: boolean, trace: RequestTrace): Promise<NewSession & { organisationId: string; role: string }> {
    return this.tenancy.runScoped({ organisationId: actor.organisationId, userId: actor.userId }, async (manager) => {
      const target = (await this.login.activeMemberships(manager, actor.userId)).find((m) => m.organisationId === organisationId);
      if (!target) throw new OrganisationsError(Code.NotAMember, 'You are not an active member of that organisation');
      await this.sessions.revoke(manager, actor.organisationId, actor.sessionId, 'switched-organisation');
      await this.audit.record(manager, actor, { action: 'auth.organisation.switched-away', entityType: 'session', entityId: actor.sessionId, details: { to: organisationId } });
      await manager.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
      const session = await this.sessions.create(manager, { organisationId, userId: actor.userId, secondFactorVerified, trace });
      await this.audit.recordUnauthenticated(
        trace,
        organisationId,
        actor.userId,
        { action: 'auth.login', entityType: 'session', entityId: session.sessionId, details: { via: 'switch-organisation' } },
        manager,
      );
      return { ...session, organisationId, role: target.role };
    });
  }
}
