import { EntityManager } from 'typeorm';

/**
 * What erasure and anonymisation both remove: the special-category profile, the person's address in
 * the delivery log and any finished export of their record. Erasure then deletes the person's rows;
 * anonymisation keeps them (the counts depend on them) and clears what identifies the person instead.
 */
export async function removeSpecialCategoryData(manager: EntityManager, organisationId: string, personId: string): Promise<boolean> {
  const [, profiles] = await manager.query(`DELETE FROM demographic_profiles WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
  return Number(profiles) > 0;
}

/**
 * The delivery log keeps each message's recipient and subject (which may carry the person's name),
 * and a key that may hold the address; rows to this person's address keep their status and dates
 * only. Their keys become the row's own id, so nothing sent to the address can be found by it.
 */
export async function forgetDeliveries(manager: EntityManager, organisationId: string, email: string | null): Promise<number> {
  if (!email) return 0;
  const [, rows] = await manager.query(
    `UPDATE deliveries SET recipient = 'anonymised', subject = NULL, error = NULL, key = 'anonymised:' || id::text, updated_at = now()
      WHERE organisation_id = $1 AND lower(recipient) = lower($2)`,
    [organisationId, email],
  );
  return Number(rows);
}

/** A finished subject-access export is a full copy of the person's record; it goes with the record. */
export async function forgetExports(manager: EntityManager, organisationId: string, personId: string): Promise<void> {
  await manager.query(`UPDATE data_rights_requests SET result = NULL WHERE organisation_id = $1 AND person_id = $2 AND result IS NOT NULL`, [organisationId, personId]);
}

/** Free text written about the person along their journey, which may name them or describe their health. */
export async function clearJourneyNotes(manager: EntityManager, organisationId: string, personId: string): Promise<void> {
  const params = [organisationId, personId];
  const enrolments = `SELECT id FROM enrolments WHERE organisation_id = $1 AND person_id = $2`;
  const placements = `SELECT id FROM placements WHERE organisation_id = $1 AND person_id = $2`;
  const jobs = `SELECT id FROM jobs WHERE organisation_id = $1 AND person_id = $2`;
  await manager.query(`UPDATE applications SET referrer = NULL WHERE organisation_id = $1 AND person_id = $2 AND referrer IS NOT NULL`, params);
  await manager.query(
    `UPDATE application_transitions SET note = NULL
      WHERE organisation_id = $1 AND note IS NOT NULL AND application_id IN (SELECT id FROM applications WHERE organisation_id = $1 AND person_id = $2)`,
    params,
  );
  await manager.query(`UPDATE attendance SET note = NULL WHERE organisation_id = $1 AND note IS NOT NULL AND enrolment_id IN (${enrolments})`, params);
  await manager.query(`UPDATE assessment_results SET note = NULL WHERE organisation_id = $1 AND note IS NOT NULL AND enrolment_id IN (${enrolments})`, params);
  // The reason stays (drop-out by reason counts it); only the words around it go.
  await manager.query(`UPDATE withdrawals SET note = NULL, readmission_note = NULL WHERE organisation_id = $1 AND enrolment_id IN (${enrolments})`, params);
  // An early end must keep a reason (a constraint), so the words are replaced rather than cleared.
  await manager.query(
    `UPDATE placements SET end_reason = CASE WHEN end_reason IS NULL THEN NULL ELSE 'anonymised' END, supervisor_contact = NULL, updated_at = now()
      WHERE organisation_id = $1 AND person_id = $2`,
    params,
  );
  await manager.query(`UPDATE supervision_records SET notes = NULL, actions = NULL WHERE organisation_id = $1 AND placement_id IN (${placements})`, params);
  await manager.query(`UPDATE placement_reviews SET summary = NULL WHERE organisation_id = $1 AND placement_id IN (${placements})`, params);
  // The employer's name with a start date points at one person; the title, sector and hours describe the outcome.
  await manager.query(`UPDATE jobs SET employer = 'anonymised', end_reason = CASE WHEN end_reason IS NULL THEN NULL ELSE 'anonymised' END WHERE organisation_id = $1 AND person_id = $2`, params);
  await manager.query(`UPDATE sustainment_checks SET note = NULL WHERE organisation_id = $1 AND note IS NOT NULL AND job_id IN (${jobs})`, params);
}
