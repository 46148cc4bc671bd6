import { EntityManager } from 'typeorm';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';

/** The opportunity requirements that a safety check on record meets, and what each needs. */
export const CHECK_REQUIREMENTS = {
  'dbs-check': { label: 'a DBS check', sql: `kind = 'dbs'`, count: 1 },
  'enhanced-dbs-check': { label: 'an enhanced DBS check', sql: `kind = 'dbs' AND dbs_level = 'enhanced'`, count: 1 },
  'enhanced-dbs-barred-list-check': { label: 'an enhanced DBS check with the barred list', sql: `kind = 'dbs' AND dbs_level = 'enhanced' AND barred_list`, count: 1 },
  references: { label: 'two references', sql: `kind = 'reference'`, count: 2 },
  'right-to-work': { label: 'a right to work check', sql: `kind = 'right-to-work'`, count: 1 },
  'safeguarding-training': { label: 'safeguarding training', sql: `kind = 'training' AND title ILIKE '%safeguarding%'`, count: 1 },
} as const;
export type CheckRequirement = keyof typeof CHECK_REQUIREMENTS;

export interface MissingCheck {
  requirement: CheckRequirement;
  label: string;
  /** None on record, or every one on record has expired (or expires before the placement starts). */
  reason: 'missing' | 'expired';
  /** The latest expiry among those on record, when they have all expired. */
  expiredOn: string | null;
}

/**
 * The checks an opportunity requires that the person does not hold valid on `onDate` (the later of
 * today and the placement's start): none on record, or only expired ones.
 */
export async function missingChecks(manager: EntityManager, organisationId: string, personId: string, requirements: readonly string[], onDate: string): Promise<MissingCheck[]> {
  const wanted = requirements.filter((r): r is CheckRequirement => r in CHECK_REQUIREMENTS);
  const missing: MissingCheck[] = [];
  for (const requirement of wanted) {
    const { label, sql, count } = CHECK_REQUIREMENTS[requirement];
    const [row]: Array<{ valid: number; any: number; latest: string | null }> = await manager.query(
      `SELECT count(*) FILTER (WHERE checked_on <= $3::date AND (expires_on IS NULL OR expires_on >= $3::date))::int AS valid, count(*)::int AS any,
              to_char(max(expires_on), 'YYYY-MM-DD') AS latest
         FROM safety_checks WHERE organisation_id = $1 AND person_id = $2 AND ${sql}`,
      [organisationId, personId, onDate],
    );
    if (row.valid >= count) continue;
    const expired = row.any > row.valid && row.latest !== null && row.latest < onDate;
    missing.push({ requirement, label, reason: expired ? 'expired' : 'missing', expiredOn: expired ? row.latest : null });
  }
  return missing;
}

/** 409 naming every required check the person lacks or holds only expired. */
export async function refuseMissingChecks(manager: EntityManager, organisationId: string, personId: string, requirements: readonly string[], onDate: string): Promise<void> {
  const missing = await missingChecks(manager, organisationId, personId, requirements, onDate);
  if (!missing.length) return;
  const said = missing.map((m) => (m.reason === 'expired' ? `${m.label} (expired on ${m.expiredOn})` : `${m.label} (none on record)`));
  const message = `This opportunity requires checks the person does not hold valid on ${onDate}: ${said.join('; ')}`;
  throw new PlacementsError(
    Code.RequirementNotMet,
    message,
    missing.map((m, i) => ({ field: 'personId', rule: m.requirement, message: said[i] })),
    { missingChecks: missing },
  );
}
