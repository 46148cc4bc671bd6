import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { queries } from '../../queries';
import { ApiError, client, friendlyMessage, read } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { CohortSession, Schema } from '../../types';
import { ErrorMessage, PageHeading, QueryState } from '../../ui';
import { AttendanceStatus, loadDraft, RegisterDraft, storeDraft } from './register-draft';

type RegisterEntry = Schema<'RegisterLineView'>;
type Register = Schema<'RegisterResponseView'>;

type SaveState = { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'offline' } | { kind: 'failed'; error: unknown };

const STATUSES: AttendanceStatus[] = ['present', 'late', 'absent', 'excused'];
// Before a session starts nobody can have come or missed it yet, only sent word that they won't come.
const BEFORE_START: AttendanceStatus[] = ['excused'];
const SAVE_AFTER_MS = 700;
const RETRY_AFTER_MS = 5000;

/**
 * The register on a phone: one tap per person, saved by itself a moment after the last tap. Marks
 * the server has not accepted are kept on the phone (register-draft.ts) and sent again when the
 * connection comes back, and the banner says plainly whether everything is saved.
 */
function TakeRegister({ session, initial }: { session: CohortSession; initial: Register }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const [server, setServer] = useState<Register>(initial);
  const [draft, setDraft] = useState<RegisterDraft | undefined>(() => loadDraft(session.id));
  const [state, setState] = useState<SaveState>(() => (loadDraft(session.id) ? { kind: 'pending' } : { kind: 'saved' }));
  const latest = useRef({ server, draft });
  latest.current = { server, draft };
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef(false);

  const statusOf = (entry: RegisterEntry): AttendanceStatus | null => draft?.changes[entry.personId] ?? entry.status;
  const started = useHasStarted(session.startsAt);
  const offered = started ? STATUSES : BEFORE_START;

  const save = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    const { server: base, draft: pending } = latest.current;
    if (!pending || inFlight.current) return;
    inFlight.current = true;
    setState({ kind: 'saving' });
    const entries = base.entries
      .map((e) => ({ personId: e.personId, status: pending.changes[e.personId] ?? e.status, note: e.note }))
      .filter((e): e is { personId: string; status: AttendanceStatus; note: string | null } => e.status !== null);
    try {
      const saved = await read(client.PUT('/sessions/{id}/register', { params: { path: { id: session.id } }, body: { version: base.version, entries } }));
      inFlight.current = false;
      setServer(saved);
      queryClient.setQueryData(['sessions', session.id, 'register'], saved);
      const now = latest.current.draft;
      // Taps made while this save was on its way stay in the draft and go in the next save.
      const remaining =
        now && now.revision !== pending.revision ? { ...now, changes: Object.fromEntries(Object.entries(now.changes).filter(([person, status]) => pending.changes[person] !== status)) } : undefined;
      const next = remaining && Object.keys(remaining.changes).length > 0 ? remaining : undefined;
      setDraft(next);
      storeDraft(session.id, next);
      latest.current = { server: saved, draft: next };
      if (next) void save();
      else setState({ kind: 'saved' });
    } catch (error) {
      inFlight.current = false;
      if (error instanceof ApiError && error.status === 409 && error.body?.current) {
        // Someone else saved in between: build on their register, keeping this phone's marks.
        const current = error.body.current as Register;
        setServer(current);
        latest.current = { ...latest.current, server: current };
        void save();
        return;
      }
      if (error instanceof ApiError && error.offline) {
        setState({ kind: 'offline' });
        timer.current = window.setTimeout(() => void save(), RETRY_AFTER_MS);
        return;
      }
      setState({ kind: 'failed', error });
    }
  }, [queryClient, session.id]);

  useEffect(() => {
    const online = () => void save();
    window.addEventListener('online', online);
    if (latest.current.draft) void save();
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, [save]);

  function mark(changes: Record<string, AttendanceStatus>) {
    const next: RegisterDraft = { changes: { ...(latest.current.draft?.changes ?? {}), ...changes }, revision: (latest.current.draft?.revision ?? 0) + 1 };
    setDraft(next);
    storeDraft(session.id, next);
    latest.current = { ...latest.current, draft: next };
    setState({ kind: 'pending' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), SAVE_AFTER_MS);
  }

  const active = server.entries.filter((e) => !e.withdrawn || e.status);
  const unmarked = active.filter((e) => !e.withdrawn && statusOf(e) === null);
  const counts = STATUSES.map((s) => `${active.filter((e) => statusOf(e) === s).length} ${word(s).toLowerCase()}`).join(', ');

  return (
    <>
      <p className={`register-status ${state.kind === 'saved' ? 'saved' : 'unsaved'}`} role="status" aria-live="polite" data-testid="register-status">
        {state.kind === 'saved' && (server.version > 0 ? `All changes saved${server.savedAt ? ` (${format.time(server.savedAt)})` : ''}` : 'Nothing recorded yet')}
        {state.kind === 'pending' && 'Not saved yet – saving in a moment'}
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'offline' && 'Not saved – no connection. Your marks are kept on this phone and will be sent when you are back online.'}
        {state.kind === 'failed' && `Not saved – ${friendlyMessage(state.error)} Your marks are kept on this phone.`}
      </p>
      {state.kind === 'failed' && (
        <p>
          <button type="button" className="button" onClick={() => void save()}>
            Try saving again
          </button>
        </p>
      )}
      <p>{counts}</p>
      {!started && (
        <p className="hint" data-testid="register-not-started">
          The session starts at {format.time(session.startsAt)}: present, late and absent can be marked from then. Until then you can record who has told you they can’t come (excused).
        </p>
      )}
      {started && unmarked.length > 0 && (
        <p>
          <button type="button" className="button secondary" onClick={() => mark(Object.fromEntries(unmarked.map((e) => [e.personId, 'present' as const])))}>
            Mark the other {unmarked.length} present
          </button>
        </p>
      )}
      <ul className="register-list" aria-label="People on the register">
        {active.map((entry) => {
          const status = statusOf(entry);
          return (
            <li key={entry.personId} className="register-row">
              <p className="person" id={`person-${entry.personId}`}>
                {entry.name}
                {entry.withdrawn ? ' (withdrawn)' : ''}
              </p>
              <div className="register-choices" role="group" aria-labelledby={`person-${entry.personId}`}>
                {offered.map((s) => (
                  <button key={s} type="button" data-status={s} aria-pressed={status === s} disabled={entry.withdrawn} onClick={() => mark({ [entry.personId]: s })}>
                    {word(s)}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Whether the session has started, turning true at its start time while the page stays open. */
function useHasStarted(startsAt: string): boolean {
  const startsAtMs = new Date(startsAt).getTime();
  const [started, setStarted] = useState(() => Date.now() >= startsAtMs);
  useEffect(() => {
    if (started) return;
    // setTimeout caps its delay at about 24.8 days; a register opened earlier than that just waits to be reopened.
    const wait = startsAtMs - Date.now();
    if (wait > 2 ** 31 - 1) return;
    const timer = window.setTimeout(() => setStarted(true), Math.max(0, wait));
    return () => window.clearTimeout(timer);
  }, [started, startsAtMs]);
  return started;
}

export default function RegisterPage() {
  const { id = '' } = useParams();
  const { format } = useSession();
  const session = useQuery(queries.session(id));
  // The register is read once per visit: after that this page's own saves are the truth it shows.
  const register = useQuery(queries.register(id));
  return (
    <QueryState query={session} what="Loading the session">
      {(s) => (
        <>
          <p>
            <Link to={`/cohorts/${s.cohortId}`}>Back to the cohort</Link>
          </p>
          <PageHeading title={`Register, week ${s.week}`}>
            Register: week {s.week}, {format.dateTime(s.startsAt)}
          </PageHeading>
          {s.status === 'cancelled' ? (
            <ErrorMessage error={new ApiError(409, { statusCode: 409, message: 'This session was cancelled, so it has no register.' })} />
          ) : (
            <QueryState query={register} what="Loading the register">
              {(r) => <TakeRegister session={s} initial={r} />}
            </QueryState>
          )}
        </>
      )}
    </QueryState>
  );
}
