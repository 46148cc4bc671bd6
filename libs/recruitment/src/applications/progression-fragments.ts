import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { organisationTimeZoneSql } from '@steppingstone/organisations';

/*
 * Applications as the progression lib's timeline, funnels and job checks read them. A fragment's
 * arguments are the caller's expressions (placeholders such as `:org`, or columns of its own
 * statement), so the caller folds it into one statement without naming these tables.
 */

/** A complete SELECT of one person's applications: `id`, `applied_at`, `stage`, `programme_name` and `intake_name`. */
export function personApplicationsSql(organisation: string, personId: string): string {
  return `SELECT pa.id, pa.applied_at, pa.stage, ppr.name AS programme_name, pin.name AS intake_name
            FROM applications pa JOIN intakes pin ON pin.organisation_id = pa.organisation_id AND pin.id = pa.intake_id
            JOIN programmes ppr ON ppr.organisation_id = pin.organisation_id AND ppr.id = pin.programme_id
           WHERE pa.organisation_id = ${organisation} AND pa.person_id = ${personId}`;
}

/** The day of the person's first application, in the organisation's calendar (`YYYY-MM-DD`); null when they never applied. */
export async function firstAppliedOn(manager: EntityManager, organisationId: string, personId: string): Promise<string | null> {
  const [row]: Array<{ on: string | null }> = await queryNamed(
    manager,
    `SELECT to_char(min(a.applied_at AT TIME ZONE ${organisationTimeZoneSql(':org')})::date, 'YYYY-MM-DD') AS "on"
       FROM applications a WHERE a.organisation_id = :org AND a.person_id = :personId`,
    { org: organisationId, personId },
  );
  return row.on;
}

/** Which applications count: those to a programme's intakes or to one intake; each given as the caller's expression. */
export interface ApplicationScope {
  programmeId?: string;
  intakeId?: string;
}

/**
 * A complete SELECT of the applications in scope: `id`, `person_id`, `partner_id`, `applied_at` and
 * `stage`. `organisation` is the caller's expression for the organisation, as are the scope's.
 */
export function applicationsInScopeSql(organisation: string, scope: ApplicationScope = {}): string {
  const conditions = [
    `sa.organisation_id = ${organisation}`,
    ...(scope.programmeId ? [`sa.intake_id IN (SELECT si.id FROM intakes si WHERE si.organisation_id = ${organisation} AND si.programme_id = ${scope.programmeId})`] : []),
    ...(scope.intakeId ? [`sa.intake_id = ${scope.intakeId}`] : []),
  ];
  return `SELECT sa.id, sa.person_id, sa.partner_id, sa.applied_at, sa.stage FROM applications sa WHERE ${conditions.join(' AND ')}`;
}

/**
 * A complete SELECT yielding `person_id` for the applications of `applications` that were offered a
 * place: offered, accepted or enrolled now, or their history shows it. `applications` names the
 * caller's relation with `id`, `person_id` and `stage` columns (such as a CTE over
 * `applicationsInScopeSql`).
 */
export function offeredApplicantsSql(organisation: string, applications: string): string {
  return `SELECT person_id FROM ${applications} WHERE stage IN ('offered', 'accepted', 'enrolled')
          UNION SELECT oa.person_id FROM ${applications} oa JOIN application_transitions ot ON ot.organisation_id = ${organisation} AND ot.application_id = oa.id AND ot.to_stage IN ('offered', 'accepted', 'enrolled')`;
}
