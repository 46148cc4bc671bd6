import { useQuery } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useMemo } from 'react';
import { queries } from './queries';
import { formattersFor, Formatters } from './format';

export type Role = 'admin' | 'coordinator' | 'trainer' | 'mentor';

export interface Me {
  user: { id: string; email: string; name: string; secondFactorEnabled: boolean };
  organisation: { id: string; name: string; boroughCode: string; timeZone: string };
  role: Role;
  memberships: Array<{ organisationId: string; organisationName: string; role: Role }>;
}

export interface Session extends Me {
  format: Formatters;
}

const SessionContext = createContext<Session | undefined>(undefined);

export const ME_QUERY = queries.me().queryKey;

/** Who is signed in, in which organisation and role; a 401 here sends them to sign in (api.ts). */
export function useMe() {
  return useQuery(queries.me());
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<Session>(() => ({ ...me, format: formattersFor(me.organisation.timeZone) }), [me]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export const isManager = (role: Role) => role === 'admin' || role === 'coordinator';

/** Where each role starts after signing in. */
export function homeOf(role: Role): string {
  if (role === 'trainer') return '/my-cohorts';
  if (role === 'mentor') return '/me';
  return '/dashboard';
}
