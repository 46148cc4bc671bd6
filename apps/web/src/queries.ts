import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { client, Page, read } from './api';
import type { Me } from './session';
import type {
  Application,
  AtRiskPerson,
  Explanations,
  Cohort,
  FunnelStage,
  GapAnalysis,
  Intake,
  Locality,
  Member,
  PartnerFunnel,
  PartnerGaps,
  PartnerLink,
  PartnerPipelines,
  PartnerReach,
  Placement,
  Programme,
  Progression,
  Replacement,
  Schema,
  Selection,
  Stage,
} from './types';

type GapRequest = Schema<'GapAnalysisDto'>;
/** A census dimension the api compares by. */
export type Dimension = NonNullable<GapRequest['dimensions']>[number];
/** The census dimensions the coordinator's pages compare with the borough. */
export const DIMENSIONS: NonNullable<GapRequest['dimensions']> = ['age_18plus', 'sex', 'ethnicity_broad', 'locality'];
/** The selected cohort: everyone offered a place or further along. */
export const COHORT_STAGES: NonNullable<GapRequest['stages']> = ['offered', 'accepted', 'enrolled'];
/** The pipeline board opens on the stage where a coordinator's next decisions wait. */
export const PIPELINE_FIRST_STAGE: Stage = 'screened';
/** Applications per page of the pipeline board. */
export const PIPELINE_PAGE_SIZE = 20;

/** A query string the page built itself, sent as it is (the typed client only checks the path and the answer). */
const asIs = (search: string) => () => search;

/**
 * Every read of the API the pages make, each with its one query key, typed from the OpenAPI document
 * (api-schema.d.ts) through the client. The pages use these, and so does the page-data prefetch
 * (page-data.ts), which starts some before the page's code has even loaded: the two must agree on the
 * key, or the page would fetch everything a second time. Mutations stay with their pages; they
 * invalidate by these keys' prefixes (['intakes'], ['cohorts', id], ...).
 *
 * Where an operation does not declare its response yet, `read<T>` names the hand-written type from
 * types.ts, or the page that owns the shape passes it as `T`.
 */
