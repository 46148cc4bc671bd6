import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { People, PersonDetails } from '@steppingstone/people';
import { Application, ApplicationChannel, ApplicationSource, ApplicationStage, ApplicationTransition } from '../entities/application.entity';
import { Intake } from '../entities/intake.entity';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { canMove, NEXT_STAGES } from './stage-machine';

export interface NewApplication {
  intakeId: string;
  personId: string;
  source: ApplicationSource;
  referrer?: string | null;
  partnerId?: string | null;
  channel?: ApplicationChannel | null;
  /** When it arrived, if entered later (ISO date); default now. */
  receivedOn?: string;
}

/** A draw of the reference that clashes with another application's is simply drawn again; five in a row would mean something else is wrong. */
const REFERENCE_ATTEMPTS = 5;

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
  apply(
    actor: Actor,
    input: { intakeId: string; personId?: string; person?: PersonDetails; allowDuplicate?: boolean; source: ApplicationSource; referrer?: string | null; receivedOn?: string },
  ): Promise<Application> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.findIntake(manager, actor.organisationId, input.intakeId);
      const personId = input.personId
        ? (await this.people.find(manager, actor.organisationId, input.personId)).id
        : (await this.people.insert(manager, actor.organisationId, input.person!, { allowDuplicate: input.allowDuplicate })).id;
      const application = await this.insert(
        manager,
        actor.organisationId,
        { intakeId: input.intakeId, personId, source: input.source, referrer: input.referrer, receivedOn: input.receivedOn },
        actor.userId,
      );
      await this.audit.record(manager, actor, { action: 'application.created', entityType: 'application', entityId: application.id, details: { intakeId: input.intakeId, source: input.source } });
      return application;
    });
  }

  /**
   * Inside the caller's transaction (the public form and staff entry use it too). The application
   * and its first stage-history row go in one statement; `personIsNew` skips the check for an
   * earlier application when the caller has just created the person.
   */
  async insert(manager: EntityManager, organisationId: string, input: NewApplication, actorUserId: string | null, options: { personIsNew?: boolean } = {}): Promise<Application> {
    if (!options.personIsNew) {
      const already = await manager.existsBy(Application, { organisationId, intakeId: input.intakeId, personId: input.personId });
      if (already)
        throw new RecruitmentError(Code.AlreadyApplied, 'This person has already applied to this intake', [
          { field: 'personId', rule: 'unique', message: 'personId already has an application to this intake' },
        ]);
    }
    const id = randomUUID();
    // An application entered after it arrived counts from its arrival: registration dates drive the funnel.
    const appliedAt = input.receivedOn ? new Date(`${input.receivedOn}T12:00:00Z`) : null;
    for (let attempt = 1; ; attempt++) {
      const [row]: ApplicationRow[] = await manager.query(
        `WITH a AS (
           INSERT INTO applications (organisation_id, id, intake_id, person_id, source, referrer, partner_id, channel, applied_at, stage_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()), coalesce($9::timestamptz, now()))
           ON CONFLICT (organisation_id, reference) DO NOTHING
           RETURNING *),
         t AS (INSERT INTO application_transitions (organisation_id, application_id, from_stage, to_stage, actor_user_id, occurred_at)
               SELECT organisation_id, id, NULL, 'applied', $10, applied_at FROM a)
         SELECT * FROM a`,
        [organisationId, id, input.intakeId, input.personId, input.source, input.referrer ?? null, input.partnerId ?? null, input.channel ?? null, appliedAt, actorUserId],
      );
      if (row) return applicationOf(row);
      if (attempt >= REFERENCE_ATTEMPTS) throw new Error(`No free application reference after ${REFERENCE_ATTEMPTS} draws`);
    }
  }

  /**
   * Moves an application to another stage. An illegal move answers 409 naming the allowed ones; with
   * `version`, a move made on a stale view (someone moved it in between) is refused too.
   */
  move(actor: Actor, id: string, input: { to: ApplicationStage; note?: string; version?: number }): Promise<ApplicationWithHistory> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const application = await this.find(manager, actor.organisationId, id, true);
      if (input.version !== undefined && input.version !== application.version) {
        throw new RecruitmentError(
          Code.StaleVersion,
          `Someone moved this application since you loaded it (it is now ${application.stage}); reload and try again`,
          [{ field: 'version', rule: 'current', message: `version is ${application.version}` }],
          { current: application },
        );
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
    await manager.insert(ApplicationTransition, {
      organisationId: application.organisationId,
      applicationId: application.id,
      fromStage: application.stage,
      toStage: to,
      actorUserId: actor.userId,
      note: note ?? null,
    });
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

  /** The application a reference names (any case, spaces and dashes ignored), or "not found". */
  byReference(actor: Actor, reference: string): Promise<ApplicationWithHistory> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const application = await manager.findOneBy(Application, { organisationId: actor.organisationId, reference: normaliseReference(reference) });
      if (!application) throw new RecruitmentError(Code.ApplicationNotFound, 'No application has this reference');
      return this.withHistory(manager, actor.organisationId, application.id);
    });
  }

  private async findIntake(manager: EntityManager, organisationId: string, intakeId: string): Promise<Intake> {
    const intake = await manager.findOneBy(Intake, { organisationId, id: intakeId });
    if (!intake) throw new RecruitmentError(Code.IntakeNotFound, 'Intake not found', [{ field: 'intakeId', rule: 'exists', message: 'intakeId must be an intake of this organisation' }]);
    return intake;
  }
}

/** What people read out: case, spaces and dashes do not matter. */
export function normaliseReference(reference: string): string {
  return reference.toUpperCase().replace(/[\s-]+/g, '');
}

export interface ApplicationRow {
  organisation_id: string;
  id: string;
  intake_id: string;
  person_id: string;
  reference: string;
  stage: ApplicationStage;
  source: ApplicationSource;
  referrer: string | null;
  partner_id: string | null;
  channel: ApplicationChannel | null;
  applied_at: Date;
  stage_changed_at: Date;
  version: number;
}

export function applicationOf(row: ApplicationRow): Application {
  return {
    organisationId: row.organisation_id,
    id: row.id,
    intakeId: row.intake_id,
    personId: row.person_id,
    reference: row.reference,
    stage: row.stage,
    source: row.source,
    referrer: row.referrer,
    partnerId: row.partner_id,
    channel: row.channel,
    appliedAt: row.applied_at,
    stageChangedAt: row.stage_changed_at,
    version: row.version,
  };
}
