/** The one way the app talks to the API: same origin, the session in an HttpOnly cookie, JSON both ways. */

export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  error?: string;
  message?: string;
  details?: ErrorDetail[];
  code?: string;
  errorId?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body?: ErrorBody,
    /** Seconds, from the Retry-After header of a 429. */
    readonly retryAfter?: number,
  ) {
    super(body?.message ?? `Request failed (${status})`);
  }

  /** No answer at all: offline, or the server is unreachable. */
  get offline(): boolean {
    return this.status === 0;
  }
}

const SIGN_IN = '/sign-in';

/**
 * A session that expired or ended sends the person to sign in, remembering where they were so
 * signing in brings them back. A full navigation also drops every cached answer of the old session.
 */
export function sendToSignIn(reason: 'expired' | 'signed-out' = 'expired'): void {
  if (window.location.pathname === SIGN_IN) return;
  const next = `${window.location.pathname}${window.location.search}`;
  const query = new URLSearchParams({ next, reason });
  window.location.assign(`${SIGN_IN}?${query.toString()}`);
}

export async function api<T>(path: string, options: { method?: string; body?: unknown; signal?: AbortSignal; csv?: string } = {}): Promise<T> {
  let response: Response;
  // A CSV upload (the applicant import) goes as the file's own text; everything else as JSON.
  const contentType = options.csv !== undefined ? 'text/csv' : options.body === undefined ? undefined : 'application/json';
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      signal: options.signal,
      headers: { Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}) },
      body: options.csv ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0);
  }
  if (response.status === 401 && !path.startsWith('/auth/login')) sendToSignIn('expired');
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, body, retryAfter > 0 ? retryAfter : undefined);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * What a person reads when something goes wrong: never a stack or a JSON dump. The API's own
 * messages for refused input are written for people, so those are shown; anything unexpected gets a
 * plain sentence and the reference support needs.
 */
export function friendlyMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong on this page. Please reload and try again.';
  if (error.offline) return 'We could not reach Steppingstone. Check your connection and try again.';
  switch (error.status) {
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      return error.body?.code === 'CROSS_SITE_REQUEST' ? (error.body.message ?? 'This request came from another site.') : 'This is not available to you with your role.';
    case 404:
      return 'We could not find that. It may have been removed, or it is not yours to see.';
    case 409:
      return error.body?.message ?? 'Someone else changed this while you were working. Reload to see the latest.';
    case 429:
      // The API says how long; so does Retry-After. Only with neither is the wait left vague.
      if (error.body?.message) return error.body.message;
      if (error.retryAfter) return `Too many attempts. Please try again in ${waitOf(error.retryAfter)}.`;
      return 'Too many attempts. Please wait a while and try again.';
    default:
      if (error.status >= 400 && error.status < 500 && error.body?.message) return error.body.message;
      return `Something went wrong on our side. Please try again${error.body?.errorId ? ` (reference ${error.body.errorId})` : ''}.`;
  }
}

function waitOf(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
