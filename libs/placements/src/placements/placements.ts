import { Injectable } from '@nestjs/common';
import { Actor, Conditions, Page, queryNamed, Tenancy } from '@steppingstone/core';
import { PlacementStatus } from '../engine/placement-rules';
import { requireRow } from '../hosts/references';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';
import { loadPlacements, PlacementView } from './placement-view';

export interface PlacementFilter {
  personId?: string;
  hostId?: string;
  status?: PlacementStatus[];
  /** Only placements whose supervision is overdue today. */
  supervisionOverdue?: boolean;
  page: number;
  pageSize: number;
}

/** Reading placements: one, a person's, or a filtered list for the coordinator's board. */
@Injectable()
export class Placements {
  constructor(private readonly tenancy: Tenancy) {}

  get(actor: Actor, id: string): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [view] = await loadPlacements(manager, actor.organisationId, 'p.id = :id', { id });
      if (!view) throw new PlacementsError(Code.PlacementNotFound, 'Placement not found');
      return view;
    });
  }

  forPerson(actor: Actor, personId: string): Promise<PlacementView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await requireRow(manager, actor.organisationId, 'person', personId, 'personId');
      return loadPlacements(manager, actor.organisationId, 'p.person_id = :personId', { personId });
    });
  }

  list(actor: Actor, filter: PlacementFilter): Promise<Page<PlacementView>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const where = new Conditions('true', { org: actor.organisationId });
      if (filter.personId) where.and('p.person_id = :personId', { personId: filter.personId });
      if (filter.hostId) where.and('p.host_id = :hostId', { hostId: filter.hostId });
      // One array parameter however many statuses are asked for.
      if (filter.status?.length) where.and('p.status = ANY(:statuses)', { statuses: filter.status });
      if (filter.supervisionOverdue) {
        where.and(`p.status IN ('active', 'paused') AND (coalesce((SELECT max(s.held_on) FROM supervision_records s WHERE s.organisation_id = p.organisation_id AND s.placement_id = p.id AND s.held_on > p.starts_on), p.starts_on)
                    + p.supervision_interval_days) < (SELECT organisation_today(:org))`);
      }
      const [{ total }]: Array<{ total: number }> = await queryNamed(manager, `SELECT count(*)::int AS total FROM placements p WHERE p.organisation_id = :org AND ${where.sql}`, where.params);
      const items = await loadPlacements(
        manager,
        actor.organisationId,
        `${where.sql} AND p.id IN (SELECT id FROM placements p WHERE p.organisation_id = :org AND ${where.sql} ORDER BY p.starts_on DESC, p.id LIMIT :limit OFFSET :offset)`,
        { ...where.params, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize },
      );
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }
}
