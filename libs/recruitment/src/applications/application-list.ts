import { Injectable } from '@nestjs/common';
import { Actor, Conditions, escapeLike, Page, queryNamed, Tenancy } from '@steppingstone/core';
import { personListingSql } from '@steppingstone/people';
import { ApplicationChannel, ApplicationSource, ApplicationStage } from '../entities/application.entity';
import { normaliseReference } from './applications';

export const APPLICATION_SORTS = ['appliedAt', 'name', 'stage', 'stageChangedAt'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

export interface ApplicationFilter {
  intakeId?: string;
  stage?: ApplicationStage[];
  localityId?: string;
  source?: ApplicationSource;
  /** A referral partner's id, or "none" for applications that came without one. */
  partnerId?: string;
  channel?: ApplicationChannel;
  q?: string;
  sort: ApplicationSort;
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface ApplicationListItem {
  id: string;
  intakeId: string;
  personId: string;
  reference: string;
  name: string;
  preferredName: string | null;
  email: string | null;
  phone: string | null;
  localityId: string | null;
  stage: ApplicationStage;
  source: ApplicationSource;
  referrer: string | null;
  partnerId: string | null;
  partnerName: string | null;
  channel: ApplicationChannel | null;
  appliedAt: Date;
  stageChangedAt: Date;
  version: number;
}

const SORT_COLUMNS: Record<ApplicationSort, string> = {
  appliedAt: 'a.applied_at',
  name: 'lower(p.name)',
  stage: 'a.stage',
  stageChangedAt: 'a.stage_changed_at',
};

/**
 * The applicant list: filters, text search and a stable order (the sort key, then the id, so a
 * page never repeats or skips a row when many share a date or a name). No demographic fields here.
 */
@Injectable()
export class ApplicationList {
  constructor(private readonly tenancy: Tenancy) {}

  list(actor: Actor, filter: ApplicationFilter): Promise<Page<ApplicationListItem>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const where = new Conditions('a.organisation_id = :org', { org: actor.organisationId });
      if (filter.intakeId) where.and('a.intake_id = :intakeId', { intakeId: filter.intakeId });
      // One array parameter however many stages are asked for.
      if (filter.stage?.length) where.and('a.stage = ANY(:stages)', { stages: filter.stage });
      if (filter.source) where.and('a.source = :source', { source: filter.source });
      if (filter.localityId) where.and('p.locality_id = :localityId', { localityId: filter.localityId });
      if (filter.partnerId === 'none') where.and('a.partner_id IS NULL');
      else if (filter.partnerId) where.and('a.partner_id = :partnerId', { partnerId: filter.partnerId });
      if (filter.channel) where.and('a.channel = :channel', { channel: filter.channel });
      if (filter.q) {
        // A reference read out on the phone finds its application however it was typed.
        where.and('(p.name ILIKE :search OR p.email ILIKE :search OR a.reference = :reference)', { search: `%${escapeLike(filter.q)}%`, reference: normaliseReference(filter.q) });
      }
      // People are fetched per application by primary key (the OFFSET 0 keeps the planner from
      // scanning every person of the organisation first), and the total rides along with the page.
      const people = `CROSS JOIN LATERAL (${personListingSql('a.organisation_id', 'a.person_id')} OFFSET 0) p`;
      const from = `FROM applications a ${people} WHERE ${where.sql}`;
      const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
      const rows: Array<ApplicationListItem & { total: number }> = await queryNamed(
        manager,
        `SELECT a.id, a.intake_id AS "intakeId", a.person_id AS "personId", a.reference, p.name, p.preferred_name AS "preferredName", p.email, p.phone,
                p.locality_id AS "localityId", a.stage, a.source, a.referrer, a.partner_id AS "partnerId",
                (SELECT r.name FROM referral_partners r WHERE r.organisation_id = a.organisation_id AND r.id = a.partner_id) AS "partnerName",
                a.channel, a.applied_at AS "appliedAt", a.stage_changed_at AS "stageChangedAt", a.version,
                count(*) OVER ()::int AS total
           ${from}
          ORDER BY ${SORT_COLUMNS[filter.sort]} ${direction}, a.id ${direction}
          LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
        where.params,
      );
      // A page past the end has no rows to carry the total.
      const total = rows.length ? rows[0].total : Number((await queryNamed<Array<{ total: number }>>(manager, `SELECT count(*)::int AS total ${from}`, where.params))[0].total);
      const items = rows.map(({ total: _total, ...item }) => item);
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }
}
