import { EntityManager } from 'typeorm';
import { NOT_RECORDED, UNDISCLOSED_CATEGORIES } from '@steppingstone/areas/engine';
import { localityNames as loadLocalityNames } from '@steppingstone/areas';
import { equalityAnswersSql, personAnswersSql } from '@steppingstone/people';
import { analysisDimension, poolColumnSql, readsPersonRecord } from './analysis-dimensions';

/** Where the caller's statement holds the organisation and the date ages are taken on, as placeholders such as `$1`. */
export interface PersonValuePlaceholders {
  organisation: string;
  referenceDate: string;
}

/**
 * How an organisation's people split by one analysis dimension, for a lib that counts people by
 * group (the equity funnel) without knowing where answers, dates of birth or localities are kept.
 */
export interface PersonGrouping {
  dimension: { key: string; label: string };
  /**
   * A complete SELECT yielding `person_id` and `value` (text), over people's `personAnswersSql`, or
   * their `equalityAnswersSql` when the dimension needs only the answers: a person with no row, or
   * a null value, gave no answer. A caller folds it into its own statement as a subquery, so
   * 100,000 people's values never travel to Node; the groups come from `groupOf`.
   */
  personValues(placeholders: PersonValuePlaceholders): string;
  /**
   * A person's group from their value (null when they have no row or no answer): the census
   * category the gap analysis would put them in, the locality's name, or an undisclosed group.
   */
  groupOf(value: string | null): string;
}

/** The grouping by a dimension of the gap analysis; undefined for a dimension it does not know. */
export async function personGrouping(manager: EntityManager, organisationId: string, dimensionKey: string): Promise<PersonGrouping | undefined> {
  const dimension = analysisDimension(dimensionKey);
  if (!dimension) return undefined;
  const localityNames = dimension.column === 'locality' ? await loadLocalityNames(manager, organisationId) : new Map<string, string>();
  return {
    dimension: { key: dimension.key, label: dimension.label },
    personValues: ({ organisation, referenceDate }) =>
      `SELECT pv.person_id, (${poolColumnSql(dimension.column, referenceDate)})::text AS value FROM (${readsPersonRecord(dimension.column) ? personAnswersSql(organisation) : equalityAnswersSql(organisation)}) pv`,
    groupOf: (value) => {
      const raw = value ?? NOT_RECORDED;
      if (UNDISCLOSED_CATEGORIES.includes(raw)) return raw;
      if (dimension.column === 'locality') return localityNames.get(raw) ?? raw;
      return dimension.categoryOf(raw) ?? raw;
    },
  };
}
