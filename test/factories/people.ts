import { randomBytes } from 'node:crypto';
import { TestEnvironment } from '../support/test-environment';
import { bearer } from './organisations';

const unique = () => randomBytes(4).toString('hex');

export interface PersonBody {
  name: string;
  preferredName?: string | null;
  email?: string | null;
  phone?: string | null;
  postcode?: string | null;
  localityId?: string | null;
  dateOfBirth?: string | null;
  contactPreferences?: string[];
  allowDuplicate?: boolean;
}

/** Details nobody else in the test has, so duplicate detection stays out of the way unless a test wants it. */
export function personBody(overrides: Partial<PersonBody> = {}): PersonBody {
  const tag = unique();
  return {
    name: `Person ${tag}`,
    email: `person-${tag}@example.org`,
    phone: `07700 9${parseInt(tag, 16).toString().padStart(5, '0').slice(-5)}`,
    postcode: 'N1 9GU',
    dateOfBirth: '1985-06-15',
    ...overrides,
  };
}

/** A person recorded through POST /people; returns the body the API answered with. */
export async function createPerson(env: TestEnvironment, who: { token: string }, overrides: Partial<PersonBody> = {}) {
  const response = await env.http.post('/people').set(bearer(who)).send(personBody(overrides));
  if (response.status !== 201) throw new Error(`POST /people answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; name: string; email: string | null; phone: string | null; version: number } & Record<string, unknown>;
}

/** A consent as a coordinator would record it from a paper form filled in a minute ago. */
export function demographicConsent(overrides: Partial<{ wording: string; method: string; givenAt: string }> = {}) {
  return {
    wording: 'I agree that these answers may be kept to check the programme reaches everyone in the borough. I can withdraw at any time.',
    method: 'paper-form',
    givenAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

/** Records a demographic profile with consent through PUT /people/:id/demographics. */
export async function recordDemographics(env: TestEnvironment, who: { token: string }, personId: string, answers: Record<string, unknown> = {}, consent = demographicConsent()) {
  const response = await env.http
    .put(`/people/${personId}/demographics`)
    .set(bearer(who))
    .send({ ...answers, consent });
  if (response.status !== 200) throw new Error(`PUT /people/${personId}/demographics answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { personId: string; profile: Record<string, unknown> | null; consent: { id: string } & Record<string, unknown> };
}
