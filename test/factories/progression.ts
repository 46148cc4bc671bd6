import { Client } from 'pg';
import { TestEnvironment } from '../support/test-environment';
import { isoDaysFromToday } from './cohorts';
import { bearer, SignedIn } from './organisations';

/** Placement and progression data built through the public HTTP API, as a coordinator would. */

export async function createHost(env: TestEnvironment, who: SignedIn, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const { body } = await env.http
    .post('/host-organisations')
    .set(bearer(who))
    .send({ name: `Recovery Hub ${Math.random().toString(36).slice(2, 8)}`, contactName: 'Sam Okafor', contactEmail: 'sam@recoveryhub.example.org', address: '1 Square Road, Halifax', ...overrides })
    .expect(201);
  return body;
}

export async function createOpportunity(env: TestEnvironment, who: SignedIn, hostId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; roleTitle: string; places: number }> {
  const { body } = await env.http
    .post(`/host-organisations/${hostId}/opportunities`)
    .set(bearer(who))
    .send({ roleTitle: 'Peer support volunteer', hoursPerWeek: 8, places: 100, ...overrides })
    .expect(201);
  return body;
}

/** The body of a placement starting `startDaysFromToday` and running twelve weeks. */
export function placementBody(personId: string, hostId: string, startDaysFromToday: number, overrides: Record<string, unknown> = {}) {
  return {
    personId,
    hostId,
    roleTitle: 'Peer support volunteer',
    supervisorName: 'Jo Walsh',
    hoursPerWeek: 8,
    startsOn: isoDaysFromToday(startDaysFromToday),
    plannedEndOn: isoDaysFromToday(startDaysFromToday + 83),
    ...overrides,
  };
}

export function jobBody(overrides: Record<string, unknown> = {}) {
  return { employer: 'Calderdale Council', title: 'Support worker', sector: 'Health and social care', hoursPerWeek: 30, contractType: 'permanent', startsOn: isoDaysFromToday(-1), ...overrides };
}

/**
 * Moves people's applications back in time. Registration dates are set by the clock when an
 * application arrives and no endpoint changes them, so the test does it as the database owner.
 */
export async function backdateApplications(env: TestEnvironment, organisationId: string, personIds: string[], isoDate: string): Promise<void> {
  const client = new Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
    await client.query(`UPDATE applications SET applied_at = ($2::date + time '10:00') AT TIME ZONE 'Europe/London' WHERE organisation_id = $1 AND person_id = ANY($3)`, [
      organisationId,
      isoDate,
      personIds,
    ]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
