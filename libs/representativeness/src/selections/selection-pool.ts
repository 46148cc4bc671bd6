import { EntityManager } from 'typeorm';
import { isUndisclosed, NOT_RECORDED } from '@steppingstone/areas/engine';
import { Respondent } from '../engine/selection/types';
import { personAnswersSql } from '@steppingstone/people';
import { applicationsSql } from '@steppingstone/recruitment';
import { AnalysisDimension, poolColumnSql } from '../gaps/analysis-dimensions';

/** The stages an applicant can be selected from: waiting for an offer, and not yet offered one. */
export const SELECTABLE_STAGES = ['screened', 'taster', 'waitlisted'];

export interface PoolMember extends Respondent {
  /** The application that moves when the selection is applied. */
  applicationId: string;
  personId: string;
  stage: string;
}

/**
 * The intake's applicants at the selectable stages, each with a feature per dimension: census
 * categories for their answers, their locality's name, and "Prefer not to say" or "Not recorded"
 * as features of their own (so quotas can be set on those too, and nobody is left out of the pool).
 */
export async function loadSelectionPool(
  manager: EntityManager,
  organisationId: string,
  intakeId: string,
  stages: string[],
  dimensions: AnalysisDimension[],
  referenceDate: string,
  localityNames: Map<string, string>,
  options: { households?: boolean } = {},
): Promise<PoolMember[]> {
  const columns = [...new Set(dimensions.map((d) => d.column))];
  // Addresses are read only when the household rule needs them, and never leave this function but as a key.
  const address = options.households ? `, pv.address AS "__address", pv.postcode AS "__postcode"` : '';
  const rows: Array<Record<string, string | number | null>> = await manager.query(
    `SELECT a.id AS "applicationId", a.person_id AS "personId", a.stage, ${columns.map((c) => `${poolColumnSql(c, '$2')} AS "${c}"`).join(', ')}${address}
       FROM (${applicationsSql('$1')}) a
       JOIN (${personAnswersSql('$1')}) pv ON pv.person_id = a.person_id
      WHERE a.intake_id = $3 AND a.stage = ANY($4) AND $2::date IS NOT NULL
      ORDER BY a.applied_at, a.id`,
    [organisationId, referenceDate, intakeId, stages],
  );
  return rows.map((row) => {
    const household = options.households ? householdKey(row.__address as string | null, row.__postcode as string | null) : undefined;
    return {
      id: String(row.applicationId),
      applicationId: String(row.applicationId),
      personId: String(row.personId),
      stage: String(row.stage),
      features: Object.fromEntries(dimensions.map((d) => [d.key, featureOf(d, row[d.column] === null ? null : String(row[d.column]), localityNames)])),
      ...(household === undefined ? {} : { household }),
    };
  });
}

/**
 * One household per postal address: the address lines (new lines or commas between them) compared
 * ignoring case, punctuation and spacing, together with the postcode ignoring case and spacing (a
 * last address line that is just the postcode is dropped, so it counts once). Someone with no
 * address recorded shares a household with nobody: a postcode alone covers a street, not a home.
 */
export function householdKey(address: string | null, postcode: string | null): string | undefined {
  const code = (postcode ?? '').toUpperCase().replace(/\s+/g, '');
  const lines = (address ?? '')
    .split(/[\n,]+/)
    .map((line) =>
      line
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    )
    .filter((line) => line && line.toUpperCase().replace(/\s+/g, '') !== code);
  if (!lines.length) return undefined;
  return `${lines.join('|')}#${code}`;
}

export function featureOf(dimension: AnalysisDimension, value: string | null, localityNames: Map<string, string>): string {
  if (value === null) return NOT_RECORDED;
  if (isUndisclosed(value)) return value;
  if (dimension.key === 'locality') return localityNames.get(value) ?? NOT_RECORDED;
  return dimension.categoryOf(value) ?? value;
}
