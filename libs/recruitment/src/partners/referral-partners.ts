import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AppConfig, AuditLog, InjectConfig, Tenancy } from '@steppingstone/core';
import { PartnerKind, ReferralPartner } from '../entities/referral-partner.entity';
import { Intakes } from '../intakes/intakes';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';

export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  'job-centre': 'Job centre',
  'gp-surgery': 'GP surgery',
  'community-group': 'Community group',
  'faith-group': 'Faith group',
  'housing-officer': 'Housing officer',
  'existing-peer': 'Existing peer',
  other: 'Other',
};

/** Readable aloud and on a smudged paper form: no 0/O, 1/I/L or U. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PARTNER_CODE = /^[A-Z0-9]{3,12}$/;

export interface PartnerInput {
  name: string;
  kind: PartnerKind;
  /** Chosen by the coordinator (e.g. "HOLLOWAYJC"); drawn at random when left out. */
  code?: string;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  notes?: string;
}

export interface PartnerChanges extends Partial<PartnerInput> {
  archived?: boolean;
}

export interface PartnerView extends ReferralPartner {
  /** Applications that carry this partner, in every intake. */
  applications: number;
}

export interface PartnerSummary {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  code: string;
}

export interface PartnerLink {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  code: string;
  /** The intake's public form, carrying the partner's code. */
  url: string;
}

