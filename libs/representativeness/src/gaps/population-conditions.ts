import { Conditions } from '@steppingstone/core';
import { applicationsSql } from '@steppingstone/recruitment';
import { personAnswersSql } from '@steppingstone/people';
import { PoolColumn, poolColumnSql } from './analysis-dimensions';
import type { PopulationFilter } from './pool-counts';

/**
 * The applications a population filter keeps (over `a`, a row of recruitment's `applicationsSql`)
 * and the people (over `pv`, a row of people's `personAnswersSql`), as named conditions: the plain
 * gap analysis and the split by partner count the same people. The statements take the organisation
 * as :organisation and the date ages are taken on as :referenceDate.
 */
export function populationConditions(organisationId: string, referenceDate: string, filter: PopulationFilter): { applications: Conditions; people: Conditions } {
  const applications = new Conditions(undefined, { organisation: organisationId, referenceDate });
  if (filter.intakeId) applications.and('a.intake_id = :intakeId', { intakeId: filter.intakeId });
  if (filter.programmeId) applications.and('a.programme_id = :programmeId', { programmeId: filter.programmeId });
  if (filter.stages?.length) applications.and('a.stage = ANY(:stages)', { stages: filter.stages });
  if (filter.partnerId === 'none') applications.and('a.partner_id IS NULL');
  else if (filter.partnerId) applications.and('a.partner_id = :partnerId', { partnerId: filter.partnerId });
  const people = new Conditions(undefined, { organisation: organisationId });
  if (filter.localityId) people.and('pv.locality_id = :localityId', { localityId: filter.localityId });
  return { applications, people };
}

/** The organisation's applications (`a`) and people with their answers (`pv`), as subqueries for FROM and JOIN. */
export const APPLICATIONS = `(${applicationsSql(':organisation')})`;
export const PEOPLE = `(${personAnswersSql(':organisation')})`;

/** A pool column's expression in these statements, ages taken on :referenceDate. */
export function namedColumnSql(column: PoolColumn): string {
  return poolColumnSql(column, ':referenceDate');
}
