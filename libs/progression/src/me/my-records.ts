import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Tenancy } from '@steppingstone/core';
import { Consent, Consents } from '@steppingstone/people';
import { loadPlacements, ownSupervisionRecords, PlacementsError, PlacementsErrorCode, PlacementView, ReviewPoint, SupervisionDue, SupervisionRecord } from '@steppingstone/placements';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { linkedPeople } from '../timeline/person-access';
import { ProgressionTimeline, timelineOf } from '../timeline/progression-timeline';

export interface MySupervision {
  placementId: string;
  hostName: string;
  roleTitle: string;
  status: string;
  supervision: SupervisionDue;
  reviews: ReviewPoint[];
  /** Sessions held, without the supervisor's notes (those are for coordinators). */
  records: SupervisionRecord[];
}

/**
 * A participant's own records, found through the person linked to their login: never by an id
 * from the request, so nothing about anyone else can be reached. Upcoming sessions are served by
 * GET /me/sessions (cohorts).
 */
@Injectable()
export class MyRecords {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly consentHistory: Consents,
  ) {}

  placements(actor: Actor): Promise<PlacementView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => loadPlacements(manager, actor.organisationId, 'p.person_id = :personId', { personId: (await linkedPersonOf(manager, actor)).id }));
  }

  placement(actor: Actor, placementId: string): Promise<PlacementView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const [placement] = await loadPlacements(manager, actor.organisationId, 'p.id = :id AND p.person_id = :personId', { id: placementId, personId: (await linkedPersonOf(manager, actor)).id });
      if (!placement) throw new PlacementsError(PlacementsErrorCode.PlacementNotFound, 'Placement not found');
      return placement;
    });
  }

  supervision(actor: Actor): Promise<MySupervision[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const person = await linkedPersonOf(manager, actor);
      const placements = await loadPlacements(manager, actor.organisationId, 'p.person_id = :personId', { personId: person.id });
      const records = await ownSupervisionRecords(manager, actor.organisationId, person.id);
      return placements.map((p) => ({
        placementId: p.id,
        hostName: p.hostName,
        roleTitle: p.roleTitle,
        status: p.status,
        supervision: p.supervision,
        reviews: p.reviews,
        records: records.filter((r) => r.placementId === p.id),
      }));
    });
  }

  progression(actor: Actor): Promise<ProgressionTimeline> {
    return this.tenancy.run(actor.organisationId, async (manager) => timelineOf(manager, actor.organisationId, await linkedPersonOf(manager, actor)));
  }

  async consents(actor: Actor): Promise<Consent[]> {
    const person = await this.tenancy.run(actor.organisationId, (manager) => linkedPersonOf(manager, actor));
    return this.consentHistory.history(actor, person.id);
  }
}

/** The person linked to the login; a login with several (duplicates awaiting a merge) reads the oldest. */
export async function linkedPersonOf(manager: EntityManager, actor: Actor): Promise<{ id: string; name: string }> {
  const [person] = await linkedPeople(manager, actor);
  if (!person) throw new ProgressionError(Code.NoLinkedPerson, 'No person record is linked to your login');
  return person;
}