export const queries = {
  me: () => queryOptions({ queryKey: ['auth', 'me'] as const, queryFn: ({ signal }) => read<Me>(client.GET('/auth/me', { signal })), staleTime: 60_000, retry: false }),

  programmes: () => queryOptions({ queryKey: ['programmes'] as const, queryFn: ({ signal }) => read<Programme[]>(client.GET('/programmes', { signal })) }),
  localities: () => queryOptions({ queryKey: ['localities'] as const, queryFn: ({ signal }) => read<Locality[]>(client.GET('/localities', { signal })) }),

  intakes: () => queryOptions({ queryKey: ['intakes'] as const, queryFn: ({ signal }) => read<Intake[]>(client.GET('/intakes', { signal })) }),
  intake: (id: string) => queryOptions({ queryKey: ['intakes', id] as const, queryFn: ({ signal }) => read<Intake>(client.GET('/intakes/{id}', { params: { path: { id } }, signal })) }),
  pipeline: (intakeId: string) =>
    queryOptions({
      queryKey: ['intakes', intakeId, 'pipeline'] as const,
      queryFn: ({ signal }) => read(client.GET('/intakes/{id}/pipeline', { params: { path: { id: intakeId } }, signal })),
    }),
  gaps: (intakeId: string, population: 'pool' | 'cohort') =>
    queryOptions({
      queryKey: ['gaps', intakeId, population] as const,
      queryFn: ({ signal }) =>
        read<GapAnalysis>(client.POST('/representativeness/gap-analysis', { signal, body: { intakeId, dimensions: DIMENSIONS, ...(population === 'cohort' ? { stages: COHORT_STAGES } : {}) } })),
    }),
  /** Which partners brought each missing group before. */
  partnerReach: (intakeId: string) =>
    queryOptions({
      queryKey: ['intakes', intakeId, 'partner-reach'] as const,
      queryFn: ({ signal }) =>
        read<PartnerReach>(
          client.GET('/intakes/{id}/partner-reach', {
            params: { path: { id: intakeId }, query: { partnersPerGroup: 3, dimensions: DIMENSIONS } },
            querySerializer: asIs(`partnersPerGroup=3&dimensions=${DIMENSIONS.join(',')}`),
            signal,
          }),
        ),
    }),
  partnerLinks: (intakeId: string) =>
    queryOptions({
      queryKey: ['intakes', intakeId, 'partner-links'] as const,
      queryFn: ({ signal }) => read<PartnerLink[]>(client.GET('/intakes/{id}/partner-links', { params: { path: { id: intakeId } }, signal })),
    }),
  pipelineByPartner: (intakeId: string) =>
    queryOptions({
      queryKey: ['intakes', intakeId, 'pipeline', 'by-partner'] as const,
      queryFn: ({ signal }) => read<PartnerPipelines>(client.GET('/intakes/{id}/pipeline/by-partner', { params: { path: { id: intakeId } }, signal })),
    }),
  gapsByPartner: (intakeId: string) =>
    queryOptions({
      queryKey: ['gaps', intakeId, 'by-partner'] as const,
      queryFn: ({ signal }) => read<PartnerGaps>(client.POST('/representativeness/gap-analysis/by-partner', { signal, body: { intakeId, dimensions: DIMENSIONS } })),
    }),

  /** The funnel under a filter; `filter` is the key, `search` the same filter as a query string. */
  funnel: (filter: Record<string, string>, search: string) =>
    queryOptions({ queryKey: ['funnel', filter] as const, queryFn: ({ signal }) => read<{ stages: FunnelStage[] }>(client.GET('/funnel', { querySerializer: asIs(search), signal })) }),
  /** The whole funnel, unfiltered. */
  funnelAll: () => queryOptions({ queryKey: ['funnel'] as const, queryFn: ({ signal }) => read<{ stages: FunnelStage[] }>(client.GET('/funnel', { signal })) }),
  funnelByPartner: (search: string) =>
    queryOptions({ queryKey: ['funnel', 'by-partner', search] as const, queryFn: ({ signal }) => read<PartnerFunnel>(client.GET('/funnel/by-partner', { querySerializer: asIs(search), signal })) }),

  cohorts: () => queryOptions({ queryKey: ['cohorts'] as const, queryFn: ({ signal }) => read<Cohort[]>(client.GET('/cohorts', { signal })) }),
  cohort: (id: string) => queryOptions({ queryKey: ['cohorts', id] as const, queryFn: ({ signal }) => read<Cohort>(client.GET('/cohorts/{id}', { params: { path: { id } }, signal })) }),
  cohortSessions: (cohortId: string) =>
    queryOptions({
      queryKey: ['cohorts', cohortId, 'sessions'] as const,
      queryFn: ({ signal }) => read(client.GET('/cohorts/{id}/sessions', { params: { path: { id: cohortId } }, signal })),
    }),
  /** Typed by the cohort page, which owns the shape. */
  enrolments: (cohortId: string) =>
    queryOptions({
      queryKey: ['cohorts', cohortId, 'enrolments'] as const,
      queryFn: ({ signal }) => read(client.GET('/cohorts/{id}/enrolments', { params: { path: { id: cohortId } }, signal })),
    }),
  /** Typed by the cohort page, which owns the shape. */
  dropout: (cohortId: string) =>
    queryOptions({
      queryKey: ['cohorts', cohortId, 'dropout'] as const,
      queryFn: ({ signal }) => read(client.GET('/cohorts/{id}/dropout', { params: { path: { id: cohortId } }, signal })),
    }),
  atRisk: (cohortId: string) =>
    queryOptions({
      queryKey: ['cohorts', cohortId, 'at-risk'] as const,
      queryFn: ({ signal }) => read<AtRiskPerson[]>(client.GET('/cohorts/{id}/at-risk', { params: { path: { id: cohortId } }, signal })),
    }),
  /** Everyone at risk across the signed-in person's cohorts. */
  allAtRisk: () => queryOptions({ queryKey: ['at-risk'] as const, queryFn: ({ signal }) => read<AtRiskPerson[]>(client.GET('/at-risk', { signal })) }),

  session: (id: string) => queryOptions({ queryKey: ['sessions', id] as const, queryFn: ({ signal }) => read(client.GET('/sessions/{id}', { params: { path: { id } }, signal })) }),
  /** Typed by the register page, which owns its shape. */
  register: (sessionId: string) =>
    queryOptions({
      queryKey: ['sessions', sessionId, 'register'] as const,
      queryFn: ({ signal }) => read(client.GET('/sessions/{id}/register', { params: { path: { id: sessionId } }, signal })),
      staleTime: Infinity,
    }),

  /** The signed-in person's own lists. */
  mySessions: () => queryOptions({ queryKey: ['me', 'sessions'] as const, queryFn: ({ signal }) => read(client.GET('/me/sessions', { signal })) }),
  myPlacements: () => queryOptions({ queryKey: ['me', 'placements'] as const, queryFn: ({ signal }) => read(client.GET('/me/placements', { signal })) }),
  mySupervision: () => queryOptions({ queryKey: ['me', 'supervision'] as const, queryFn: ({ signal }) => read(client.GET('/me/supervision', { signal })) }),
  myProgression: () => queryOptions({ queryKey: ['me', 'progression'] as const, queryFn: ({ signal }) => read(client.GET('/me/progression', { signal })) }),

  /** Active staff, for the "entered by" list. */
  staff: () =>
    queryOptions({
      queryKey: ['members', 'staff'] as const,
      queryFn: ({ signal }) => read<Page<Member>>(client.GET('/members', { params: { query: { status: 'active', pageSize: 200 } }, signal })),
    }),
  trainers: () =>
    queryOptions({
      queryKey: ['members', 'trainers'] as const,
      queryFn: ({ signal }) => read<Page<Member>>(client.GET('/members', { params: { query: { role: 'trainer', status: 'active', pageSize: 200 } }, signal })),
    }),

  /** The people list: a page of a search. */
  people: (q: string, page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['people', q, page] as const,
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) => read(client.GET('/people', { params: { query: { page, pageSize, ...(q ? { q } : {}) } }, signal })),
    }),
  equalityQuestions: () => queryOptions({ queryKey: ['equality-questions'] as const, queryFn: ({ signal }) => read(client.GET('/public/equality-questions', { signal })), staleTime: Infinity }),
  referralPartners: () => queryOptions({ queryKey: ['referral-partners'] as const, queryFn: ({ signal }) => read(client.GET('/referral-partners', { signal })) }),

  /** One stage's column of the pipeline board, a page at a time. */
  applicationsAtStage: (intakeId: string, stage: Stage, page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['applications', intakeId, stage, page] as const,
      queryFn: ({ signal }) => read<Page<Application>>(client.GET('/applications', { params: { query: { intakeId, stage: [stage], page, pageSize, sort: 'name', direction: 'asc' } }, signal })),
    }),
  /** Everyone who accepted a place, to enrol in a cohort. */
  acceptedApplications: (intakeId: string | null) =>
    queryOptions({
      queryKey: ['applications', { intakeId, stage: 'accepted' }] as const,
      queryFn: ({ signal }) =>
        read<Page<Application>>(client.GET('/applications', { params: { query: { intakeId: intakeId ?? undefined, stage: ['accepted'], sort: 'name', direction: 'asc', pageSize: 200 } }, signal })),
      enabled: Boolean(intakeId),
    }),
  /** An intake's applicants by name, to name a selection's panel. */
  applicationNames: (intakeId: string) =>
    queryOptions({
      queryKey: ['applications', intakeId, 'names'] as const,
      queryFn: ({ signal }) => read<Page<Application>>(client.GET('/applications', { params: { query: { intakeId, pageSize: 200, sort: 'name', direction: 'asc' } }, signal })),
    }),

  selectionRuns: (intakeId: string) =>
    queryOptions({
      queryKey: ['intakes', intakeId, 'selections'],
      queryFn: ({ signal }) => read<Selection[]>(client.GET('/intakes/{id}/selections', { params: { path: { id: intakeId } }, signal })),
    }),
  selection: (id: string) => queryOptions({ queryKey: ['selections', id] as const, queryFn: ({ signal }) => read<Selection>(client.GET('/selections/{id}', { params: { path: { id } }, signal })) }),
  explanations: (selectionId: string) =>
    queryOptions({
      queryKey: ['selections', selectionId, 'explanations'] as const,
      queryFn: ({ signal }) => read<Explanations>(client.GET('/selections/{id}/explanations', { params: { path: { id: selectionId } }, signal })),
    }),
  replacements: (selectionId: string) =>
    queryOptions({
      queryKey: ['selections', selectionId, 'replacements'],
      queryFn: ({ signal }) => read<Replacement[]>(client.GET('/selections/{id}/replacements', { params: { path: { id: selectionId } }, signal })),
    }),
  importColumns: () => queryOptions({ queryKey: ['applicant-import-columns'] as const, queryFn: ({ signal }) => read(client.GET('/applicant-import/columns', { signal })), staleTime: Infinity }),

  person: (id: string) => queryOptions({ queryKey: ['people', id] as const, queryFn: ({ signal }) => read(client.GET('/people/{id}', { params: { path: { id } }, signal })) }),
  personProgression: (id: string) =>
    queryOptions({ queryKey: ['people', id, 'progression'] as const, queryFn: ({ signal }) => read<Progression>(client.GET('/people/{id}/progression', { params: { path: { id } }, signal })) }),
  personConsents: (id: string) =>
    queryOptions({ queryKey: ['people', id, 'consents'] as const, queryFn: ({ signal }) => read(client.GET('/people/{id}/consents', { params: { path: { id } }, signal })) }),
  personPlacements: (id: string) =>
    queryOptions({ queryKey: ['people', id, 'placements'] as const, queryFn: ({ signal }) => read<Placement[]>(client.GET('/people/{id}/placements', { params: { path: { id } }, signal })) }),
  personChecks: (id: string) => queryOptions({ queryKey: ['people', id, 'checks'] as const, queryFn: ({ signal }) => read(client.GET('/people/{id}/checks', { params: { path: { id } }, signal })) }),
  checksExpiring: () => queryOptions({ queryKey: ['checks', 'expiring'] as const, queryFn: ({ signal }) => read(client.GET('/checks/expiring', { signal })) }),

  messages: () => queryOptions({ queryKey: ['messages'] as const, queryFn: ({ signal }) => read(client.GET('/messages', { signal })) }),
  activityQueue: (pageSize: number) =>
    queryOptions({ queryKey: ['activity', 'queue'] as const, queryFn: ({ signal }) => read(client.GET('/activity', { params: { query: { status: 'submitted', pageSize } }, signal })) }),
  claimQueue: (pageSize: number) =>
    queryOptions({ queryKey: ['expense-claims', 'queue'] as const, queryFn: ({ signal }) => read(client.GET('/expense-claims', { params: { query: { status: 'submitted', pageSize } }, signal })) }),
  /** Approved claims not yet in a payment batch. */
  claimsWaiting: () =>
    queryOptions({
      queryKey: ['expense-claims', 'waiting-for-payment'] as const,
      queryFn: ({ signal }) => read(client.GET('/expense-claims', { params: { query: { status: 'approved', exported: false, pageSize: 100 } }, signal })),
    }),
  paymentBatches: () => queryOptions({ queryKey: ['expense-batches'] as const, queryFn: ({ signal }) => read(client.GET('/expense-batches', { signal })) }),
  myActivity: (page: number) =>
    queryOptions({ queryKey: ['me', 'activity', page] as const, queryFn: ({ signal }) => read(client.GET('/me/activity', { params: { query: { page, pageSize: 20 } }, signal })) }),
  myClaims: (page: number) =>
    queryOptions({ queryKey: ['me', 'expense-claims', page] as const, queryFn: ({ signal }) => read(client.GET('/me/expense-claims', { params: { query: { page, pageSize: 20 } }, signal })) }),
  placements: (page: number, pageSize: number, status: string) =>
    queryOptions({
      queryKey: ['placements', 'list', page, status] as const,
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) => read(client.GET('/placements', { params: { query: { page, pageSize, ...(status ? { status: [status] } : {}) } }, signal })),
    }),
  placement: (id: string) => queryOptions({ queryKey: ['placements', id] as const, queryFn: ({ signal }) => read(client.GET('/placements/{id}', { params: { path: { id } }, signal })) }),
  supervision: (placementId: string) =>
    queryOptions({
      queryKey: ['placements', placementId, 'supervision'] as const,
      queryFn: ({ signal }) => read(client.GET('/placements/{id}/supervision', { params: { path: { id: placementId } }, signal })),
    }),
  hosts: (page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['hosts', page] as const,
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) => read(client.GET('/host-organisations', { params: { query: { page, pageSize } }, signal })),
    }),
  /** Every host, for choosing one. */
  allHosts: () =>
    queryOptions({
      queryKey: ['hosts', 'all'] as const,
      queryFn: ({ signal }) => read(client.GET('/host-organisations', { params: { query: { page: 1, pageSize: 200 } }, signal })),
    }),
  host: (id: string) => queryOptions({ queryKey: ['hosts', id] as const, queryFn: ({ signal }) => read(client.GET('/host-organisations/{id}', { params: { path: { id } }, signal })) }),
  opportunities: (hostId: string) =>
    queryOptions({
      queryKey: ['hosts', hostId, 'opportunities'] as const,
      queryFn: ({ signal }) => read(client.GET('/host-organisations/{id}/opportunities', { params: { path: { id: hostId } }, signal })),
    }),
  /** People whose name matches, to pick one; asks only once two characters are typed. */
  personSearch: (q: string) =>
    queryOptions({
      queryKey: ['people', 'search', q] as const,
      enabled: q.trim().length >= 2,
      queryFn: ({ signal }) => read(client.GET('/people', { params: { query: { page: 1, pageSize: 50, q: q.trim() } }, signal })),
    }),
  personJobs: (id: string) => queryOptions({ queryKey: ['people', id, 'jobs'] as const, queryFn: ({ signal }) => read(client.GET('/people/{id}/jobs', { params: { path: { id } }, signal })) }),
  paidRoles: () => queryOptions({ queryKey: ['paid-roles'] as const, queryFn: ({ signal }) => read(client.GET('/paid-roles', { signal })) }),
  postHolders: (roleId: string) =>
    queryOptions({
      queryKey: ['paid-roles', roleId, 'holders'] as const,
      queryFn: ({ signal }) => read(client.GET('/paid-roles/{id}/post-holders', { params: { path: { id: roleId } }, signal })),
    }),
  funnelEquity: (dimension: Dimension) =>
    queryOptions({ queryKey: ['funnel', 'equity', dimension] as const, queryFn: ({ signal }) => read(client.GET('/funnel/equity', { params: { query: { dimension } }, signal })) }),
  /** The referral partners' own list, with or without the archived ones. */
  referralPartnerList: (showArchived: boolean) =>
    queryOptions({
      queryKey: ['referral-partners', { showArchived }] as const,
      queryFn: ({ signal }) => read(client.GET('/referral-partners', { params: { query: showArchived ? { includeArchived: true } : {} }, signal })),
    }),
  reports: (page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['reports', page] as const,
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) => read(client.GET('/reports', { params: { query: { page, pageSize } }, signal })),
    }),

  organisation: () => queryOptions({ queryKey: ['admin', 'organisation'] as const, queryFn: ({ signal }) => read(client.GET('/organisation', { signal })) }),
  censusDatasets: () => queryOptions({ queryKey: ['admin', 'census'] as const, queryFn: ({ signal }) => read(client.GET('/census/datasets', { signal })) }),
  /** A dataset's areas, by the figures of one dimension. */
  censusAreas: (datasetId: string | undefined, dimension: string | undefined) =>
    queryOptions({
      queryKey: ['admin', 'census', datasetId, 'areas', dimension] as const,
      enabled: Boolean(datasetId && dimension),
      queryFn: ({ signal }) => read(client.GET('/census/datasets/{id}/figures', { params: { path: { id: datasetId ?? '' }, query: { dimension } }, signal })),
    }),
  /** The localities as the administrator edits them (with their areas). */
  adminLocalities: () => queryOptions({ queryKey: ['admin', 'localities'] as const, queryFn: ({ signal }) => read(client.GET('/localities', { signal })) }),
  members: (page: number) =>
    queryOptions({ queryKey: ['admin', 'members', page] as const, queryFn: ({ signal }) => read(client.GET('/members', { params: { query: { page, pageSize: 50 } }, signal })) }),
  allMembers: () => queryOptions({ queryKey: ['admin', 'members', 'all'] as const, queryFn: ({ signal }) => read(client.GET('/members', { params: { query: { pageSize: 100 } }, signal })) }),
  invitations: () => queryOptions({ queryKey: ['admin', 'invitations'] as const, queryFn: ({ signal }) => read(client.GET('/invitations', { params: { query: { pageSize: 100 } }, signal })) }),
  /** The audit log under a filter; `search` is the filter and page as a query string. */
  auditLog: (filter: unknown, page: number, search: string) =>
    queryOptions({
      queryKey: ['admin', 'audit', filter, page] as const,
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) => read(client.GET('/audit-log', { querySerializer: asIs(search), signal })),
    }),
  failedDeliveries: (page: number) =>
    queryOptions({
      queryKey: ['admin', 'deliveries', page] as const,
      queryFn: ({ signal }) => read(client.GET('/deliveries', { params: { query: { status: 'failed', page, pageSize: 50 } }, signal })),
    }),

  myDetails: () => queryOptions({ queryKey: ['me', 'details'] as const, queryFn: ({ signal }) => read(client.GET('/me/details', { signal })) }),
  myConsents: () => queryOptions({ queryKey: ['me', 'consents'] as const, queryFn: ({ signal }) => read(client.GET('/me/consents', { signal })) }),
  /** An intake's public form; `search` carries the event link's token or the partner's code. */
  publicIntake: (slug: string, event: string | null, partner: string | null, search: string) =>
    queryOptions({
      queryKey: ['public-intake', slug, event, partner] as const,
      queryFn: ({ signal }) => read(client.GET('/public/intakes/{slug}', { params: { path: { slug } }, querySerializer: asIs(search), signal })),
    }),
};
