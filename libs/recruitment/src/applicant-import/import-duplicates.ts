import { EntityManager } from 'typeorm';
import { phoneDigits } from '@steppingstone/people';
import { ApplicantCandidate } from './applicant-rows';
import { RowWarning } from './import-report';

type Field = 'email' | 'phone' | 'nameAndDateOfBirth';
const SAID: Record<Field, string> = { email: 'email', phone: 'phone', nameAndDateOfBirth: 'name and date of birth' };

interface ExistingMatch {
  n: number;
  field: Field;
  id: string;
  name: string;
  applied: boolean;
}

/**
 * Rows that look like someone already in the file (an earlier row) or already recorded (same email
 * in any case, same phone digits, or same name and date of birth). Warnings only: two people can share a family email, and the
 * coordinator can merge real duplicates afterwards with the people API.
 */
export async function duplicateWarnings(
  manager: EntityManager,
  organisationId: string,
  intakeId: string,
  candidates: ApplicantCandidate[],
  labels: { email: string; phone: string; name: string },
): Promise<RowWarning[]> {
  const warnings: RowWarning[] = [];
  const column: Record<Field, string> = { email: labels.email, phone: labels.phone, nameAndDateOfBirth: labels.name };
  const keys = candidates.map((c) => ({
    row: c.row,
    email: c.details.email ?? null,
    phone: phoneDigits(c.details.phone),
    name: c.details.dateOfBirth ? c.details.name.toLowerCase() : null,
    born: c.details.dateOfBirth ?? null,
  }));

  const firstSeen: Record<Field, Map<string, number>> = { email: new Map(), phone: new Map(), nameAndDateOfBirth: new Map() };
  for (const key of keys) {
    const values: Record<Field, string | null> = { email: key.email, phone: key.phone, nameAndDateOfBirth: key.name && `${key.name}|${key.born}` };
    for (const field of ['email', 'phone', 'nameAndDateOfBirth'] as const) {
      const value = values[field];
      if (!value) continue;
      const earlier = firstSeen[field].get(value);
      if (earlier === undefined) firstSeen[field].set(value, key.row);
      else warnings.push({ row: key.row, column: column[field], rule: 'duplicateInFile', message: `Same ${SAID[field]} as row ${earlier}: the same person twice?` });
    }
  }

  // Two equality joins rather than one on "email or phone", so each can use its index.
  const existing: ExistingMatch[] = await manager.query(
    `WITH r AS (SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $6::text[], $7::date[]) AS r(n, email, digits, name, born)),
          m AS (SELECT r.n, 'email' AS field, p.id, p.name FROM r JOIN people p ON p.organisation_id = $1 AND lower(p.email) = r.email
                UNION ALL
                SELECT r.n, 'phone', p.id, p.name FROM r JOIN people p ON p.organisation_id = $1 AND p.phone_digits = r.digits
                UNION ALL
                SELECT r.n, 'nameAndDateOfBirth', p.id, p.name FROM r JOIN people p ON p.organisation_id = $1 AND lower(p.name) = r.name AND p.date_of_birth = r.born AND p.anonymised_at IS NULL)
     SELECT m.n, m.field, m.id, m.name,
            EXISTS (SELECT 1 FROM applications a WHERE a.organisation_id = $1 AND a.intake_id = $5 AND a.person_id = m.id) AS applied
       FROM m ORDER BY m.n, m.field, m.name`,
    [organisationId, keys.map((k) => k.row), keys.map((k) => k.email), keys.map((k) => k.phone), intakeId, keys.map((k) => k.name), keys.map((k) => k.born)],
  );
  const grouped = new Map<string, ExistingMatch[]>();
  for (const match of existing) grouped.set(`${match.n}:${match.field}`, [...(grouped.get(`${match.n}:${match.field}`) ?? []), match]);
  for (const matches of grouped.values()) {
    const { n, field } = matches[0];
    const applied = matches.some((m) => m.applied);
    warnings.push({
      row: n,
      column: column[field],
      rule: 'matchesExistingPerson',
      message: `Same ${SAID[field]} as ${matches.map((m) => m.name).join(', ')}, already recorded${applied ? ' and already an applicant to this intake' : ''}; the import adds a new record, which you can merge afterwards`,
      matches: matches.map((m) => ({ personId: m.id, name: m.name, alreadyInIntake: m.applied })),
    });
  }
  return warnings.sort((a, b) => a.row - b.row);
}
