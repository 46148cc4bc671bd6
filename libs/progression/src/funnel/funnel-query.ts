import { cohortEnrolledSql, CohortScope, completedEnrolmentsSql } from '@steppingstone/cohorts';
import { compileNamed, NamedParams } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';
import { peopleInLocalitySql } from '@steppingstone/people';
import { startedPlacementsSql } from '@steppingstone/placements';
import { ApplicationScope, applicationsInScopeSql } from '@steppingstone/recruitment';

/** Which people the funnel counts: registered in a period, to a programme or intake, in a cohort or locality. */
export interface FunnelFilter {
  /** First day of the registration period (inclusive), in the organisation's calendar. */
  registeredFrom?: string;
  /** Last day of the registration period (inclusive). */
  registeredTo?: string;
  programmeId?: string;
  intakeId?: string;
  cohortId?: string;
  /** The person's own locality. */
  localityId?: string;
}

export interface FunnelQuery {
  sql: string;
  params: unknown[];
}

/** Bits marking what a person reached; a person counts at a stage only with every earlier bit set. */
const REGISTERED = 1;
const COMPLETED = 2;
const PLACED = 4;
const EMPLOYED = 8;
const SUSTAINED = 16;
const IN_COHORT = 32;
const IN_LOCALITY = 64;

/**
 * One statement counts every stage. A person is registered by their first application in scope
 * (to the programme or intake when one is chosen), and counts at a stage only having reached every
 * stage before it, so each rate is a true conversion. Every stage's rows are marked with a bit and
 * folded per person in a single hash aggregate (bit_or), rather than one join per stage: at
 * 100,000 people that is one pass instead of five, and nothing travels to Node but the counts.
 *
 * `:organisation` is the organisation and `:referenceDate` the date ages are taken on; `groupBy`,
 * when given, is the grouping lib's statement of each person's value (representativeness's
 * PersonGrouping.personValues), given those two placeholders, so this statement never names where
 * the values are kept. The other libs' rows (applications, enrolments, placements, people's
 * localities, the organisation's time zone) come the same way, as statements their owners export.
 * The statement comes back compiled to `$1..$n` for `manager.query`.
 */
export function funnelQuery(organisationId: string, referenceDate: string, filter: FunnelFilter, groupBy?: (placeholders: { organisation: string; referenceDate: string }) => string): FunnelQuery {
  const params: NamedParams = { organisation: organisationId, referenceDate };
  const applicationScope: ApplicationScope = {};
  const cohortScope: CohortScope = {};
  if (filter.programmeId) {
    params.programmeId = filter.programmeId;
    applicationScope.programmeId = cohortScope.programmeId = ':programmeId';
  }
  if (filter.intakeId) {
    params.intakeId = filter.intakeId;
    applicationScope.intakeId = cohortScope.intakeId = ':intakeId';
  }
  const cohort = filter.cohortId ? ':cohortId' : null;
  if (cohort) {
    params.cohortId = filter.cohortId;
    cohortScope.cohortId = cohort;
  }
  const zone = organisationTimeZoneSql(':organisation');
  const kept = [`bit_or(bit) & ${REGISTERED} <> 0`];
  if (cohort) kept.push(`bit_or(bit) & ${IN_COHORT} <> 0`);
  if (filter.registeredFrom) {
    params.registeredFrom = filter.registeredFrom;
    kept.push(`min(applied_at) >= (:registeredFrom::date::timestamp AT TIME ZONE ${zone})`);
  }
  if (filter.registeredTo) {
    params.registeredTo = filter.registeredTo;
    kept.push(`min(applied_at) < ((:registeredTo::date + 1)::timestamp AT TIME ZONE ${zone})`);
  }
  const locality = filter.localityId ? ':localityId' : null;
  if (locality) {
    params.localityId = filter.localityId;
    kept.push(`bit_or(bit) & ${IN_LOCALITY} <> 0`);
  }

  const reached = (...bits: number[]) => `count(*) FILTER (WHERE r.bits & ${bits.reduce((a, b) => a | b)} = ${bits.reduce((a, b) => a | b)})::int`;
  // The person's group (and locality) arrive as rows of their own in the same fold, rather than by a
  // join: the fold's size cannot be estimated (a UNION has no statistics), so a join after it is
  // planned as 100,000 index look-ups, and one before it costs more than the extra rows.
  const sql = `
    WITH marks (person_id, bit, applied_at, value) AS (
      SELECT a.person_id, ${REGISTERED}, a.applied_at, NULL::text FROM (${applicationsInScopeSql(':organisation', applicationScope)}) a WHERE :referenceDate::date IS NOT NULL
      ${groupBy ? `UNION ALL SELECT g.person_id, 0, NULL, g.value FROM (${groupBy({ organisation: ':organisation', referenceDate: ':referenceDate' })}) g` : ''}
      ${locality ? `UNION ALL SELECT l.person_id, ${IN_LOCALITY}, NULL, NULL FROM (${peopleInLocalitySql(':organisation', locality)}) l` : ''}
      UNION ALL SELECT c.person_id, ${COMPLETED}, NULL, NULL FROM (${completedEnrolmentsSql(':organisation', cohortScope)}) c
      UNION ALL SELECT p.person_id, ${PLACED}, NULL, NULL FROM (${startedPlacementsSql(':organisation')}) p
      UNION ALL SELECT person_id, ${EMPLOYED}, NULL, NULL FROM jobs WHERE organisation_id = :organisation
      UNION ALL SELECT j.person_id, ${SUSTAINED}, NULL, NULL FROM sustainment_checks s JOIN jobs j ON j.organisation_id = s.organisation_id AND j.id = s.job_id
                 WHERE s.organisation_id = :organisation AND s.week = 26 AND s.result = 'sustained'
      ${cohort ? `UNION ALL SELECT ce.person_id, ${IN_COHORT}, NULL, NULL FROM (${cohortEnrolledSql(':organisation', cohort)}) ce` : ''}
    ), reached AS (
      SELECT person_id, bit_or(bit) AS bits, min(value) AS value FROM marks GROUP BY person_id HAVING ${kept.join(' AND ')}
    )
    SELECT ${groupBy ? 'r.value AS "value", ' : ''}count(*)::int AS "registered",
           ${reached(REGISTERED, COMPLETED)} AS "completedTraining",
           ${reached(REGISTERED, COMPLETED, PLACED)} AS "startedPlacement",
           ${reached(REGISTERED, COMPLETED, PLACED, EMPLOYED)} AS "enteredEmployment",
           ${reached(REGISTERED, COMPLETED, PLACED, EMPLOYED, SUSTAINED)} AS "sustained26Weeks"
      FROM reached r
     ${groupBy ? 'GROUP BY 1' : ''}`;
  const { text, values } = compileNamed(sql, params);
  return { sql: text, params: values };
}
