import { Injectable } from '@nestjs/common';
import { Actor, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { loadRegisterLines, registerView, RegisterView } from './register-view';

@Injectable()
export class Registers {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly access: CohortAccess,
  ) {}

  get(actor: Actor, sessionId: string): Promise<RegisterView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { session } = await this.access.session(manager, actor, sessionId);
      return registerView(session, await loadRegisterLines(manager, session));
    });
  }
}
