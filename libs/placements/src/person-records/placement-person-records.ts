import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRecordCounts, PersonRecords, PersonRecordsHandler, PersonRef } from '@steppingstone/core';

/**
 * A person's placements, with their supervision records and reviews, when the person is merged,
 * erased, anonymised, exported or swept for retention.
 */
@Injectable()
export class PlacementPersonRecords implements PersonRecordsHandler, OnModuleInit {
  readonly owner = 'placements';

  constructor(private readonly registry: PersonRecords) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async merged(manager: EntityManager, organisationId: string, fromId: string, intoId: string): Promise<PersonRecordCounts> {
    await manager.query(`UPDATE placements SET person_id = $2 WHERE organisation_id = $1 AND person_id = $3`, [organisationId, intoId, fromId]);
    return {};
  }

  async erased(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts> {
    // Supervision records and reviews cascade.
    const [, placements] = await manager.query(`DELETE FROM placements WHERE organisation_id = $1 AND person_id = $2`, [organisationId, person.id]);
    return { placements: Number(placements) };
  }

  async anonymised(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void> {
    const params = [organisationId, person.id];
    const placements = `SELECT id FROM placements WHERE organisation_id = $1 AND person_id = $2`;
    // An early end must keep a reason (a constraint), so the words are replaced rather than cleared.
    await manager.query(
      `UPDATE placements SET end_reason = CASE WHEN end_reason IS NULL THEN NULL ELSE 'anonymised' END, supervisor_contact = NULL, updated_at = now()
        WHERE organisation_id = $1 AND person_id = $2`,
      params,
    );
    await manager.query(`UPDATE supervision_records SET notes = NULL, actions = NULL WHERE organisation_id = $1 AND placement_id IN (${placements})`, params);
    await manager.query(`UPDATE placement_reviews SET summary = NULL WHERE organisation_id = $1 AND placement_id IN (${placements})`, params);
  }

  /** A supervisor's notes and a review's summary only with `staffNotes`, for the admin to review before sending. */
  async exported(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean }): Promise<Record<string, unknown>> {
    const note = (column: string) => (options.staffNotes ? column : 'NULL');
    const [row]: Array<{ placements: unknown[] }> = await manager.query(
      `SELECT coalesce(json_agg(json_build_object(
           'id', p.id, 'hostName', h.name, 'roleTitle', p.role_title, 'supervisorName', p.supervisor_name, 'hoursPerWeek', p.hours_per_week,
           'startsOn', p.starts_on, 'plannedEndOn', p.planned_end_on, 'endedOn', p.ended_on, 'status', p.status, 'endReason', p.end_reason,
           'supervision', (SELECT coalesce(json_agg(json_build_object('heldOn', x.held_on, 'supervisorName', x.supervisor_name, 'notes', ${note('x.notes')}, 'actions', x.actions, 'wellbeingConcern', x.wellbeing_concern) ORDER BY x.held_on), '[]')
                             FROM supervision_records x WHERE x.organisation_id = p.organisation_id AND x.placement_id = p.id),
           'reviews', (SELECT coalesce(json_agg(json_build_object('week', r.week, 'heldOn', r.held_on, 'outcome', r.outcome, 'summary', ${note('r.summary')}) ORDER BY r.week), '[]')
                         FROM placement_reviews r WHERE r.organisation_id = p.organisation_id AND r.placement_id = p.id)
         ) ORDER BY p.starts_on), '[]') AS placements
         FROM placements p JOIN host_organisations h ON h.organisation_id = p.organisation_id AND h.id = p.host_id
        WHERE p.organisation_id = $1 AND p.person_id = $2`,
      [organisationId, personId],
    );
    return { journey: { placements: row.placements } };
  }

  /** A placement running into the future (its planned end) keeps its person for as long as it runs. */
  activitySql(): string[] {
    return [
      `SELECT pl.person_id, greatest(pl.created_at, pl.updated_at, pl.activated_at, pl.planned_end_on::timestamptz, pl.ended_on::timestamptz) FROM placements pl
         JOIN scope s ON s.id = pl.person_id WHERE pl.organisation_id = $1`,
      `SELECT pl.person_id, x.recorded_at FROM supervision_records x
         JOIN placements pl ON pl.organisation_id = x.organisation_id AND pl.id = x.placement_id JOIN scope s ON s.id = pl.person_id WHERE x.organisation_id = $1`,
      `SELECT pl.person_id, x.recorded_at FROM placement_reviews x
         JOIN placements pl ON pl.organisation_id = x.organisation_id AND pl.id = x.placement_id JOIN scope s ON s.id = pl.person_id WHERE x.organisation_id = $1`,
    ];
  }
}
