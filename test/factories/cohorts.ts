import { Client } from 'pg';
import { TestEnvironment } from '../support/test-environment';
import { bearer, SignedIn } from './organisations';
import { createIntake, createProgramme, enterApplicant } from './recruitment';

/** Cohort data built through the public HTTP API, as a coordinator and a trainer would. */

export interface CohortView {
  id: string;
  programmeId: string;
  intakeId: string | null;
  name: string;
  capacity: number;
  trainerUserIds: string[];
  enrolled: number;
  withdrawn: number;
  completed: number;
}

export interface EnrolmentView {
  id: string;
  personId: string;
  applicationId: string | null;
  status: string;
}

export interface SessionView {
  id: string;
  week: number | null;
  heldOn: string;
  startTime: string;
  startsAt: string;
  status: string;
  registerVersion: number;
}

const DAY_MS = 86_400_000;

/** An ISO date `days` from today (negative for the past), as the organisation's calendar would show it. */
export function isoDaysFromToday(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before an ISO date. */
export function mondayOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - ((day + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** Applicants entered and moved to accepted, ready to be enrolled. */
export async function acceptedApplicants(env: TestEnvironment, coordinator: SignedIn, intakeId: string, count: number, person: (i: number) => Record<string, unknown> = () => ({})) {
  const accepted: Array<{ id: string; personId: string }> = [];
  for (let i = 0; i < count; i++) {
    const application = await enterApplicant(env, coordinator, intakeId, person(i));
    for (const to of ['screened', 'offered', 'accepted']) await env.http.post(`/applications/${application.id}/move`).set(bearer(coordinator)).send({ to }).expect(200);
    accepted.push(application);
  }
  return accepted;
}

/** A programme with an open intake and a cohort drawing from it, taught by the given trainers. */
export async function createCohort(env: TestEnvironment, coordinator: SignedIn, trainers: SignedIn[], overrides: Record<string, unknown> = {}): Promise<CohortView & { intakeId: string }> {
  const programme = await createProgramme(env, coordinator);
  const intake = await createIntake(env, coordinator, programme.id, { capacity: 60 });
  await env.http.post(`/intakes/${intake.id}/status`).set(bearer(coordinator)).send({ status: 'open' }).expect(200);
  const { body } = await env.http
    .post('/cohorts')
    .set(bearer(coordinator))
    .send({
      programmeId: programme.id,
      intakeId: intake.id,
      name: 'Peer Mentor training, cohort 1',
      startsOn: mondayOf(isoDaysFromToday(-15 * 7)),
      capacity: 30,
      venue: 'Community Centre',
      trainerUserIds: trainers.map((t) => t.userId),
      ...overrides,
    })
    .expect(201);
  return body;
}

export async function enrolApplications(env: TestEnvironment, coordinator: SignedIn, cohortId: string, applicationIds: string[]): Promise<EnrolmentView[]> {
  const { body } = await env.http.post(`/cohorts/${cohortId}/enrolments`).set(bearer(coordinator)).send({ applicationIds }).expect(201);
  return body;
}

/** Weekly Wednesday sessions at 18:00 from the cohort's start date. */
export async function generateSchedule(env: TestEnvironment, who: SignedIn, cohortId: string, overrides: Record<string, unknown> = {}): Promise<SessionView[]> {
  const { body } = await env.http
    .post(`/cohorts/${cohortId}/schedule`)
    .set(bearer(who))
    .send({ weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120, ...overrides })
    .expect(201);
  return body;
}

export function saveRegister(env: TestEnvironment, who: SignedIn, sessionId: string, version: number, entries: Array<{ personId: string; status: string; note?: string }>) {
  return env.http.put(`/sessions/${sessionId}/register`).set(bearer(who)).send({ version, entries });
}

/**
 * Links a person record to a user's login. No endpoint does this yet (self-service sign-up of
 * participants is a later capability), so the test does it as the database owner.
 */
export async function linkPersonToUser(env: TestEnvironment, personId: string, userId: string): Promise<void> {
  const client = new Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE people SET user_id = $1 WHERE id = $2`, [userId, personId]);
  } finally {
    await client.end();
  }
}
