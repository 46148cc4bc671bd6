import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api';
import { prefetchPageData } from './page-data';
import { queries } from './queries';
import { AppRoutes } from './routes';
import './styles.css';

const retryUnlessRefused = (failures: number, error: unknown) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2;

/** Pages anyone may open without signing in: nothing to read ahead there. */
const PUBLIC_PATHS = ['/sign-in', '/sign-up', '/verify-sign-up', '/apply/'];

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: retryUnlessRefused, refetchOnWindowFocus: false, staleTime: 15_000 } },
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
});

// Who is signed in and the page's first reads start now, alongside React's first render rather than after it.
if (!PUBLIC_PATHS.some((prefix) => window.location.pathname.startsWith(prefix))) {
  void queryClient.prefetchQuery(queries.me());
  prefetchPageData(queryClient, window.location.pathname);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
