import { Injectable } from '@nestjs/common';
import { Actor, Tenancy } from '@steppingstone/core';
import { CohortAccess } from '../cohorts/cohort-access';
import { CohortProgress } from '../completion/cohort-progress';
import { registerLines, registerView, RegisterView } from './register-view';

@Injectable()
export class Registers {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly access: CohortAccess,
    private readonly progress: CohortProgress,
  ) {}

  get(actor: Actor, sessionId: string): Promise<RegisterView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const { session, cohort } = await this.access.session(manager, actor, sessionId);
      return registerView(session, registerLines(await this.progress.fetch(manager, cohort, { sessionId }), session));
    });
  }
}
