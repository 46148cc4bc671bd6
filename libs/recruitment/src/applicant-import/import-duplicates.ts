import { EntityManager } from 'typeorm';
import { peopleMatchingRows, phoneDigits } from '@steppingstone/people';
import { applicantsAmong } from '../applications/application-queries';
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

  const found = await peopleMatchingRows(
    manager,
    organisationId,
    keys.map((k) => ({ row: k.row, email: k.email, digits: k.phone, name: k.name, born: k.born })),
  );
  const applied = await applicantsAmong(manager, organisationId, intakeId, [...new Set(found.map((m) => m.personId))]);
  const existing: ExistingMatch[] = found.map((m) => ({ n: m.row, field: m.field, id: m.personId, name: m.name, applied: applied.has(m.personId) }));
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
