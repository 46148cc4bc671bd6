import { Role } from './roles';

/** Who is acting, for which organisation, taken from the authenticated session only. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  sessionId: string;
  requestId: string;
  ip?: string;
}

/** The request's trace for actions taken before anyone is authenticated (login, invitation acceptance). */
export interface RequestTrace {
  requestId: string;
  ip?: string;
  userAgent?: string;
}
