import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { client, read } from '../../api';
import { ActivityEntry, ACTIVITY_KINDS, ACTIVITY_STATUS_WORDS, duration, KIND_WORDS, noLinkedPerson, refusal, todayIn } from '../../field';
import { asBody, ErrorSummary, RadioOption, Radios, SelectField, TextField, useAnswers, useFormErrors, wholeNumber } from '../../forms';
import { useSession } from '../../session';
import { Locality, Placement } from '../../types';
import { Empty, PageHeading, Pager, QueryState } from '../../ui';
import '../../field.css';
import { queries } from '../../queries';

/** The lengths most visits and events take, so logging is one tap; anything else goes in "Other". */
const QUICK_MINUTES = [15, 30, 45, 60, 90, 120, 180];
const OTHER = 'other';
const MINUTE_CHOICES: RadioOption[] = [
  ...QUICK_MINUTES.map((m) => ({ value: String(m), label: m < 60 ? `${m} min` : `${m / 60} hour${m === 60 ? '' : 's'}`.replace('1.5 hours', '1½ hours') })),
  { value: OTHER, label: 'Other' },
];

export const MY_ACTIVITY = ['me', 'activity'] as const;

/** The form's answers for an entry being changed, or a new one for today. */
function startingValues(timeZone: string, active: Placement[], entry?: ActivityEntry) {
  if (!entry)
    return { occurredOn: todayIn(timeZone), minutesChoice: '', otherMinutes: '', kind: '', peopleReached: '', localityId: '', placementId: active.length === 1 ? active[0].id : '', note: '' };
  const quick = QUICK_MINUTES.includes(entry.minutes);
  return {
    occurredOn: entry.occurredOn,
    minutesChoice: quick ? String(entry.minutes) : OTHER,
    otherMinutes: quick ? '' : String(entry.minutes),
    kind: entry.kind as string,
    peopleReached: entry.peopleReached === null ? '' : String(entry.peopleReached),
    localityId: entry.localityId ?? '',
    placementId: entry.placementId ?? '',
    note: entry.note ?? '',
  };
}

