import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ContactChannel, insertEqualityProfilesInBulk, insertPeopleInBulk } from '@steppingstone/people';
import { ApplicantCandidate } from './applicant-rows';

/** A draw of references that clashes with existing ones is drawn again for those rows; this many rounds would mean something else is wrong. */
const REFERENCE_ROUNDS = 5;

/**
 * Writes every applicant with a handful of statements (people and, for rows with equality answers,
 * their consents and profiles through the people lib; applications and their first transitions)
 * rather than several per row: 5,000 rows are then a few round trips, not 25,000. Each statement takes one array per
 * column and unnests them side by side.
 */
export async function writeApplicants(manager: EntityManager, organisationId: string, intakeId: string, actorUserId: string, candidates: ApplicantCandidate[]): Promise<void> {
  const personIds = candidates.map(() => randomUUID());
  const applicationIds = candidates.map(() => randomUUID());

  await insertPeopleInBulk(
    manager,
    organisationId,
    candidates.map((c, i) => ({ ...c.details, id: personIds[i], localityId: c.details.localityId ?? null, contactPreferences: contactPreferences(c) })),
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
  await insertEqualityProfilesInBulk(
    manager,
    organisationId,
    actorUserId,
    candidates.flatMap((c, i) => (c.equality ? [{ personId: personIds[i], consentId: randomUUID(), givenOn: c.equality.consentGivenOn ?? c.receivedOn, answers: c.equality.answers }] : [])),
  );
}

/** The same default as a person entered through the API: the channel they gave us. */
function contactPreferences({ details }: ApplicantCandidate): ContactChannel[] {
  if (details.contactPreferences?.length) return details.contactPreferences;
  return details.email ? ['email'] : details.phone ? ['phone'] : details.address ? ['post'] : [];
}
