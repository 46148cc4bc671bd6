import { Injectable } from '@nestjs/common';
import { Actor, escapeLike, Page, Tenancy } from '@steppingstone/core';
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
      const where = ['a.organisation_id = $1'];
      const params: unknown[] = [actor.organisationId];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (filter.intakeId) add('a.intake_id = ?', filter.intakeId);
      if (filter.stage?.length) add('a.stage = ANY(?)', filter.stage);
      if (filter.source) add('a.source = ?', filter.source);
      if (filter.localityId) add('p.locality_id = ?', filter.localityId);
      if (filter.partnerId === 'none') where.push('a.partner_id IS NULL');
      else if (filter.partnerId) add('a.partner_id = ?', filter.partnerId);
      if (filter.channel) add('a.channel = ?', filter.channel);
      if (filter.q) {
        // A reference read out on the phone finds its application however it was typed.
        params.push(`%${escapeLike(filter.q)}%`, normaliseReference(filter.q));
        where.push(`(p.name ILIKE $${params.length - 1} OR p.email ILIKE $${params.length - 1} OR a.reference = $${params.length})`);
      }
      // People are fetched per application by primary key (the OFFSET 0 keeps the planner from
      // scanning every person of the organisation first), and the total rides along with the page.
      const people = `CROSS JOIN LATERAL (SELECT p.name, p.preferred_name, p.email, p.phone, p.locality_id FROM people p WHERE p.organisation_id = a.organisation_id AND p.id = a.person_id OFFSET 0) p`;
      const from = `FROM applications a ${people} WHERE ${where.join(' AND ')}`;
      const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
      const rows: Array<ApplicationListItem & { total: number }> = await manager.query(
        `SELECT a.id, a.intake_id AS "intakeId", a.person_id AS "personId", a.reference, p.name, p.preferred_name AS "preferredName", p.email, p.phone,
                p.locality_id AS "localityId", a.stage, a.source, a.referrer, a.partner_id AS "partnerId",
                (SELECT r.name FROM referral_partners r WHERE r.organisation_id = a.organisation_id AND r.id = a.partner_id) AS "partnerName",
                a.channel, a.applied_at AS "appliedAt", a.stage_changed_at AS "stageChangedAt", a.version,
                count(*) OVER ()::int AS total
           ${from}
          ORDER BY ${SORT_COLUMNS[filter.sort]} ${direction}, a.id ${direction}
          LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
        params,
      );
      // A page past the end has no rows to carry the total.
      const total = rows.length ? rows[0].total : Number((await manager.query(`SELECT count(*)::int AS total ${from}`, params))[0].total);
      const items = rows.map(({ total: _total, ...item }) => item);
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }
}
