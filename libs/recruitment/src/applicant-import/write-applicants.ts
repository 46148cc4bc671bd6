import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { ANSWER_COLUMNS, ANSWER_FIELDS, EQUALITY_CONSENT_WORDING } from '@steppingstone/people';
import { ApplicantCandidate } from './applicant-rows';

/** A draw of references that clashes with existing ones is drawn again for those rows; this many rounds would mean something else is wrong. */
const REFERENCE_ROUNDS = 5;

/**
 * Writes every applicant with a handful of statements (people, applications, their first
 * transitions, and for rows with equality answers their consents and profiles) rather than several
 * per row: 5,000 rows are then a few round trips, not 25,000. Each statement takes one array per
 * column and unnests them side by side.
 */
export async function writeApplicants(manager: EntityManager, organisationId: string, intakeId: string, actorUserId: string, candidates: ApplicantCandidate[]): Promise<void> {
  const personIds = candidates.map(() => randomUUID());
  const applicationIds = candidates.map(() => randomUUID());
  const column = <T>(pick: (c: ApplicantCandidate) => T) => candidates.map(pick);

  await manager.query(
    `INSERT INTO people (organisation_id, id, name, preferred_name, email, phone, postcode, address, locality_id, date_of_birth, contact_preferences)
     SELECT $1, r.id, r.name, r.preferred_name, r.email, r.phone, r.postcode, r.address, r.locality_id, r.date_of_birth, string_to_array(r.channels, ',')
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::date[], $11::text[])
            AS r(id, name, preferred_name, email, phone, postcode, address, locality_id, date_of_birth, channels)`,
    [
      organisationId,
      personIds,
      column((c) => c.details.name),
      column((c) => c.details.preferredName ?? null),
      column((c) => c.details.email ?? null),
      column((c) => c.details.phone ?? null),
      column((c) => c.details.postcode ?? null),
      column((c) => c.details.address ?? null),
      column((c) => c.details.localityId ?? null),
      column((c) => c.details.dateOfBirth ?? null),
      column((c) => contactPreferences(c).join(',')),
    ],
  );

  // Each application's reference is drawn by the database; the rare clash leaves that row out, to be drawn again.
  let pending = candidates.map((_, i) => i);
  for (let round = 1; pending.length; round++) {
    if (round > REFERENCE_ROUNDS) throw new Error(`No free application references for ${pending.length} rows after ${REFERENCE_ROUNDS} draws`);
    const at = <T>(pick: (c: ApplicantCandidate, i: number) => T) => pending.map((i) => pick(candidates[i], i));
    const written: Array<{ id: string }> = await manager.query(
      `INSERT INTO applications (organisation_id, id, intake_id, person_id, source, referrer, partner_id, channel, applied_at, stage_changed_at)
       SELECT $1, r.id, $2, r.person_id, r.source, r.referrer, r.partner_id, 'import', coalesce((r.received_on + time '12:00') AT TIME ZONE 'UTC', now()), coalesce((r.received_on + time '12:00') AT TIME ZONE 'UTC', now())
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::date[]) AS r(id, person_id, source, referrer, partner_id, received_on)
       ON CONFLICT (organisation_id, reference) DO NOTHING
       RETURNING id`,
      [organisationId, intakeId, at((_, i) => applicationIds[i]), at((_, i) => personIds[i]), at((c) => c.source), at((c) => c.referrer), at((c) => c.partnerId), at((c) => c.receivedOn)],
    );
    const done = new Set(written.map((w) => w.id));
    pending = pending.filter((i) => !done.has(applicationIds[i]));
  }
  await manager.query(
    `INSERT INTO application_transitions (organisation_id, application_id, from_stage, to_stage, actor_user_id, occurred_at)
     SELECT $1, a.id, NULL, 'applied', $3, a.applied_at FROM applications a WHERE a.organisation_id = $1 AND a.id = ANY($2::uuid[])`,
    [organisationId, applicationIds, actorUserId],
  );
  await writeEqualityProfiles(manager, organisationId, actorUserId, candidates, personIds);
}

/** The rows' equality answers, each resting on a consent of its own recorded first (a profile never exists without one). */
async function writeEqualityProfiles(manager: EntityManager, organisationId: string, actorUserId: string, candidates: ApplicantCandidate[], personIds: string[]): Promise<void> {
  const rows = candidates.map((c, i) => ({ candidate: c, personId: personIds[i], consentId: randomUUID() })).filter((r) => r.candidate.equality);
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO consents (organisation_id, id, person_id, purpose, wording, method, given_at, recorded_by)
     SELECT $1, r.id, r.person_id, 'demographic-monitoring', $4, 'import', coalesce((r.given_on + time '12:00') AT TIME ZONE 'UTC', now()), $5
       FROM unnest($2::uuid[], $3::uuid[], $6::date[]) AS r(id, person_id, given_on)`,
    [organisationId, rows.map((r) => r.consentId), rows.map((r) => r.personId), EQUALITY_CONSENT_WORDING, actorUserId, rows.map((r) => r.candidate.equality!.consentGivenOn ?? r.candidate.receivedOn)],
  );
  // Every answer column side by side; lived experience (a list) is not imported, so it stays unrecorded.
  const single = ANSWER_FIELDS.map((field, i) => ({ field, column: ANSWER_COLUMNS[i] })).filter((f) => f.field !== 'livedExperience');
  await queryNamed(
    manager,
    `INSERT INTO demographic_profiles (organisation_id, person_id, consent_id, ${single.map((f) => f.column).join(', ')})
     SELECT :org, r.person_id, r.consent_id, ${single.map((f) => `r.${f.column}`).join(', ')}
       FROM unnest(:personIds::uuid[], :consentIds::uuid[], ${single.map((f) => `:${f.field}::text[]`).join(', ')}) AS r(person_id, consent_id, ${single.map((f) => f.column).join(', ')})`,
    {
      ...Object.fromEntries(single.map((f) => [f.field, rows.map((r) => (r.candidate.equality!.answers[f.field] as string | undefined) ?? null)])),
      org: organisationId,
      personIds: rows.map((r) => r.personId),
      consentIds: rows.map((r) => r.consentId),
    },
  );
}

/** The same default as a person entered through the API: the channel they gave us. */
function contactPreferences({ details }: ApplicantCandidate): string[] {
  if (details.contactPreferences?.length) return details.contactPreferences;
  return details.email ? ['email'] : details.phone ? ['phone'] : details.address ? ['post'] : [];
}
