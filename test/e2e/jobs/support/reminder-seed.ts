import { Client } from 'pg';
import { bearer, SignedIn, signUpOrganisation } from '../../../factories/organisations';
import { createCohort, generateSchedule, SessionView } from '../../../factories/cohorts';
import type { TestEnvironment } from '../../../support/test-environment';

import { zoneAt } from './time-zones';

/**
 * A zone where it is daytime as the test starts: reminders found before 08:00 wait until then, and
 * the tests run at any hour. 09:00–20:59 leaves hours before its calendar turns over.
 */
export const DAYTIME_ZONE = zoneAt(9, 20);
const TIME_ZONE = DAYTIME_ZONE;

/** An organisation on the daytime zone, so what falls due is sent at once. */
export async function signUpDaytimeOrganisation(env: TestEnvironment, options?: Parameters<typeof signUpOrganisation>[1]): Promise<SignedIn> {
  const admin = await signUpOrganisation(env, options);
  await env.http.patch('/organisation').set(bearer(admin)).send({ timeZone: DAYTIME_ZONE }).expect(200);
  return admin;
}

/** A date `days` from today as the organisation's calendar shows it (not UTC's). */
export function localDate(days: number, timeZone = TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** Monday 1 … Sunday 7, as the schedule endpoint counts. */
function isoWeekday(isoDate: string): number {
  return ((new Date(`${isoDate}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** A cohort whose one session is tomorrow at 18:00 (the organisation's time), through the API. */
export async function cohortMeetingTomorrow(env: TestEnvironment, coordinator: SignedIn, name: string, timeZone = TIME_ZONE): Promise<{ cohortId: string; intakeId: string; session: SessionView }> {
  const tomorrow = localDate(1, timeZone);
  const cohort = await createCohort(env, coordinator, [], { name, startsOn: tomorrow, capacity: 1000, venue: 'Community Centre, 1 Mare Street' });
  const [session] = await generateSchedule(env, coordinator, cohort.id, { firstDate: tomorrow, weekday: isoWeekday(tomorrow), sessions: 1, startTime: '18:00', durationMinutes: 120 });
  return { cohortId: cohort.id, intakeId: cohort.intakeId, session };
}

export interface SeededPerson {
  id: string;
  email: string;
}

/**
 * People enrolled in cohorts, bulk-inserted as the database owner: going through applications
 * and the enrolment endpoint for thousands of people would make the test about the API's speed.
 * Cohorts and sessions still come through the API, so the schedule is the product's own.
 */
export async function enrolPeopleInBulk(env: TestEnvironment, organisationId: string, cohortIds: string[], perCohort: number, tag: string): Promise<SeededPerson[]> {
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    const people: SeededPerson[] = [];
    for (const [index, cohortId] of cohortIds.entries()) {
      const { rows } = await db.query<SeededPerson>(
        `WITH inserted AS (
           INSERT INTO people (organisation_id, id, name, email, contact_preferences)
           SELECT $1, gen_random_uuid(), 'Participant ' || $3 || '-' || $4 || '-' || i, $3 || '-' || $4 || '-' || i || '@example.org', '{email,sms}'
           FROM generate_series(1, $2::int) AS i
           RETURNING id, email)
         , enrolled AS (
           INSERT INTO enrolments (organisation_id, id, cohort_id, person_id, status)
           SELECT $1, gen_random_uuid(), $5, id, 'enrolled' FROM inserted RETURNING person_id)
         SELECT i.id, i.email FROM inserted i JOIN enrolled e ON e.person_id = i.id`,
        [organisationId, perCohort, tag, index, cohortId],
      );
      people.push(...rows);
    }
    return people;
  } finally {
    await db.end();
  }
}

/** Cancels one session through the API, as a trainer would. */
export async function cancelSession(env: TestEnvironment, who: SignedIn, sessionId: string): Promise<void> {
  await env.http.patch(`/sessions/${sessionId}`).set(bearer(who)).send({ status: 'cancelled' }).expect(200);
}
