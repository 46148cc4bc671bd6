import { TestEnvironment } from '../support/test-environment';
import { bearer, SignedIn } from './organisations';

/** Recruitment data built through the public HTTP API, as a coordinator would. */

export async function createLocality(env: TestEnvironment, admin: SignedIn, name: string, onsCodes: string[] = []): Promise<{ id: string; name: string }> {
  const { body } = await env.http.post('/localities').set(bearer(admin)).send({ name, onsCodes }).expect(201);
  return body;
}

export async function createProgramme(env: TestEnvironment, who: SignedIn, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const { body } = await env.http
    .post('/programmes')
    .set(bearer(who))
    .send({ name: 'Peer Mentor training', kind: 'training-course', description: '12 weeks to a Level 2 qualification in peer mentoring', ...overrides })
    .expect(201);
  return body;
}

export interface IntakeView {
  id: string;
  programmeId: string;
  status: string;
  capacity: number;
  publicSlug: string;
  publicUrl: string;
}

export async function createIntake(env: TestEnvironment, who: SignedIn, programmeId: string, overrides: Record<string, unknown> = {}): Promise<IntakeView> {
  const { body } = await env.http
    .post('/intakes')
    .set(bearer(who))
    .send({ programmeId, name: 'Spring intake', opensOn: '2026-03-02', closesOn: '2026-03-27', capacity: 45, ...overrides })
    .expect(201);
  return body;
}

/** A programme with an intake that is open for applications. */
export async function openIntake(env: TestEnvironment, who: SignedIn, overrides: Record<string, unknown> = {}): Promise<IntakeView> {
  const programme = await createProgramme(env, who);
  const intake = await createIntake(env, who, programme.id, overrides);
  const { body } = await env.http.post(`/intakes/${intake.id}/status`).set(bearer(who)).send({ status: 'open' }).expect(200);
  return body;
}

let counter = 0;

/** An applicant entered by a coordinator, with a new person record. */
export async function enterApplicant(
  env: TestEnvironment,
  who: SignedIn,
  intakeId: string,
  person: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<{ id: string; personId: string; stage: string; version: number }> {
  counter += 1;
  const { body } = await env.http
    .post('/applications')
    .set(bearer(who))
    .send({ intakeId, source: 'coordinator', person: { name: `Applicant ${counter}`, email: `applicant-${counter}-${Date.now()}@example.org`, ...person }, ...extra })
    .expect(201);
  return body;
}
