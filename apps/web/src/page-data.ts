import { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { PIPELINE_FIRST_STAGE, PIPELINE_PAGE_SIZE, queries } from './queries';

type Prefetch = (client: QueryClient, params: Record<string, string | undefined>) => void;

/**
 * What the busiest pages read first, started as the app boots: the requests then run while the
 * page's own code is still downloading and parsing, instead of after it (a phone on a slow line
 * saves one whole round of waiting), and so does the page's code. The page reads the same queries (queries.ts), so nothing is
 * fetched twice; a page not listed here simply fetches when it renders.
 */
const PAGE_DATA: Array<{ path: string; code: () => Promise<unknown>; prefetch: Prefetch }> = [
  {
    path: '/dashboard',
    code: () => import('./pages/coordinator/Dashboard'),
    prefetch: (client) => {
      void client.prefetchQuery(queries.programmes());
      void client.prefetchQuery(queries.localities());
      void client.prefetchQuery(queries.funnel({ programmeId: '', registeredFrom: '', registeredTo: '', localityId: '' }, ''));
      void client.prefetchQuery(queries.funnelByPartner(''));
      // The second round needs the first: each open intake's gaps, and each cohort's people at risk.
      void client.fetchQuery(queries.intakes()).then(
        (intakes) => {
          for (const intake of intakes.filter((i) => i.status === 'open')) {
            void client.prefetchQuery(queries.pipeline(intake.id));
            void client.prefetchQuery(queries.gaps(intake.id, 'pool'));
            void client.prefetchQuery(queries.partnerReach(intake.id));
          }
        },
        () => undefined,
      );
      void client.fetchQuery(queries.cohorts()).then(
        (cohorts) => cohorts.forEach((c) => void client.prefetchQuery(queries.atRisk(c.id))),
        () => undefined,
      );
    },
  },
  {
    path: '/intakes/:id',
    code: () => import('./pages/coordinator/IntakePage'),
    prefetch: (client, { id = '' }) => {
      void client.prefetchQuery(queries.intake(id));
      void client.prefetchQuery(queries.pipeline(id));
      void client.prefetchQuery(queries.gaps(id, 'pool'));
      void client.prefetchQuery(queries.gaps(id, 'cohort'));
      // The sections below the fold would otherwise ask only once they render, a second wave after the first.
      void client.prefetchQuery(queries.applicationsAtStage(id, PIPELINE_FIRST_STAGE, 1, PIPELINE_PAGE_SIZE));
      void client.prefetchQuery(queries.partnerLinks(id));
      void client.prefetchQuery(queries.pipelineByPartner(id));
      void client.prefetchQuery(queries.gapsByPartner(id));
      void client.prefetchQuery(queries.selectionRuns(id));
    },
  },
  {
    path: '/sessions/:id/register',
    code: () => import('./pages/trainer/RegisterPage'),
    prefetch: (client, { id = '' }) => {
      void client.prefetchQuery(queries.session(id));
      void client.prefetchQuery(queries.register(id));
    },
  },
  { path: '/me', code: () => import('./pages/mentor/MyPages'), prefetch: (client) => void client.prefetchQuery(queries.mySessions()) },
  {
    path: '/me/placement',
    code: () => import('./pages/mentor/MyPages'),
    prefetch: (client) => {
      void client.prefetchQuery(queries.myPlacements());
      void client.prefetchQuery(queries.mySupervision());
    },
  },
  { path: '/me/progression', code: () => import('./pages/mentor/MyPages'), prefetch: (client) => void client.prefetchQuery(queries.myProgression()) },
];

/** Starts the first reads of the page at `pathname`, if it is one of those above. */
export function prefetchPageData(client: QueryClient, pathname: string): void {
  for (const page of PAGE_DATA) {
    const match = matchPath(page.path, pathname);
    if (match) {
      page.prefetch(client, match.params);
      // The same module the route's lazy() loads: fetched now, it is ready when the route renders.
      void page.code().catch(() => undefined);
      return;
    }
  }
}
