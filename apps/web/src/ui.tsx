import { ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { friendlyMessage } from './api';

/** Sets the document title and moves focus to the page heading, so a screen reader hears the new page after a route change. */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = `${title ?? (typeof children === 'string' ? children : 'Steppingstone')} – Steppingstone`;
  }, [children, title]);
  // Only a new address moves focus: a heading made of several parts is new on every render, and a
  // refetch (say when the connection comes back) must not pull focus away from what someone is doing.
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>{friendlyMessage(error)}</p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A query's three states in one place, so no page forgets loading or failure. */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error || query.data === undefined) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Pager({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" className="button secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {pages} ({total} in all)
      </span>
      <button type="button" className="button secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}

export function Refused() {
  return (
    <>
      <PageHeading>Not available</PageHeading>
      <p>This page is not available to you with your role. Use the menu to find your own pages.</p>
    </>
  );
}
