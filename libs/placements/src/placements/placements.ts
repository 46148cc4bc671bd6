import { Injectable } from '@nestjs/common';
import { Actor, Page, Tenancy } from '@steppingstone/core';
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
      const [view] = await loadPlacements(manager, actor.organisationId, 'p.id = $2', [id]);
      if (!view) throw new PlacementsError(Code.PlacementNotFound, 'Placement not found');
      return view;
    });
  }

  forPerson(actor: Actor, personId: string): Promise<PlacementView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await requireRow(manager, actor.organisationId, 'people', personId, 'personId');
      return loadPlacements(manager, actor.organisationId, 'p.person_id = $2', [personId]);
    });
  }

  list(actor: Actor, filter: PlacementFilter): Promise<Page<PlacementView>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const params: unknown[] = [];
      const where = ['true'];
      if (filter.personId) where.push(`p.person_id = $${params.push(filter.personId) + 1}`);
      if (filter.hostId) where.push(`p.host_id = $${params.push(filter.hostId) + 1}`);
      if (filter.status?.length) where.push(`p.status = ANY($${params.push(filter.status) + 1})`);
      if (filter.supervisionOverdue) {
        where.push(`p.status IN ('active', 'paused') AND (coalesce((SELECT max(s.held_on) FROM supervision_records s WHERE s.organisation_id = p.organisation_id AND s.placement_id = p.id AND s.held_on > p.starts_on), p.starts_on)
                    + p.supervision_interval_days) < (SELECT organisation_today($1))`);
      }
      const [{ total }]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM placements p WHERE p.organisation_id = $1 AND ${where.join(' AND ')}`, [
        actor.organisationId,
        ...params,
      ]);
      const n = params.length + 2;
      const items = await loadPlacements(
        manager,
        actor.organisationId,
        `${where.join(' AND ')} AND p.id IN (SELECT id FROM placements p WHERE p.organisation_id = $1 AND ${where.join(' AND ')} ORDER BY p.starts_on DESC, p.id LIMIT $${n} OFFSET $${n + 1})`,
        [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
      );
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }
}
