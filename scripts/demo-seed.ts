import { parseConfig } from '@steppingstone/core';
import { invitationToken } from '@steppingstone/organisations';
import { seedIslingtonField } from './demo-field';
import { seedHousekeeping } from './demo-housekeeping';
import { seedJourney } from './demo-journey';
import { seedOutcomes } from './demo-outcomes';
import { seedRecruitment } from './demo-recruitment';
import { seedReports } from './demo-reports';
import { seedSecondOrganisation } from './demo-second-organisation';
import { signUpByLink } from './sign-up-by-link';

export const DEMO = {
  organisationName: 'Islington Wellbeing Networks (demo)',
  boroughCode: 'E09000019',
  password: 'stepping stones across the river',
  users: [
    { role: 'admin', name: 'Amara Okafor', email: 'admin@demo.steppingstone.local' },
    { role: 'coordinator', name: 'Chloe Brennan', email: 'coordinator@demo.steppingstone.local' },
    { role: 'trainer', name: 'Tariq Hussain', email: 'trainer@demo.steppingstone.local' },
    { role: 'mentor', name: 'Maya Lewis', email: 'mentor@demo.steppingstone.local' },
  ],
};

async function call(api: string, method: string, path: string, body?: unknown, token?: string, contentType = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/**
 * Loads the demo organisation through the public API, the way a user would: sign-up and its emailed
 * link, then an invitation per role, accepted with the token the invitation email carries. Safe to
 * run again. `ownerUrl` is the database owner's, to find the sign-up request the link is for.
 */
export async function seedDemo(
  api: string,
  appSecret: string,
  ownerUrl = parseConfig(process.env).DATABASE_URL,
  /** A GOV.UK Notify key for the demo organisation (one the local stand-in accepts); without it no texts go. */
  notifyApiKey?: string,
): Promise<typeof DEMO & { publicUrl?: string; eventLink?: { url: string; expiresAt: string }; partnerLinks?: Array<{ name: string; url: string }> }> {
  const [admin, ...others] = DEMO.users;
  const existing = await call(api, 'POST', '/auth/login', { email: admin.email, password: DEMO.password });
  if (existing.status === 200) return DEMO;

  const signUp = await signUpByLink(api, ownerUrl, appSecret, {
    organisationName: DEMO.organisationName,
    boroughCode: DEMO.boroughCode,
    name: admin.name,
    email: admin.email,
    password: DEMO.password,
  });
  const token = signUp.token as string;
  const organisationId = signUp.organisationId as string;
  for (const user of others) {
    const invitation = await call(api, 'POST', '/invitations', { email: user.email, role: user.role }, token);
    if (invitation.status !== 201) throw new Error(`Demo invitation failed: ${JSON.stringify(invitation.body)}`);
    const accept = await call(api, 'POST', '/invitations/accept', { token: invitationToken(appSecret, organisationId, invitation.body.id as string), name: user.name, password: DEMO.password });
    if (accept.status !== 201) throw new Error(`Demo invitation acceptance failed: ${JSON.stringify(accept.body)}`);
  }
  const signIn = async (email: string) => (await call(api, 'POST', '/auth/login', { email, password: DEMO.password })).body;
  const [coordinator, trainer, mentor] = [await signIn(DEMO.users[1].email), await signIn(DEMO.users[2].email), await signIn(DEMO.users[3].email)];
  const api$ = (method: string, path: string, body?: unknown, bearer?: string, contentType?: string) => call(api, method, path, body, bearer, contentType);
  const recruitment = await seedRecruitment(api$, token, coordinator.token as string);
  // The link a coordinator hands out at a recruitment event, for as long as one may last (a week).
  const eventLink = await api$('POST', `/intakes/${recruitment.intakeId}/event-links`, { hours: 168 }, coordinator.token as string);
  if (eventLink.status !== 201) throw new Error(`Demo event link failed: ${JSON.stringify(eventLink.body)}`);
  const journey = await seedJourney(api$, recruitment.programmeId, coordinator.token as string, trainer.userId as string, mentor.userId as string);
  const [mentorPerson] = journey.traineeIds;
  await seedIslingtonField(api$, {
    adminToken: token,
    coordinatorToken: coordinator.token as string,
    mentorToken: mentor.token as string,
    mentorPersonId: mentorPerson,
    placementId: journey.placementId,
    cohortId: journey.cohortId,
    traineeIds: journey.traineeIds,
    notifyApiKey,
  });
  const localities = (await api$('GET', '/localities', undefined, coordinator.token as string)).body as unknown as Array<{ id: string }>;
  await seedOutcomes(
    api$,
    recruitment.programmeId,
    localities.map((l) => l.id),
    coordinator.token as string,
    trainer.userId as string,
  );
  await seedReports(api$, coordinator.token as string);
  await seedHousekeeping(api$, token);
  await seedSecondOrganisation(api$, api, ownerUrl, appSecret, DEMO.password);
  const partnerLinks = (await api$('GET', `/intakes/${recruitment.intakeId}/partner-links`, undefined, coordinator.token as string)).body as unknown as Array<{ name: string; url: string }>;
  return { ...DEMO, publicUrl: recruitment.publicUrl, eventLink: eventLink.body as { url: string; expiresAt: string }, partnerLinks };
}
