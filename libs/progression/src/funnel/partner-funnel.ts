import { Injectable } from '@nestjs/common';
import { CohortScope, completedEnrolmentsSql } from '@steppingstone/cohorts';
import { Actor, AuditLog, NamedParams, queryNamed, Tenancy } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';
import { startedPlacementsSql } from '@steppingstone/placements';
import { ApplicationScope, applicationsInScopeSql, offeredApplicantsSql, PartnerKind, ReferralPartners } from '@steppingstone/recruitment';
import { rateOf, Rate } from '../engine/funnel';

export const PARTNER_FUNNEL_STAGES = ['applied', 'selected', 'completed', 'placed', 'employed'] as const;
export type PartnerFunnelStage = (typeof PARTNER_FUNNEL_STAGES)[number];

const LABELS: Record<PartnerFunnelStage, string> = {
  applied: 'Applied',
  selected: 'Selected (offered a place)',
  completed: 'Completed training',
  placed: 'Started a placement',
  employed: 'Entered employment',
};

export interface PartnerFunnelFilter {
  programmeId?: string;
  intakeId?: string;
  /** Applied on or after this day, in the organisation's calendar. */
  registeredFrom?: string;
  registeredTo?: string;
}

export interface PartnerFunnelStageView {
  stage: PartnerFunnelStage;
  label: string;
  count: number;
  fromPrevious: Rate | null;
  fromApplied: Rate;
}

export interface PartnerFunnelRow {
  /** null: people who came without a partner. */
  partnerId: string | null;
  name: string;
  kind: PartnerKind | null;
  code: string | null;
  stages: PartnerFunnelStageView[];
}

export interface PartnerFunnelReport {
  filter: PartnerFunnelFilter;
  overall: PartnerFunnelStageView[];
  partners: PartnerFunnelRow[];
}

type Counts = Record<PartnerFunnelStage, number>;

/**
 * How each referral partner's people go on: applied → selected → completed training → started a
 * placement → entered employment. A person belongs to the partner of their first application in
 * scope and counts at a stage only having reached every stage before it, so each rate is a true
 * conversion. Selected means an application in scope was offered a place (it is offered, accepted
 * or enrolled, or its history shows it was).
 */
@Injectable()
export class PartnerFunnels {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly partners: ReferralPartners,
  ) {}

  byPartner(actor: Actor, filter: PartnerFunnelFilter): Promise<PartnerFunnelReport> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const params: NamedParams = { org: actor.organisationId };
      const scope: ApplicationScope = {};
      const cohortScope: CohortScope = {};
      if (filter.programmeId) {
        params.programmeId = filter.programmeId;
        scope.programmeId = cohortScope.programmeId = ':programmeId';
      }
      if (filter.intakeId) {
        params.intakeId = filter.intakeId;
        scope.intakeId = cohortScope.intakeId = ':intakeId';
      }
      const zone = organisationTimeZoneSql(':org');
      const period: string[] = [];
      if (filter.registeredFrom) {
        params.registeredFrom = filter.registeredFrom;
        period.push(`f.applied_at >= (:registeredFrom::date::timestamp AT TIME ZONE ${zone})`);
      }
      if (filter.registeredTo) {
        params.registeredTo = filter.registeredTo;
        period.push(`f.applied_at < ((:registeredTo::date + 1)::timestamp AT TIME ZONE ${zone})`);
      }
      const and = (conditions: string[]) => conditions.map((c) => ` AND ${c}`).join('');
      const rows: Array<Counts & { partner: string | null }> = await queryNamed(
        manager,
        `WITH apps AS MATERIALIZED (${applicationsInScopeSql(':org', scope)}),
              registered AS (SELECT * FROM (SELECT DISTINCT ON (person_id) person_id, partner_id, applied_at FROM apps ORDER BY person_id, applied_at, id) f WHERE true${and(period)}),
              selected AS (${offeredApplicantsSql(':org', 'apps')}),
              completed AS (SELECT DISTINCT ce.person_id FROM (${completedEnrolmentsSql(':org', cohortScope)}) ce),
              placed AS (SELECT DISTINCT sp.person_id FROM (${startedPlacementsSql(':org')}) sp),
              employed AS (SELECT DISTINCT person_id FROM jobs WHERE organisation_id = :org)
         SELECT r.partner_id::text AS partner, count(*)::int AS applied,
                count(s.person_id)::int AS selected,
                count(*) FILTER (WHERE s.person_id IS NOT NULL AND c.person_id IS NOT NULL)::int AS completed,
                count(*) FILTER (WHERE s.person_id IS NOT NULL AND c.person_id IS NOT NULL AND pl.person_id IS NOT NULL)::int AS placed,
                count(*) FILTER (WHERE s.person_id IS NOT NULL AND c.person_id IS NOT NULL AND pl.person_id IS NOT NULL AND e.person_id IS NOT NULL)::int AS employed
           FROM registered r
           LEFT JOIN (SELECT DISTINCT person_id FROM selected) s ON s.person_id = r.person_id
           LEFT JOIN completed c ON c.person_id = r.person_id
           LEFT JOIN placed pl ON pl.person_id = r.person_id
           LEFT JOIN employed e ON e.person_id = r.person_id
          GROUP BY r.partner_id`,
        params,
      );
      const labels = await this.partners.summaries(manager, actor.organisationId);
      const overall = Object.fromEntries(PARTNER_FUNNEL_STAGES.map((s) => [s, rows.reduce((sum, r) => sum + r[s], 0)])) as Counts;
      const partners = rows
        .map((row): PartnerFunnelRow => {
          const label = row.partner ? labels.get(row.partner) : undefined;
          return { partnerId: row.partner, name: label?.name ?? (row.partner ? 'Unknown partner' : 'No partner'), kind: label?.kind ?? null, code: label?.code ?? null, stages: stagesOf(row) };
        })
        .sort((a, b) => Number(a.partnerId === null) - Number(b.partnerId === null) || b.stages[0].count - a.stages[0].count || a.name.localeCompare(b.name));
      await this.audit.record(manager, actor, { action: 'partner-funnel.read', entityType: 'organisation', entityId: actor.organisationId, details: { filter } });
      return { filter, overall: stagesOf(overall), partners };
    });
  }
}

function stagesOf(counts: Counts): PartnerFunnelStageView[] {
  return PARTNER_FUNNEL_STAGES.map((stage, i) => ({
    stage,
    label: LABELS[stage],
    count: counts[stage],
    fromPrevious: i === 0 ? null : rateOf(counts[stage], counts[PARTNER_FUNNEL_STAGES[i - 1]]),
    fromApplied: rateOf(counts[stage], counts.applied),
  }));
}
