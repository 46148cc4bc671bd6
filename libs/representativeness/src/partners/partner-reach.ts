import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Tenancy } from '@steppingstone/core';
import { applicationsSql, PartnerKind, ReferralPartners } from '@steppingstone/recruitment';
import { localityNames as loadLocalityNames } from '@steppingstone/areas';
import { personAnswersSql } from '@steppingstone/people';
import { isUndisclosed } from '@steppingstone/areas/engine';
import { analysisDimension, AnalysisDimension, PoolColumn, poolColumnSql } from '../gaps/analysis-dimensions';
import { GapAnalyses } from '../gaps/gap-analyses';

export interface PartnerReachRequest {
  intakeId: string;
  dimensions?: string[];
  referenceDate?: string;
  /** Partners named per group, most first (default 5). */
  partnersPerGroup?: number;
}

export interface ReachingPartner {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  code: string;
  /** People of the group this partner brought to the organisation's other intakes. */
  otherIntakes: number;
  /** And to this intake so far. */
  thisIntake: number;
}

export interface PartnerReachGroup {
  dimension: string;
  category: string;
  shortfall: number;
  neededAtCapacity: number;
  partners: ReachingPartner[];
}

export interface PartnerReach {
  intakeId: string;
  groups: PartnerReachGroup[];
}

/**
 * For the dashboard's "who isn't there": each group this intake's pool is short of, with the
 * referral partners that have brought people of that group before (to the organisation's other
 * intakes) and so far to this one, so the coordinator knows whom to ask.
 */
@Injectable()
export class PartnerReaches {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly gaps: GapAnalyses,
    private readonly partners: ReferralPartners,
  ) {}

  async forIntake(actor: Actor, request: PartnerReachRequest): Promise<PartnerReach> {
    const analysis = await this.gaps.analyse(actor, { population: { intakeId: request.intakeId }, dimensions: request.dimensions, referenceDate: request.referenceDate });
    const dimensions = [...new Set(analysis.whoIsntThere.map((s) => s.dimension))].map((key) => analysisDimension(key)!);
    if (!dimensions.length) return { intakeId: request.intakeId, groups: [] };
    const referenceDate = analysis.reference.referenceDate;
    const perGroup = request.partnersPerGroup ?? 5;
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const counts = await countPartnersPeople(manager, org, request.intakeId, referenceDate, [...new Set(dimensions.map((d) => d.column))]);
      const labels = await this.partners.summaries(manager, org);
      const localityNames = await loadLocalityNames(manager, org);
      const categoryOf = (dimension: AnalysisDimension, value: string) =>
        isUndisclosed(value) ? value : dimension.key === 'locality' ? (localityNames.get(value) ?? value) : (dimension.categoryOf(value) ?? value);

      const groups = analysis.whoIsntThere.map((shortfall): PartnerReachGroup => {
        const dimension = analysisDimension(shortfall.dimension)!;
        const tally = new Map<string, { otherIntakes: number; thisIntake: number }>();
        for (const row of counts.filter((r) => r.column === dimension.column && categoryOf(dimension, r.value) === shortfall.category)) {
          const entry = tally.get(row.partnerId) ?? { otherIntakes: 0, thisIntake: 0 };
          if (row.thisIntake) entry.thisIntake += row.count;
          else entry.otherIntakes += row.count;
          tally.set(row.partnerId, entry);
        }
        const partners = [...tally.entries()]
          .filter(([id]) => labels.has(id))
          .map(([id, n]) => ({ ...labels.get(id)!, ...n }))
          .sort((a, b) => b.otherIntakes + b.thisIntake - (a.otherIntakes + a.thisIntake) || b.otherIntakes - a.otherIntakes || a.name.localeCompare(b.name))
          .slice(0, perGroup);
        return { dimension: shortfall.dimension, category: shortfall.category, shortfall: shortfall.shortfall, neededAtCapacity: shortfall.neededAtCapacity, partners };
      });
      return { intakeId: request.intakeId, groups };
    });
  }
}

interface PartnerValueCount {
  partnerId: string;
  thisIntake: boolean;
  column: PoolColumn;
  value: string;
  count: number;
}

/** People each partner brought, by whether to this intake or another, and by each column's value; one person once per partner and intake kind. */
async function countPartnersPeople(manager: EntityManager, organisationId: string, intakeId: string, referenceDate: string, columns: PoolColumn[]): Promise<PartnerValueCount[]> {
  const expressions = columns.map((c) => poolColumnSql(c, '$2'));
  const rows: Array<Record<string, string | number | boolean | null>> = await manager.query(
    `SELECT ap.partner_id::text AS partner, ap.this_intake, ${columns.map((c, i) => `${expressions[i]} AS "${c}", grouping(${expressions[i]}) AS "g_${c}"`).join(', ')}, count(*)::int AS count
       FROM (SELECT DISTINCT a.person_id, a.partner_id, a.intake_id = $3 AS this_intake FROM (${applicationsSql('$1')}) a
              WHERE a.partner_id IS NOT NULL AND $2::date IS NOT NULL) ap
       JOIN (${personAnswersSql('$1')}) pv ON pv.person_id = ap.person_id
      GROUP BY GROUPING SETS (${expressions.map((e) => `(ap.partner_id, ap.this_intake, ${e})`).join(', ')})`,
    [organisationId, referenceDate, intakeId],
  );
  return rows.map((row) => {
    const column = columns.find((c) => Number(row[`g_${c}`]) === 0)!;
    return { partnerId: String(row.partner), thisIntake: Boolean(row.this_intake), column, value: row[column] === null ? 'Not recorded' : String(row[column]), count: Number(row.count) };
  });
}
