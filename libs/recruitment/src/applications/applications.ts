import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { People, PersonDetails } from '@steppingstone/people';
import { Application, ApplicationSource, ApplicationStage, ApplicationTransition } from '../entities/application.entity';
import { Intake } from '../entities/intake.entity';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { canMove, NEXT_STAGES } from './stage-machine';

export interface NewApplication {
  intakeId: string;
  personId: string;
  source: ApplicationSource;
  referrer?: string | null;
  /** When it arrived, if entered later (ISO date); default now. */
  receivedOn?: string;
}

export interface ApplicationWithHistory extends Application {
  history: ApplicationTransition[];
}

/** Applications and their moves between stages. Every move is stored with who, when and an optional note. */
@Injectable()
export class Applications {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
  ) {}

  /** A coordinator enters an applicant: an existing person by id, or a new one created in the same transaction. */
  apply(actor: Actor, input: { intakeId: string; personId?: string; person?: PersonDetails; allowDuplicate?: boolean; source: ApplicationSource; referrer?: string | null; receivedOn?: string }): Promise<Application> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.findIntake(manager, actor.organisationId, input.intakeId);
      const personId = input.personId
        ? (await this.people.find(manager, actor.organisationId, input.personId)).id
        : (await this.people.insert(manager, actor.organisationId, input.person!, { allowDuplicate: input.allowDuplicate })).id;
      const application = await this.insert(manager, actor.organisationId, { intakeId: input.intakeId, personId, source: input.source, referrer: input.referrer, receivedOn: input.receivedOn }, actor.userId);
      await this.audit.record(manager, actor, { action: 'application.created', entityType: 'application', entityId: application.id, details: { intakeId: input.intakeId, source: input.source } });
      return application;
    });
  }

  /** Inside the caller's transaction (the public form and the CSV import use it too). */
  async insert(manager: EntityManager, organisationId: string, input: NewApplication, actorUserId: string | null): Promise<Application> {
    const already = await manager.existsBy(Application, { organisationId, intakeId: input.intakeId, personId: input.personId });
    if (already) throw new RecruitmentError(Code.AlreadyApplied, 'This person has already applied to this intake', [{ field: 'personId', rule: 'unique', message: 'personId already has an application to this intake' }]);
    const id = randomUUID();
    // An application entered after it arrived counts from its arrival: registration dates drive the funnel.
    const appliedAt = input.receivedOn ? new Date(`${input.receivedOn}T12:00:00Z`) : undefined;
    await manager.insert(Application, { organisationId, id, intakeId: input.intakeId, personId: input.personId, source: input.source, referrer: input.referrer ?? null, stage: 'applied', ...(appliedAt ? { appliedAt, stageChangedAt: appliedAt } : {}) });
    await manager.insert(ApplicationTransition, { organisationId, applicationId: id, fromStage: null, toStage: 'applied', actorUserId, ...(appliedAt ? { occurredAt: appliedAt } : {}) });
    return manager.findOneByOrFail(Application, { organisationId, id });
  }

  /**
   * Moves an application to another stage. An illegal move answers 409 naming the allowed ones; with
   * `version`, a move made on a stale view (someone moved it in between) is refused too.
   */
  move(actor: Actor, id: string, input: { to: ApplicationStage; note?: string; version?: number }): Promise<ApplicationWithHistory> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const application = await this.find(manager, actor.organisationId, id, true);
      if (input.version !== undefined && input.version !== application.version) {
        throw new RecruitmentError(Code.StaleVersion, `Someone moved this application since you loaded it (it is now ${application.stage}); reload and try again`, [{ field: 'version', rule: 'current', message: `version is ${application.version}` }], { current: application });
      }
      await this.moveInTransaction(manager, actor, application, input.to, input.note);
      return this.withHistory(manager, actor.organisationId, id);
    });
  }

  /** One move, inside the caller's transaction (a fair selection moves many at once). */
  async moveInTransaction(manager: EntityManager, actor: Actor, application: Application, to: ApplicationStage, note?: string): Promise<void> {
    if (!canMove(application.stage, to)) {
      const allowed = NEXT_STAGES[application.stage];
      throw new RecruitmentError(
        Code.IllegalTransition,
        allowed.length ? `An application that is ${application.stage} can move to ${allowed.join(', ')}, not ${to}` : `An application that is ${application.stage} cannot move any more`,
        [{ field: 'to', rule: 'allowedTransition', message: `to must be one of: ${allowed.join(', ') || '(none)'}` }],
        { from: application.stage, allowed },
      );
    }
    await manager.update(Application, { organisationId: application.organisationId, id: application.id }, { stage: to, stageChangedAt: () => 'now()', version: () => 'version + 1' });
    await manager.insert(ApplicationTransition, { organisationId: application.organisationId, applicationId: application.id, fromStage: application.stage, toStage: to, actorUserId: actor.userId, note: note ?? null });
    await this.audit.record(manager, actor, { action: 'application.moved', entityType: 'application', entityId: application.id, details: { from: application.stage, to } });
  }

  get(actor: Actor, id: string): Promise<ApplicationWithHistory> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      return this.withHistory(manager, actor.organisationId, id);
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false): Promise<Application> {
    const application = await manager.findOne(Application, { where: { organisationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!application) throw new RecruitmentError(Code.ApplicationNotFound, 'Application not found');
    return application;
  }

  private async withHistory(manager: EntityManager, organisationId: string, id: string): Promise<ApplicationWithHistory> {
    const application = await this.find(manager, organisationId, id);
    const history = await manager.find(ApplicationTransition, { where: { organisationId, applicationId: id }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return { ...application, history };
  }

  private async findIntake(manager: EntityManager, organisationId: string, intakeId: string): Promise<Intake> {
    const intake = await manager.findOneBy(Intake, { organisationId, id: intakeId });
    if (!intake) throw new RecruitmentError(Code.IntakeNotFound, 'Intake not found', [{ field: 'intakeId', rule: 'exists', message: 'intakeId must be an intake of this organisation' }]);
    return intake;
  }
}