/** Codes are typed by people: case, spaces and dashes do not matter. */
export function normalisePartnerCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** The organisation's referral partners, their codes and their links to an intake's form. */
@Injectable()
export class ReferralPartners {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly intakes: Intakes,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  create(actor: Actor, input: PartnerInput): Promise<PartnerView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const organisationId = actor.organisationId;
      const code = input.code ? normalisePartnerCode(input.code) : await this.freeCode(manager, organisationId);
      await this.assertFree(manager, organisationId, { name: input.name, code });
      const id = randomUUID();
      await manager.insert(ReferralPartner, {
        organisationId,
        id,
        name: input.name.trim(),
        kind: input.kind,
        code,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
        notes: input.notes ?? '',
      });
      await this.audit.record(manager, actor, { action: 'referral-partner.created', entityType: 'referral-partner', entityId: id, details: { kind: input.kind, code } });
      return this.view(manager, organisationId, id);
    });
  }

  list(actor: Actor, filter: { includeArchived?: boolean }): Promise<PartnerView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM referral_partners WHERE organisation_id = $1 AND ($2 OR archived_at IS NULL) ORDER BY lower(name), id`, [
        actor.organisationId,
        filter.includeArchived ?? false,
      ]);
      return this.views(
        manager,
        actor.organisationId,
        rows.map((r) => r.id),
      );
    });
  }

  get(actor: Actor, id: string): Promise<PartnerView> {
    return this.tenancy.run(actor.organisationId, (manager) => this.view(manager, actor.organisationId, id));
  }

  update(actor: Actor, id: string, changes: PartnerChanges): Promise<PartnerView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const organisationId = actor.organisationId;
      const before = await this.find(manager, organisationId, id, true);
      const code = changes.code === undefined ? undefined : normalisePartnerCode(changes.code);
      await this.assertFree(manager, organisationId, { name: changes.name, code }, id);
      const fields = (['name', 'kind', 'contactName', 'contactEmail', 'contactPhone', 'notes'] as const).filter((f) => changes[f] !== undefined);
      const update = Object.fromEntries(fields.map((f) => [f, f === 'name' ? changes.name!.trim() : changes[f]])) as Partial<ReferralPartner>;
      if (code !== undefined) update.code = code;
      if (changes.archived !== undefined) update.archivedAt = changes.archived ? (before.archivedAt ?? new Date()) : null;
      await manager.update(ReferralPartner, { organisationId, id }, { ...update, updatedAt: () => 'now()' });
      await this.audit.record(manager, actor, {
        action: 'referral-partner.updated',
        entityType: 'referral-partner',
        entityId: id,
        details: { fields: [...fields, ...(code !== undefined ? ['code'] : []), ...(changes.archived !== undefined ? ['archived'] : [])] },
      });
      return this.view(manager, organisationId, id);
    });
  }

  /** Each partner still in use, with its own link to this intake's public form. */
  links(actor: Actor, intakeId: string): Promise<PartnerLink[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const intake = await this.intakes.find(manager, actor.organisationId, intakeId);
      const partners = await manager.find(ReferralPartner, { where: { organisationId: actor.organisationId }, order: { name: 'ASC', id: 'ASC' } });
      return partners
        .filter((p) => !p.archivedAt)
        .map((p) => ({ partnerId: p.id, name: p.name, kind: p.kind, code: p.code, url: `${this.config.PUBLIC_URL}/apply/${intake.publicSlug}?partner=${encodeURIComponent(p.code)}` }));
    });
  }

  /** The partner a typed or linked code names, or a 400 naming the field it came in. */
  async byCode(manager: EntityManager, organisationId: string, code: string, field: string): Promise<ReferralPartner> {
    const partner = await manager.findOneBy(ReferralPartner, { organisationId, code: normalisePartnerCode(code) });
    if (!partner) throw unknownCode(field);
    return partner;
  }

  /** Every partner's name, kind and code by id (archived ones too: their applicants still count), for analyses to label. */
  async summaries(manager: EntityManager, organisationId: string): Promise<Map<string, PartnerSummary>> {
    const partners = await manager.find(ReferralPartner, { where: { organisationId }, select: { id: true, name: true, kind: true, code: true } });
    return new Map(partners.map((p) => [p.id, { partnerId: p.id, name: p.name, kind: p.kind, code: p.code }]));
  }

  /** Every partner by code, for checking a spreadsheet's rows at once. */
  async codes(manager: EntityManager, organisationId: string): Promise<Map<string, ReferralPartner>> {
    const partners = await manager.find(ReferralPartner, { where: { organisationId } });
    return new Map(partners.map((p) => [p.code, p]));
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false, field?: string): Promise<ReferralPartner> {
    const partner = await manager.findOne(ReferralPartner, { where: { organisationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!partner)
      throw new RecruitmentError(Code.PartnerNotFound, 'Referral partner not found', field ? [{ field, rule: 'exists', message: `${field} must be a referral partner of this organisation` }] : []);
    return partner;
  }

  private async assertFree(manager: EntityManager, organisationId: string, wanted: { name?: string; code?: string }, exceptId?: string): Promise<void> {
    if (wanted.code !== undefined && !PARTNER_CODE.test(wanted.code)) {
      throw new RecruitmentError(Code.InvalidPartnerCode, 'A partner code is 3 to 12 letters and digits', [{ field: 'code', rule: 'matches', message: 'code must be 3 to 12 letters and digits' }]);
    }
    const [clash]: Array<{ name_taken: boolean; code_taken: boolean }> = await manager.query(
      `SELECT bool_or(lower(name) = lower($2)) AS name_taken, bool_or(code = $3) AS code_taken
         FROM referral_partners WHERE organisation_id = $1 AND id IS DISTINCT FROM $4 AND (lower(name) = lower($2) OR code = $3)`,
      [organisationId, wanted.name?.trim() ?? null, wanted.code ?? null, exceptId ?? null],
    );
    if (clash?.name_taken)
      throw new RecruitmentError(Code.PartnerNameTaken, 'Another referral partner has this name', [{ field: 'name', rule: 'unique', message: 'name is already used by another referral partner' }]);
    if (clash?.code_taken)
      throw new RecruitmentError(Code.PartnerCodeTaken, 'Another referral partner has this code', [{ field: 'code', rule: 'unique', message: 'code is already used by another referral partner' }]);
  }

  private async freeCode(manager: EntityManager, organisationId: string): Promise<string> {
    for (;;) {
      const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      if (!(await manager.existsBy(ReferralPartner, { organisationId, code }))) return code;
    }
  }

  private async view(manager: EntityManager, organisationId: string, id: string): Promise<PartnerView> {
    await this.find(manager, organisationId, id);
    const [view] = await this.views(manager, organisationId, [id]);
    return view;
  }

  private async views(manager: EntityManager, organisationId: string, ids: string[]): Promise<PartnerView[]> {
    if (!ids.length) return [];
    const partners = await manager.createQueryBuilder(ReferralPartner, 'p').where('p.organisation_id = :organisationId AND p.id = ANY(:ids::uuid[])', { organisationId, ids }).getMany();
    const counts: Array<{ partner_id: string; n: number }> = await manager.query(
      `SELECT partner_id, count(*)::int AS n FROM applications WHERE organisation_id = $1 AND partner_id = ANY($2::uuid[]) GROUP BY partner_id`,
      [organisationId, ids],
    );
    const byId = new Map(partners.map((p) => [p.id, p]));
    return ids.map((id) => ({ ...byId.get(id)!, applications: counts.find((c) => c.partner_id === id)?.n ?? 0 }));
  }
}

export function unknownCode(field: string): RecruitmentError {
  return new RecruitmentError(Code.UnknownPartnerCode, 'We do not recognise that referral code; check it, or leave it blank', [
    { field, rule: 'knownPartnerCode', message: `${field} must be the code of one of this organisation's referral partners` },
  ]);
}
