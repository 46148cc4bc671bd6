import { Client } from 'pg';
import { signUpToken } from '@steppingstone/organisations';

export interface SignUpDetails {
  organisationName: string;
  boroughCode: string;
  name: string;
  email: string;
  password: string;
}

async function post(baseUrl: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/**
 * Signs up through the public API as a person does: `POST /auth/sign-up`, then the emailed link
 * (`POST /auth/sign-up/verify`). For scripts that cannot open the mailbox (the demo, benchmarks),
 * the link's token is derived as the worker derives it, from the request's id (read as the database
 * owner) and the app secret. Returns what the verification answers: the session and the organisation.
 */
export async function signUpByLink(baseUrl: string, ownerUrl: string, appSecret: string, details: SignUpDetails): Promise<Record<string, unknown>> {
  const asked = await post(baseUrl, '/auth/sign-up', details);
  if (asked.status !== 202) throw new Error(`Sign-up answered ${asked.status}: ${JSON.stringify(asked.body).slice(0, 500)}`);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  let requestId: string | undefined;
  try {
    requestId = (await owner.query(`SELECT id FROM sign_up_requests WHERE email = lower($1) ORDER BY created_at DESC LIMIT 1`, [details.email.trim()])).rows[0]?.id;
  } finally {
    await owner.end();
  }
  if (!requestId) throw new Error(`No sign-up request stored for ${details.email}`);
  const verified = await post(baseUrl, '/auth/sign-up/verify', { token: signUpToken(appSecret, requestId) });
  if (verified.status !== 201) throw new Error(`Sign-up verification answered ${verified.status}: ${JSON.stringify(verified.body).slice(0, 500)}`);
  return verified.body;
}
