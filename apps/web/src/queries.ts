import { queryOptions } from '@tanstack/react-query';
import { api } from './api';
import type { Me } from './session';
import type { AtRiskPerson, Cohort, CohortSession, FunnelStage, GapAnalysis, Intake, Locality, Pipeline, Programme } from './types';

/** The census dimensions the coordinator's pages compare with the borough. */
export const DIMENSIONS = ['age_18plus', 'sex', 'ethnicity_broad', 'locality'];
/** The selected cohort: everyone offered a place or further along. */
export const COHORT_STAGES = ['offered', 'accepted', 'enrolled'];

/**
 * The reads that open a page, each with its one query key. The pages use these, and so does the
 * page-data prefetch (page-data.ts), which starts them before the page's code has even loaded: the
 * two must agree on the key, or the page would fetch everything a second time.
 */
export const queries = {
  me: () => queryOptions({ queryKey: ['auth', 'me'] as const, queryFn: ({ signal }) => api<Me>('/auth/me', { signal }), staleTime: 60_000, retry: false }),
  programmes: () => queryOptions({ queryKey: ['programmes'] as const, queryFn: ({ signal }) => api<Programme[]>('/programmes', { signal }) }),
  localities: () => queryOptions({ queryKey: ['localities'] as const, queryFn: ({ signal }) => api<Locality[]>('/localities', { signal }) }),
  intakes: () => queryOptions({ queryKey: ['intakes'] as const, queryFn: ({ signal }) => api<Intake[]>('/intakes', { signal }) }),
  intake: (id: string) => queryOptions({ queryKey: ['intakes', id] as const, queryFn: ({ signal }) => api<Intake>(`/intakes/${id}`, { signal }) }),
  pipeline: (intakeId: string) => queryOptions({ queryKey: ['intakes', intakeId, 'pipeline'] as const, queryFn: ({ signal }) => api<Pipeline>(`/intakes/${intakeId}/pipeline`, { signal }) }),
  gaps: (intakeId: string, population: 'pool' | 'cohort') =>
    queryOptions({
      queryKey: ['gaps', intakeId, population] as const,
      queryFn: ({ signal }) =>
        api<GapAnalysis>('/representativeness/gap-analysis', { method: 'POST', signal, body: { intakeId, dimensions: DIMENSIONS, ...(population === 'cohort' ? { stages: COHORT_STAGES } : {}) } }),
    }),
  /** Which partners brought each missing group before, typed by the page showing it. */
  partnerReach: <T>(intakeId: string) =>
    queryOptions({ queryKey: ['intakes', intakeId, 'partner-reach'] as const, queryFn: ({ signal }) => api<T>(`/intakes/${intakeId}/partner-reach?partnersPerGroup=3&dimensions=${DIMENSIONS.join(',')}`, { signal }) }),
  /** The funnel under a filter; `filter` is the key, `search` the same filter as a query string. */
  funnel: (filter: Record<string, string>, search: string) =>
    queryOptions({ queryKey: ['funnel', filter] as const, queryFn: ({ signal }) => api<{ stages: FunnelStage[] }>(`/funnel${search ? `?${search}` : ''}`, { signal }) }),
  funnelByPartner: <T>(search: string) => queryOptions({ queryKey: ['funnel', 'by-partner', search] as const, queryFn: ({ signal }) => api<T>(`/funnel/by-partner${search ? `?${search}` : ''}`, { signal }) }),
  cohorts: () => queryOptions({ queryKey: ['cohorts'] as const, queryFn: ({ signal }) => api<Cohort[]>('/cohorts', { signal }) }),
  atRisk: (cohortId: string) => queryOptions({ queryKey: ['cohorts', cohortId, 'at-risk'] as const, queryFn: ({ signal }) => api<AtRiskPerson[]>(`/cohorts/${cohortId}/at-risk`, { signal }) }),
  session: (id: string) => queryOptions({ queryKey: ['sessions', id] as const, queryFn: ({ signal }) => api<CohortSession>(`/sessions/${id}`, { signal }) }),
  /** Typed by the register page, which owns its shape. */
  register: <T>(sessionId: string) =>
    queryOptions({ queryKey: ['sessions', sessionId, 'register'] as const, queryFn: ({ signal }) => api<T>(`/sessions/${sessionId}/register`, { signal }), staleTime: Infinity }),
  /** One of the signed-in person's own lists (`/me/sessions`, `/me/placements`, ...), typed by the page showing it. */
  mine: <T>(what: 'sessions' | 'placements' | 'supervision' | 'progression') => queryOptions({ queryKey: ['me', what] as const, queryFn: ({ signal }) => api<T>(`/me/${what}`, { signal }) }),
};
