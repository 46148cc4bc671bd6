import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AppConfig, AuditLog, InjectConfig, Tenancy } from '@steppingstone/core';
import { Localities } from '@steppingstone/areas';
import { APPLICATION_STAGES, ApplicationStage } from '../entities/application.entity';
import { Intake, IntakeLocalityCapacity, IntakeStatus } from '../entities/intake.entity';
import { Programmes } from '../programmes/programmes';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { NEXT_INTAKE_STATUSES } from './intake-status';

export interface LocalityCapacity {
  localityId: string;
  capacity: number;
}

export interface IntakeInput {
  programmeId: string;
  name: string;
  opensOn: string;
  closesOn: string;
  capacity: number;
  localityCapacities?: LocalityCapacity[];
}

export interface IntakeView extends Intake {
  localityCapacities: LocalityCapacity[];
  /** Where residents apply while the intake is open. */
  publicUrl: string;
}

@Injectable()
export class Intakes {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly programmes: Programmes,
    private readonly localities: Localities,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  create(actor: Actor, input: IntakeInput): Promise<IntakeView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.programmes.find(manager, actor.organisationId, input.programmeId, 'programmeId');
      assertWindow(input.opensOn, input.closesOn);
      const id = randomUUID();
      await manager.insert(Intake, {
        organisationId: actor.organisationId,
        id,
        programmeId: input.programmeId,
        name: input.name,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        capacity: input.capacity,
        status: 'draft',
        publicSlug: randomBytes(12).toString('base64url'),
      });
      await this.replaceLocalityCapacities(manager, actor.organisationId, id, input.capacity, input.localityCapacities ?? []);
      await this.audit.record(manager, actor, { action: 'intake.created', entityType: 'intake', entityId: id, details: { programmeId: input.programmeId } });
      return this.view(manager, actor.organisationId, id);
    });
  }

  update(actor: Actor, id: string, changes: Partial<Omit<IntakeInput, 'programmeId'>>): Promise<IntakeView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const intake = await this.find(manager, actor.organisationId, id, true);
      const { localityCapacities, ...fields } = changes;
      const next = { ...intake, ...fields };
      assertWindow(next.opensOn, next.closesOn);
      await manager.update(Intake, { organisationId: actor.organisationId, id }, { ...fields, updatedAt: () => 'now()' });
      if (localityCapacities) await this.replaceLocalityCapacities(manager, actor.organisationId, id, next.capacity, localityCapacities);
      else await this.assertLocalityCapacitiesFit(manager, actor.organisationId, id, next.capacity);
      await this.audit.record(manager, actor, { action: 'intake.updated', entityType: 'intake', entityId: id, details: { fields: Object.keys(changes) } });
      return this.view(manager, actor.organisationId, id);
    });
  }

  changeStatus(actor: Actor, id: string, status: IntakeStatus): Promise<IntakeView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const intake = await this.find(manager, actor.organisationId, id, true);
      const allowed = NEXT_INTAKE_STATUSES[intake.status];
      if (!allowed.includes(status)) {
        throw new RecruitmentError(
          Code.IllegalIntakeStatusChange,
          allowed.length ? `A ${intake.status} intake can become ${allowed.join(' or ')}, not ${status}` : `An ${intake.status} intake cannot change any more`,
          [{ field: 'status', rule: 'allowedTransition', message: `status must be one of: ${allowed.join(', ') || '(none)'}` }],
          { from: intake.status, allowed },
        );
      }
      await manager.update(Intake, { organisationId: actor.organisationId, id }, { status, updatedAt: () => 'now()' });
      await this.audit.record(manager, actor, { action: 'intake.status-changed', entityType: 'intake', entityId: id, details: { from: intake.status, to: status } });
      return this.view(manager, actor.organisationId, id);
    });
  }

  get(actor: Actor, id: string): Promise<IntakeView> {
    return this.tenancy.run(actor.organisationId, (manager) => this.view(manager, actor.organisationId, id));
  }

  list(actor: Actor, filter: { programmeId?: string; status?: IntakeStatus }): Promise<IntakeView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      // Query DTOs carry absent filters as undefined keys, which TypeORM would refuse.
      const where = { organisationId: actor.organisationId, ...(filter.programmeId ? { programmeId: filter.programmeId } : {}), ...(filter.status ? { status: filter.status } : {}) };
      const intakes = await manager.find(Intake, { where, order: { opensOn: 'DESC', id: 'ASC' } });
      const capacities = await manager.find(IntakeLocalityCapacity, { where: { organisationId: actor.organisationId } });
      return intakes.map((intake) =>
        this.toView(
          intake,
          capacities.filter((c) => c.intakeId === intake.id),
        ),
      );
    });
  }

  /** Counts per stage for the pipeline board, every stage present (zero where empty); `partnerId` ("none" for no partner) narrows it to one partner's applicants. */
  pipeline(actor: Actor, id: string, filter: { partnerId?: string } = {}): Promise<{ intakeId: string; capacity: number; total: number; stages: Record<ApplicationStage, number> }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const intake = await this.find(manager, actor.organisationId, id);
      const partner = filter.partnerId === 'none' ? 'AND partner_id IS NULL' : filter.partnerId ? 'AND partner_id = $3' : '';
      const rows: Array<{ stage: ApplicationStage; count: number }> = await manager.query(
        `SELECT stage, count(*)::int AS count FROM applications WHERE organisation_id = $1 AND intake_id = $2 ${partner} GROUP BY stage`,
        [actor.organisationId, id, ...(partner.includes('$3') ? [filter.partnerId] : [])],
      );
      return { intakeId: id, capacity: intake.capacity, total: rows.reduce((sum, r) => sum + r.count, 0), stages: stageCounts(rows) };
    });
  }

  /**
   * The pipeline split by referral partner: each partner that brought applicants to this intake
   * (and "no partner"), with its counts per stage, largest first.
   */
  pipelineByPartner(actor: Actor, id: string): Promise<{ intakeId: string; total: number; partners: PartnerPipeline[] }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, id);
      const rows: Array<{ partner_id: string | null; name: string | null; kind: string | null; code: string | null; stage: ApplicationStage; count: number }> = await manager.query(
        `SELECT a.partner_id, r.name, r.kind, r.code, a.stage, count(*)::int AS count
           FROM applications a LEFT JOIN referral_partners r ON r.organisation_id = a.organisation_id AND r.id = a.partner_id
          WHERE a.organisation_id = $1 AND a.intake_id = $2
          GROUP BY a.partner_id, r.name, r.kind, r.code, a.stage`,
        [actor.organisationId, id],
      );
      const grouped = new Map<string, typeof rows>();
      for (const row of rows) grouped.set(row.partner_id ?? '', [...(grouped.get(row.partner_id ?? '') ?? []), row]);
      const partners = [...grouped.values()]
        .map(([first, ...rest]): PartnerPipeline => {
          const all = [first, ...rest];
          return { partnerId: first.partner_id, name: first.name ?? 'No partner', kind: first.kind, code: first.code, total: all.reduce((sum, r) => sum + r.count, 0), stages: stageCounts(all) };
        })
        .sort((a, b) => Number(a.partnerId === null) - Number(b.partnerId === null) || b.total - a.total || a.name.localeCompare(b.name));
      return { intakeId: id, total: rows.reduce((sum, r) => sum + r.count, 0), partners };
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false, field?: string): Promise<Intake> {
    const intake = await manager.findOne(Intake, { where: { organisationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!intake) throw new RecruitmentError(Code.IntakeNotFound, 'Intake not found', field ? [{ field, rule: 'exists', message: `${field} must be an intake of this organisation` }] : []);
    return intake;
  }

  private async view(manager: EntityManager, organisationId: string, id: string): Promise<IntakeView> {
    const intake = await this.find(manager, organisationId, id);
    const capacities = await manager.find(IntakeLocalityCapacity, { where: { organisationId, intakeId: id } });
    return this.toView(intake, capacities);
  }

  private toView(intake: Intake, capacities: IntakeLocalityCapacity[]): IntakeView {
    return { ...intake, localityCapacities: capacities.map((c) => ({ localityId: c.localityId, capacity: c.capacity })), publicUrl: `${this.config.PUBLIC_URL}/apply/${intake.publicSlug}` };
  }

  private async replaceLocalityCapacities(manager: EntityManager, organisationId: string, intakeId: string, capacity: number, capacities: LocalityCapacity[]): Promise<void> {
    await this.localities.assertExist(
      manager,
      organisationId,
      capacities.map((c) => c.localityId),
      'localityCapacities',
    );
    const total = capacities.reduce((sum, c) => sum + c.capacity, 0);
    if (total > capacity) throw tooLarge(total, capacity);
    await manager.delete(IntakeLocalityCapacity, { organisationId, intakeId });
    if (capacities.length)
      await manager.insert(
        IntakeLocalityCapacity,
        capacities.map((c) => ({ organisationId, intakeId, localityId: c.localityId, capacity: c.capacity })),
      );
  }

  private async assertLocalityCapacitiesFit(manager: EntityManager, organisationId: string, intakeId: string, capacity: number): Promise<void> {
    const capacities = await manager.find(IntakeLocalityCapacity, { where: { organisationId, intakeId } });
    const total = capacities.reduce((sum, c) => sum + c.capacity, 0);
    if (total > capacity) throw tooLarge(total, capacity);
  }
}

export interface PartnerPipeline {
  /** null: the applicants who came without a partner. */
  partnerId: string | null;
  name: string;
  kind: string | null;
  code: string | null;
  total: number;
  stages: Record<ApplicationStage, number>;
}

function stageCounts(rows: Array<{ stage: ApplicationStage; count: number }>): Record<ApplicationStage, number> {
  return Object.fromEntries(APPLICATION_STAGES.map((s) => [s, rows.filter((r) => r.stage === s).reduce((sum, r) => sum + r.count, 0)])) as Record<ApplicationStage, number>;
}

function assertWindow(opensOn: string, closesOn: string): void {
  if (closesOn < opensOn) {
    throw new RecruitmentError(Code.InvalidDates, `The recruitment window closes (${closesOn}) before it opens (${opensOn})`, [
      { field: 'closesOn', rule: 'afterOpensOn', message: 'closesOn must be on or after opensOn' },
    ]);
  }
}

function tooLarge(total: number, capacity: number): RecruitmentError {
  return new RecruitmentError(Code.LocalityCapacityTooLarge, `The places per locality add up to ${total}, more than the intake's ${capacity}`, [
    { field: 'localityCapacities', rule: 'sumAtMostCapacity', message: `localityCapacities must add up to at most capacity (${capacity})` },
  ]);
}
