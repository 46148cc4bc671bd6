import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { OpportunityRequirement } from '../engine/placement-rules';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';
import { HostOrganisations } from './host-organisations';

export interface OpportunityDetails {
  roleTitle: string;
  description?: string;
  hoursPerWeek: number;
  places: number;
  requirements?: OpportunityRequirement[];
}

export interface Opportunity {
  id: string;
  hostId: string;
  hostName: string;
  roleTitle: string;
  description: string;
  hoursPerWeek: number;
  places: number;
  /** Places taken by placements that are proposed, active or paused. */
  placesTaken: number;
  requirements: OpportunityRequirement[];
  createdAt: Date;
}

const SELECT = `
  SELECT o.id, o.host_id AS "hostId", h.name AS "hostName", o.role_title AS "roleTitle", o.description, o.hours_per_week::float AS "hoursPerWeek",
         o.places, o.requirements, o.created_at AS "createdAt",
         (SELECT count(*)::int FROM placements p WHERE p.organisation_id = o.organisation_id AND p.opportunity_id = o.id AND p.status IN ('proposed', 'active', 'paused')) AS "placesTaken"
    FROM placement_opportunities o
    JOIN host_organisations h ON h.organisation_id = o.organisation_id AND h.id = o.host_id`;

/** A role a host offers: its hours, how many people it takes and what must be in place first. */
@Injectable()
export class Opportunities {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly hosts: HostOrganisations,
  ) {}

  create(actor: Actor, hostId: string, details: OpportunityDetails): Promise<Opportunity> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.hosts.find(manager, actor.organisationId, hostId);
      const id = randomUUID();
      await manager.query(`INSERT INTO placement_opportunities (organisation_id, id, host_id, role_title, description, hours_per_week, places, requirements) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        actor.organisationId,
        id,
        hostId,
        details.roleTitle,
        details.description ?? '',
        details.hoursPerWeek,
        details.places,
        [...new Set(details.requirements ?? [])],
      ]);
      await this.audit.record(manager, actor, { action: 'placement-opportunity.created', entityType: 'placement-opportunity', entityId: id, details: { hostId, roleTitle: details.roleTitle } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  update(actor: Actor, id: string, changes: Partial<OpportunityDetails>): Promise<Opportunity> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const current = await this.find(manager, actor.organisationId, id);
      if (changes.places !== undefined && changes.places < current.placesTaken) {
        throw new PlacementsError(Code.OpportunityFull, `${current.placesTaken} place(s) are taken; places cannot go below that`, [
          { field: 'places', rule: 'atLeastTaken', message: `places must be at least ${current.placesTaken}` },
        ]);
      }
      await manager.query(
        `UPDATE placement_opportunities SET role_title = $3, description = $4, hours_per_week = $5, places = $6, requirements = $7, updated_at = now() WHERE organisation_id = $1 AND id = $2`,
        [
          actor.organisationId,
          id,
          changes.roleTitle ?? current.roleTitle,
          changes.description ?? current.description,
          changes.hoursPerWeek ?? current.hoursPerWeek,
          changes.places ?? current.places,
          [...new Set(changes.requirements ?? current.requirements)],
        ],
      );
      await this.audit.record(manager, actor, { action: 'placement-opportunity.updated', entityType: 'placement-opportunity', entityId: id, details: { fields: Object.keys(changes) } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  get(actor: Actor, id: string): Promise<Opportunity> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  forHost(actor: Actor, hostId: string): Promise<Opportunity[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.hosts.find(manager, actor.organisationId, hostId);
      return manager.query(`${SELECT} WHERE o.organisation_id = $1 AND o.host_id = $2 ORDER BY lower(o.role_title), o.id`, [actor.organisationId, hostId]);
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false): Promise<Opportunity> {
    if (lock) await manager.query(`SELECT 1 FROM placement_opportunities WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [organisationId, id]);
    const [row]: Opportunity[] = await manager.query(`${SELECT} WHERE o.organisation_id = $1 AND o.id = $2`, [organisationId, id]);
    if (!row) throw new PlacementsError(Code.OpportunityNotFound, 'Placement opportunity not found');
    return row;
  }
}
