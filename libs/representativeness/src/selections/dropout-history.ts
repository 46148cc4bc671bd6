import { EntityManager } from 'typeorm';
import { enrolmentOutcomesSql, share } from '@steppingstone/cohorts';
import { personAnswersSql } from '@steppingstone/people';
import { DropOutRate } from '../engine/selection/alternates';
import { AnalysisDimension, poolColumnSql } from '../gaps/analysis-dimensions';
import { featureOf } from './selection-pool';

export interface DropOutGroup extends DropOutRate {
  enrolled: number;
  withdrawn: number;
}

/** The organisation's drop-out history on the selection's dimensions: overall and per answer. */
export interface DropOutHistory {
  enrolled: number;
  withdrawn: number;
  /** withdrawn / enrolled (three decimals, as the drop-out figures state it). */
  rate: number;
  byGroup: DropOutGroup[];
}

/**
 * Everyone ever enrolled in one of the organisation's cohorts, grouped by the selection's
 * dimensions as they stood at enrolment (age on the enrolment date), and how many of each group
 * dropped out: their latest withdrawal is still open (the rule of cohorts' drop-out figures, so a
 * re-admission counts them back in).
 */
export async function loadDropOutHistory(manager: EntityManager, organisationId: string, dimensions: AnalysisDimension[], localityNames: Map<string, string>): Promise<DropOutHistory> {
  const columns = [...new Set(dimensions.map((d) => d.column))];
  // The pool takes ages on the selection's reference date; history takes them on the day each person enrolled.
  const select = columns.map((c) => `${poolColumnSql(c, `(en.enrolled_at AT TIME ZONE 'UTC')::date`)} AS "${c}"`);
  const rows: Array<Record<string, string | number | boolean | null>> = await manager.query(
    `SELECT ${[...select, `en.dropped_out AS "__dropped"`].join(', ')}
       FROM (${enrolmentOutcomesSql('$1')}) en
       JOIN (${personAnswersSql('$1')}) pv ON pv.person_id = en.person_id`,
    [organisationId],
  );
  const groups = new Map<string, DropOutGroup>();
  for (const row of rows) {
    for (const d of dimensions) {
      const feature = featureOf(d, row[d.column] === null ? null : String(row[d.column]), localityNames);
      const key = `${d.key}\u0000${feature}`;
      const group = groups.get(key) ?? { category: d.key, feature, enrolled: 0, withdrawn: 0, rate: 0 };
      group.enrolled += 1;
      if (row.__dropped) group.withdrawn += 1;
      groups.set(key, group);
    }
  }
  const byGroup = [...groups.values()].map((g) => ({ ...g, rate: share(g.withdrawn, g.enrolled) })).sort((a, b) => a.category.localeCompare(b.category) || a.feature.localeCompare(b.feature));
  const withdrawn = rows.filter((r) => r.__dropped).length;
  return { enrolled: rows.length, withdrawn, rate: share(withdrawn, rows.length), byGroup };
}
