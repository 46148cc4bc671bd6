/**
 * Marks not yet accepted by the server, kept in localStorage so a lost signal, a closed tab or an
 * expired session loses nothing: they are sent again when the register page next has a connection.
 */
export type AttendanceStatus = 'present' | 'late' | 'absent' | 'excused';

export interface RegisterDraft {
  changes: Record<string, AttendanceStatus>;
  /** Bumped on every tap, so a save that finishes after a newer tap does not clear that tap. */
  revision: number;
}

const keyOf = (sessionId: string) => `steppingstone.register.${sessionId}`;

export function loadDraft(sessionId: string): RegisterDraft | undefined {
  try {
    const raw = window.localStorage.getItem(keyOf(sessionId));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as RegisterDraft;
    return draft && typeof draft.changes === 'object' && Object.keys(draft.changes).length > 0 ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function storeDraft(sessionId: string, draft: RegisterDraft | undefined): void {
  try {
    if (draft && Object.keys(draft.changes).length > 0) window.localStorage.setItem(keyOf(sessionId), JSON.stringify(draft));
    else window.localStorage.removeItem(keyOf(sessionId));
  } catch {
    // Private browsing may refuse storage; the marks still live in memory until saved.
  }
}
