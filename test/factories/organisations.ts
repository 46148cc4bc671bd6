import { randomBytes } from 'node:crypto';
import { parseConfig, Role } from '@steppingstone/core';
import { invitationToken, SignUp, signUpToken } from '@steppingstone/organisations';
import { TestEnvironment } from '../support/test-environment';

export const PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  token: string;
  userId: string;
  organisationId: string;
  email: string;
  password: string;
  role: Role;
}

export const bearer = (who: { token: string }) => ({ Authorization: `Bearer ${who.token}` });

const unique = () => randomBytes(4).toString('hex');

/**
 * A new organisation and its admin, signed in. The sign-up request is stored by the service behind
 * `POST /auth/sign-up`, without queueing its email (so tests that count emails see only their own),
 * and finished through the public `POST /auth/sign-up/verify` with the token the email would carry,
 * derived as the worker derives it. test/e2e/security/sign-up covers the endpoint and its email.
 */
export async function signUpOrganisation(env: TestEnvironment, overrides: Partial<{ organisationName: string; boroughCode: string; email: string; name: string }> = {}): Promise<SignedIn> {
  const email = overrides.email ?? `admin-${unique()}@example.org`;
  const requestId = await env.api
    .get(SignUp)
    .store(
      { organisationName: overrides.organisationName ?? `Organisation ${unique()}`, boroughCode: overrides.boroughCode ?? 'E09000019', name: overrides.name ?? 'Ada Admin', email, password: PASSWORD },
      { requestId: 'test-factory' },
    );
  const response = await env.http
    .post('/auth/sign-up/verify')
    .send({ token: signUpToken(parseConfig(process.env).APP_SECRET, requestId) })
    .expect(201);
  return { token: response.body.token, userId: response.body.userId, organisationId: response.body.organisationId, email, password: PASSWORD, role: Role.Admin };
}

/**
 * A member with a role, joined through the real invite and accept endpoints. The token is derived the
 * way the worker derives it for the email, so tests that are not about email need no worker.
 */
export async function addMember(env: TestEnvironment, admin: SignedIn, role: Role, email = `${role}-${unique()}@example.org`): Promise<SignedIn> {
  const invitation = await env.http.post('/invitations').set(bearer(admin)).send({ email, role }).expect(201);
  const token = invitationToken(parseConfig(process.env).APP_SECRET, admin.organisationId, invitation.body.id);
  await env.http
    .post('/invitations/accept')
    .send({ token, name: `${role} person`, password: PASSWORD })
    .expect(201);
  return login(env, email, admin.organisationId, role);
}

export async function login(env: TestEnvironment, email: string, organisationId?: string, role?: Role): Promise<SignedIn> {
  const response = await env.http.post('/auth/login').send({ email, password: PASSWORD, organisationId }).expect(200);
  return { token: response.body.token, userId: response.body.userId, organisationId: response.body.organisationId, email, password: PASSWORD, role: role ?? response.body.role };
}
