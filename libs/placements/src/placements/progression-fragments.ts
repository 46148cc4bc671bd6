import { EntityManager } from 'typeorm';
import { supervisionRecords, SupervisionRecord } from '../supervision/supervision';

/*
 * Statements over placements, hosts and safety checks for the progression lib's timeline, funnels
 * and a participant's own copy of their records. Every argument is the caller's expression (a
 * placeholder or a column of its own statement), so the caller never names these tables.
 */

/** A complete SELECT of one person's placements: `id`, `starts_on`, `activated_at`, `role_title`, `status` and `host_name`. */
export function personPlacementsSql(organisation: string, personId: string): string {
  return `SELECT pp.id, pp.starts_on, pp.activated_at, pp.role_title, pp.status, ph.name AS host_name
            FROM placements pp JOIN host_organisations ph ON ph.organisation_id = pp.organisation_id AND ph.id = pp.host_id
           WHERE pp.organisation_id = ${organisation} AND pp.person_id = ${personId}`;
}

/** A complete SELECT yielding `person_id` for each placement that has started (a person may appear more than once). */
export function startedPlacementsSql(organisation: string): string {
  return `SELECT sp.person_id FROM placements sp WHERE sp.organisation_id = ${organisation} AND sp.activated_at IS NOT NULL`;
}

/** A scalar subquery: the person's safety checks as a JSON array for their own copy (no ids), oldest first. */
export function personSafetyChecksJsonSql(organisation: string, personId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('kind', c.kind, 'dbsLevel', c.dbs_level, 'barredList', c.barred_list, 'title', c.title, 'checkedOn', c.checked_on, 'expiresOn', c.expires_on, 'evidenceSeenBy', c.evidence_seen_by) ORDER BY c.checked_on, c.created_at), '[]')
          FROM safety_checks c WHERE c.organisation_id = ${organisation} AND c.person_id = ${personId})`;
}

/** The supervision sessions of all the person's placements, without the supervisor's notes, for the person themselves. */
export function ownSupervisionRecords(manager: EntityManager, organisationId: string, personId: string): Promise<SupervisionRecord[]> {
  return supervisionRecords(manager, organisationId, 'placement_id IN (SELECT id FROM placements WHERE organisation_id = $1 AND person_id = $2)', [personId], false);
}