function LogForm({
  localities,
  placements,
  editing,
  onSaved,
  onCancel,
}: {
  localities: Locality[];
  placements: Placement[];
  editing?: ActivityEntry;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const { organisation, format } = useSession();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const active = placements.filter((p) => p.status === 'active');
  const blank = () => startingValues(organisation.timeZone, active);
  const { values, setValues, set } = useAnswers(() => startingValues(organisation.timeZone, active, editing));
  const [checked, setChecked] = useState<Error | undefined>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);
  const minutes = values.minutesChoice === OTHER ? wholeNumber(values.otherMinutes) : wholeNumber(values.minutesChoice);
  const log = useMutation({
    mutationFn: () => {
      // What is missing (a kind, the minutes) is left out, and the API names it.
      const entry = {
        occurredOn: values.occurredOn,
        minutes,
        // The select offers only the kinds, or nothing.
        kind: values.kind ? (values.kind as ActivityEntry['kind']) : undefined,
        ...(values.peopleReached.trim() ? { peopleReached: wholeNumber(values.peopleReached) } : {}),
        ...(values.localityId ? { localityId: values.localityId } : {}),
        ...(values.placementId ? { placementId: values.placementId } : {}),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
      };
      return read(
        editing
          ? client.PUT('/me/activity/{id}', { params: { path: { id: editing.id } }, body: asBody({ ...entry, version: editing.version }) })
          : client.POST('/me/activity', { body: asBody(entry) }),
      );
    },
    onSuccess: (entry) => {
      onSaved(
        `${editing ? 'Changed' : 'Logged'}: ${duration(entry.minutes)} of ${KIND_WORDS[entry.kind].toLowerCase()} on ${format.date(entry.occurredOn)}. It is waiting for approval${editing ? ' again' : ''}.`,
      );
      setValues(blank());
      void queryClient.invalidateQueries({ queryKey: MY_ACTIVITY });
    },
  });
  const error = checked ?? log.error;
  const { formRef, summaryRef, errorOf } = useFormErrors(error, attempt);
  const idOf = (field: string) => `${ids}-${field}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSaved('');
    setAttempt(attempt + 1);
    const problems = refusal([
      ...(values.minutesChoice === '' ? [{ field: 'minutes', rule: 'required', message: 'Choose how long it took' }] : []),
      ...(values.minutesChoice === OTHER && !(minutes && Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440)
        ? [{ field: 'minutes', rule: 'range', message: 'Enter the minutes as a whole number from 1 to 1440' }]
        : []),
      ...(values.kind === '' ? [{ field: 'kind', rule: 'required', message: 'Choose what kind of work it was' }] : []),
    ]);
    setChecked(problems);
    if (!problems) log.mutate();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {editing ? `Change your entry of ${format.date(editing.occurredOn)}` : 'Log activity'}
      </h2>
      {editing?.queryNote && (
        <p className="query-note">
          <strong>Your coordinator asks:</strong> {editing.queryNote}
        </p>
      )}
      <ErrorSummary error={error} summaryRef={summaryRef} idOf={idOf} />
      <TextField
        id={idOf('occurredOn')}
        field="occurredOn"
        label="Date"
        hint="Today, unless you are logging an earlier day"
        type="date"
        required
        max={todayIn(organisation.timeZone)}
        value={values.occurredOn}
        onChange={set('occurredOn')}
        error={errorOf('occurredOn')}
      />

      <Radios
        id={idOf('minutes')}
        field="minutes"
        legend="How long"
        error={errorOf('minutes')}
        tiles
        options={MINUTE_CHOICES}
        value={values.minutesChoice}
        onChange={set('minutesChoice')}
        reveal={(choice) =>
          choice.value === OTHER && (
            <TextField id={idOf('otherMinutes')} field="otherMinutes" label="Minutes" type="number" inputMode="numeric" min={1} max={1440} value={values.otherMinutes} onChange={set('otherMinutes')} />
          )
        }
      />

      <Radios
        id={idOf('kind')}
        field="kind"
        legend="What kind of work"
        error={errorOf('kind')}
        options={ACTIVITY_KINDS.map(([code, label, hint]) => ({
          value: code as string,
          label: (
            <>
              {label} <span className="hint-inline">({hint})</span>
            </>
          ),
        }))}
        value={values.kind}
        onChange={set('kind')}
      />

      <TextField
        id={idOf('peopleReached')}
        field="peopleReached"
        label="People reached (optional)"
        hint="How many people the work reached, as a number. No names."
        type="number"
        inputMode="numeric"
        min={0}
        value={values.peopleReached}
        onChange={set('peopleReached')}
        error={errorOf('peopleReached')}
      />
      {localities.length > 0 && (
        <SelectField id={idOf('localityId')} field="localityId" label="Where (optional)" value={values.localityId} onChange={set('localityId')} error={errorOf('localityId')}>
          <option value="">Not given</option>
          {localities.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
      )}
      {placements.length > 1 && (
        <SelectField id={idOf('placementId')} field="placementId" label="Placement (optional)" value={values.placementId} onChange={set('placementId')} error={errorOf('placementId')}>
          <option value="">None</option>
          {placements.map((p) => (
            <option key={p.id} value={p.id}>
              {p.roleTitle} at {p.hostName}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        id={idOf('note')}
        field="note"
        label="Note (optional)"
        hint="What you did, in a few words. Never write the names of the people you support."
        maxLength={280}
        value={values.note}
        onChange={set('note')}
        error={errorOf('note')}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={log.isPending}>
          {log.isPending ? 'Saving…' : editing ? 'Save and send for approval again' : 'Log activity'}
        </button>
        {editing && (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel the change
          </button>
        )}
      </div>
    </form>
  );
}

function Entries({ onChange }: { onChange: (entry: ActivityEntry) => void }) {
  const { format } = useSession();
  const [page, setPage] = useState(1);
  const entries = useQuery(queries.myActivity(page));
  return (
    <section aria-labelledby="my-entries-heading">
      <h2 id="my-entries-heading">What you have logged</h2>
      <QueryState query={entries} what="Loading your activity">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>Nothing logged yet.</Empty>
          ) : (
            <>
              <ul className="plain entries">
                {list.items.map((e) => (
                  <li className={`card entry ${e.status}`} key={e.id}>
                    <p className="entry-title">
                      <strong>{format.date(e.occurredOn)}</strong>: {duration(e.minutes)}, {KIND_WORDS[e.kind]}
                    </p>
                    <p className="entry-facts">
                      {e.peopleReached !== null ? `${e.peopleReached} reached` : 'No count given'}
                      {e.localityName ? ` · ${e.localityName}` : ''}
                      {e.note ? ` · ${e.note}` : ''}
                    </p>
                    <p className={`status-tag ${e.status}`}>{ACTIVITY_STATUS_WORDS[e.status]}</p>
                    {e.status === 'queried' && e.queryNote && (
                      <p className="query-note">
                        <strong>Your coordinator asks:</strong> {e.queryNote}
                      </p>
                    )}
                    {e.status === 'queried' && (
                      <button type="button" className="button secondary small" onClick={() => onChange(e)}>
                        Change this entry<span className="visually-hidden"> of {format.date(e.occurredOn)}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={setPage} label="Your activity" />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

/** The mentor's phone page: log activity in a few taps, and see each entry's approval. */
export default function MyActivity() {
  const [editing, setEditing] = useState<ActivityEntry | undefined>();
  const [saved, setSaved] = useState('');
  const localities = useQuery(queries.localities());
  const placements = useQuery(queries.myPlacements());
  const probe = useQuery({ ...queries.myActivity(1), retry: false });
  return (
    <>
      <PageHeading>My activity</PageHeading>
      {noLinkedPerson(probe.error) ? (
        <p className="notice">Your sign-in is not linked to your record yet, so there is nowhere to log activity. Ask your coordinator to link it.</p>
      ) : (
        <QueryState query={localities} what="Opening the form">
          {(localityList) => (
            <QueryState query={placements} what="Opening the form">
              {(placementList) => (
                <>
                  <div role="status" className="live-result">
                    {saved && <p className="success">{saved}</p>}
                  </div>
                  <LogForm
                    key={editing?.id ?? 'new'}
                    localities={localityList}
                    placements={placementList}
                    editing={editing}
                    onSaved={(message) => {
                      setSaved(message);
                      if (message) setEditing(undefined);
                    }}
                    onCancel={() => setEditing(undefined)}
                  />
                  <Entries
                    onChange={(entry) => {
                      setSaved('');
                      setEditing(entry);
                    }}
                  />
                </>
              )}
            </QueryState>
          )}
        </QueryState>
      )}
    </>
  );
}
