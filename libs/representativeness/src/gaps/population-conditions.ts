import { Conditions } from '@steppingstone/core';
import { PoolColumn, POOL_COLUMN_SQL } from './analysis-dimensions';
import type { PopulationFilter } from './pool-counts';

/**
 * The applications (over `a`) and people (over `p`) a population filter keeps, as named
 * conditions: the plain gap analysis and the split by partner count the same people.
 * Both statements name the organisation :organisation and the date ages are taken on :referenceDate.
 */
export function populationConditions(organisationId: string, referenceDate: string, filter: PopulationFilter): { applications: Conditions; people: Conditions } {
  const applications = new Conditions('a.organisation_id = :organisation', { organisation: organisationId, referenceDate });
  if (filter.intakeId) applications.and('a.intake_id = :intakeId', { intakeId: filter.intakeId });
  if (filter.programmeId) applications.and('a.intake_id IN (SELECT id FROM intakes WHERE organisation_id = :organisation AND programme_id = :programmeId)', { programmeId: filter.programmeId });
  if (filter.stages?.length) applications.and('a.stage = ANY(:stages)', { stages: filter.stages });
  if (filter.partnerId === 'none') applications.and('a.partner_id IS NULL');
  else if (filter.partnerId) applications.and('a.partner_id = :partnerId', { partnerId: filter.partnerId });
  const people = new Conditions('p.organisation_id = :organisation', { organisation: organisationId });
  if (filter.localityId) people.and('p.locality_id = :localityId', { localityId: filter.localityId });
  return { applications, people };
}

/** A pool column's expression with the reference date named (the shared expressions hold it as $2). */
export function namedColumnSql(column: PoolColumn): string {
  return POOL_COLUMN_SQL[column].replace(/\$2::date/g, ':referenceDate::date');
}
