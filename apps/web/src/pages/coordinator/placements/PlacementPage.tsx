import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { client, read } from '../../../api';
import { Schema } from '../../../types';
import { asBody, Checkbox, ErrorSummary, Radios, SelectField, TextAreaField, TextField, useFormErrors } from '../../../forms';
import { word } from '../../../format';
import { useSession } from '../../../session';
import { Empty, PageHeading, QueryState } from '../../../ui';
import { PlacementDetail, fieldError, Refusal, refusalOf, todayIn } from './shared';
import { queries } from '../../../queries';

type Move = 'active' | 'paused' | 'completed' | 'ended-early';

/** What the API allows next from each status (ended-early and completed are final). */
const NEXT: Record<string, Array<{ to: Move; label: string }>> = {
  proposed: [
    { to: 'active', label: 'Start placement' },
    { to: 'ended-early', label: 'End early' },
  ],
  active: [
    { to: 'paused', label: 'Pause' },
    { to: 'completed', label: 'Mark completed' },
    { to: 'ended-early', label: 'End early' },
  ],
  paused: [
    { to: 'active', label: 'Resume' },
    { to: 'completed', label: 'Mark completed' },
    { to: 'ended-early', label: 'End early' },
  ],
};

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return (placement?: PlacementDetail) => {
    if (placement) queryClient.setQueryData(['placements', id], placement);
    void queryClient.invalidateQueries({ queryKey: ['placements'] });
    if (placement) void queryClient.invalidateQueries({ queryKey: ['people', placement.personId] });
  };
}

/**
 * Moving a placement on. Starting may need the lone-working risk assessment's date; ending (early,
 * with a reason, or completed) asks for the date and then for confirmation, as it cannot be undone.
 */
function StatusChange({ placement, onDone }: { placement: PlacementDetail; onDone: (message: string) => void }) {
  const { format } = useSession();
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const refresh = useRefresh(placement.id);
  const [chosen, setChosen] = useState<Move | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The button pressed gives way to the question, so focus moves to its answer.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const [form, setForm] = useState({ endedOn: todayIn(format.timeZone), endReason: '', riskAssessedOn: '' });
  const move = useMutation({
    mutationFn: (to: Move) => {
      const ending = to === 'completed' || to === 'ended-early';
      const body: Schema<'PlacementStatusDto'> = { status: to };
      if (ending && form.endedOn) body.endedOn = form.endedOn;
      if (to === 'ended-early') body.endReason = form.endReason;
      if (to === 'active' && form.riskAssessedOn) body.riskAssessedOn = form.riskAssessedOn;
      return read(client.POST('/placements/{id}/status', { params: { path: { id: placement.id } }, body }));
    },
    onSuccess: (saved, to) => {
      refresh(saved);
      setChosen(null);
      setConfirming(false);
      onDone(`Placement ${to === 'active' ? (placement.status === 'paused' ? 'resumed' : 'started') : word(to).toLowerCase()}.`);
    },
    onError: () => setConfirming(false),
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(move.error, move.failureCount);
  const options = NEXT[placement.status] ?? [];
  if (!options.length) return <p>This placement has ended; nothing more can change its status. A new placement starts a new record.</p>;
  const ending = chosen === 'completed' || chosen === 'ended-early';
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    if (ending && !confirming) {
      setConfirming(true);
      return;
    }
    move.mutate(chosen);
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Change the status</h3>
      <ErrorSummary error={fieldError(move.error)} summaryRef={summaryRef} idOf={idOf} />
      <Refusal refusal={refusalOf(move.error, format, placement.personName)} />
      <Radios
        id={idOf('status')}
        field="status"
        legend={`It is ${word(placement.status).toLowerCase()}. What happens next?`}
        options={options.map((o) => ({ value: o.to, label: o.label }))}
        value={chosen ?? ''}
        onChange={(value) => {
          setChosen(value as Move);
          setConfirming(false);
        }}
        error={errorOf('status')}
      />
      {chosen === 'active' && !placement.riskAssessedOn && (
        <TextField
          id={idOf('riskAssessedOn')}
          field="riskAssessedOn"
          label="Lone-working risk assessment done on (optional)"
          hint="Needed before a role with lone working starts."
          type="date"
          value={form.riskAssessedOn}
          onChange={(riskAssessedOn) => setForm({ ...form, riskAssessedOn })}
          error={errorOf('riskAssessedOn')}
        />
      )}
      {ending && <TextField id={idOf('endedOn')} field="endedOn" label="Ended on" type="date" value={form.endedOn} onChange={(endedOn) => setForm({ ...form, endedOn })} error={errorOf('endedOn')} />}
      {chosen === 'ended-early' && (
        <TextAreaField
          id={idOf('endReason')}
          field="endReason"
          label="Why did it end early?"
          hint="Kept with the placement; the person’s progression shows it."
          rows={3}
          value={form.endReason}
          onChange={(endReason) => setForm({ ...form, endReason })}
          error={errorOf('endReason')}
        />
      )}
      {confirming && chosen ? (
        <div className="notice" role="alert">
          <p>
            {chosen === 'ended-early' ? 'End' : 'Complete'} {placement.personName}’s placement as {roleAt(placement)} on {format.date(form.endedOn)}? This cannot be undone: a placement that restarts
            is a new placement.
          </p>
          <div className="actions">
            <button type="submit" className="button" ref={confirmRef} disabled={move.isPending}>
              {chosen === 'ended-early' ? 'Yes, end it early' : 'Yes, mark it completed'}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="button" disabled={!chosen || move.isPending}>
          {move.isPending ? 'Saving…' : (options.find((o) => o.to === chosen)?.label ?? 'Change status')}
        </button>
      )}
    </form>
  );
}

const roleAt = (p: PlacementDetail) => `${p.roleTitle} at ${p.hostName}`;

/** A supervision session, after it was held; it may sign the mentor off to visit alone. */
function RecordSupervision({ placement, onDone }: { placement: PlacementDetail; onDone: (message: string) => void }) {
  const { format } = useSession();
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const refresh = useRefresh(placement.id);
  const queryClient = useQueryClient();
  const blank = { heldOn: todayIn(format.timeZone), supervisorName: '', notes: '', actions: '', wellbeingConcern: false, loneWorkingSignedOff: false };
  const [form, setForm] = useState(blank);
  const record = useMutation({
    mutationFn: () =>
      read(
        client.POST('/placements/{id}/supervision', {
          params: { path: { id: placement.id } },
          body: {
            heldOn: form.heldOn,
            ...(form.supervisorName.trim() ? { supervisorName: form.supervisorName } : {}),
            ...(form.notes.trim() ? { notes: form.notes } : {}),
            ...(form.actions.trim() ? { actions: form.actions } : {}),
            wellbeingConcern: form.wellbeingConcern,
            ...(form.loneWorkingSignedOff ? { loneWorkingSignedOff: true } : {}),
          },
        }),
      ),
    onSuccess: (saved) => {
      refresh(saved);
      void queryClient.invalidateQueries({ queryKey: ['placements', placement.id, 'supervision'] });
      setForm(blank);
      onDone(`Supervision on ${format.date(form.heldOn)} recorded. Next due ${format.date(saved.supervision.nextDueOn)}.`);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(record.error, record.failureCount);
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate();
      }}
    >
      <h3 id={`${ids}-heading`}>Record a supervision session</h3>
      <ErrorSummary error={fieldError(record.error)} summaryRef={summaryRef} idOf={idOf} />
      <Refusal refusal={refusalOf(record.error, format)} />
      <TextField id={idOf('heldOn')} field="heldOn" label="Held on" type="date" value={form.heldOn} onChange={(heldOn) => setForm({ ...form, heldOn })} error={errorOf('heldOn')} />
      <TextField
        id={idOf('supervisorName')}
        field="supervisorName"
        label="Supervisor (optional)"
        hint={`Leave empty for ${placement.supervisorName ?? 'the placement’s supervisor'}.`}
        value={form.supervisorName}
        onChange={(supervisorName) => setForm({ ...form, supervisorName })}
        error={errorOf('supervisorName')}
      />
      <TextAreaField
        id={idOf('notes')}
        field="notes"
        label="Notes (optional)"
        hint="Seen by coordinators and admins only."
        rows={3}
        value={form.notes}
        onChange={(notes) => setForm({ ...form, notes })}
        error={errorOf('notes')}
      />
      <TextAreaField
        id={idOf('actions')}
        field="actions"
        label="Agreed actions (optional)"
        hint="The person sees these."
        rows={2}
        value={form.actions}
        onChange={(actions) => setForm({ ...form, actions })}
        error={errorOf('actions')}
      />
      <div className="field">
        <Checkbox
          bare
          field="wellbeingConcern"
          label="A concern about their wellbeing was raised"
          checked={form.wellbeingConcern}
          onChange={(wellbeingConcern) => setForm({ ...form, wellbeingConcern })}
        />
        {!placement.loneWorkingSignedOffOn && (
          <Checkbox
            bare
            field="loneWorkingSignedOff"
            label="Signed off to visit alone (lone working)"
            checked={form.loneWorkingSignedOff}
            onChange={(loneWorkingSignedOff) => setForm({ ...form, loneWorkingSignedOff })}
          />
        )}
      </div>
      <button type="submit" className="button" disabled={record.isPending}>
        {record.isPending ? 'Saving…' : 'Record supervision'}
      </button>
    </form>
  );
}

const OUTCOMES: Array<{ value: Schema<'ReviewDto'>['outcome']; label: string }> = [
  { value: 'continue', label: 'Continue as it is' },
  { value: 'change-needed', label: 'Change needed' },
  { value: 'end', label: 'End the placement' },
];

/** The review at one of the placement's set points; recording a week again replaces it. */
function RecordReview({ placement, onDone }: { placement: PlacementDetail; onDone: (message: string) => void }) {
  const { format } = useSession();
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const refresh = useRefresh(placement.id);
  const firstOpen = placement.reviews.find((r) => !r.heldOn) ?? placement.reviews[0];
  const [form, setForm] = useState<{ week: string; heldOn: string; outcome: Schema<'ReviewDto'>['outcome'] | ''; summary: string }>({
    week: firstOpen ? String(firstOpen.week) : '',
    heldOn: todayIn(format.timeZone),
    outcome: '',
    summary: '',
  });
  const review = useMutation({
    mutationFn: () =>
      read(
        client.POST('/placements/{id}/reviews', {
          params: { path: { id: placement.id } },
          body: asBody({ week: Number(form.week), heldOn: form.heldOn, ...(form.outcome ? { outcome: form.outcome } : {}), ...(form.summary.trim() ? { summary: form.summary } : {}) }),
        }),
      ),
    onSuccess: (saved) => {
      refresh(saved);
      onDone(`Week ${form.week} review recorded.`);
      setForm({ ...form, outcome: '', summary: '' });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(review.error, review.failureCount);
  if (!placement.reviews.length) return null;
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        review.mutate();
      }}
    >
      <h3 id={`${ids}-heading`}>Record a review</h3>
      <ErrorSummary error={fieldError(review.error)} summaryRef={summaryRef} idOf={idOf} />
      <Refusal refusal={refusalOf(review.error, format)} />
      <SelectField id={idOf('week')} field="week" label="Review point" value={form.week} onChange={(week) => setForm({ ...form, week })} error={errorOf('week')}>
        {placement.reviews.map((r) => (
          <option key={r.week} value={String(r.week)}>
            Week {r.week} (due {format.date(r.dueOn)}){r.heldOn ? ', held: recording again replaces it' : ''}
          </option>
        ))}
      </SelectField>
      <TextField id={idOf('heldOn')} field="heldOn" label="Held on" type="date" value={form.heldOn} onChange={(heldOn) => setForm({ ...form, heldOn })} error={errorOf('heldOn')} />
      <Radios id={idOf('outcome')} field="outcome" legend="Outcome" options={OUTCOMES} value={form.outcome} onChange={(outcome) => setForm({ ...form, outcome })} error={errorOf('outcome')} />
      <TextAreaField id={idOf('summary')} field="summary" label="Summary (optional)" rows={3} value={form.summary} onChange={(summary) => setForm({ ...form, summary })} error={errorOf('summary')} />
      <button type="submit" className="button" disabled={review.isPending}>
        {review.isPending ? 'Saving…' : 'Record review'}
      </button>
    </form>
  );
}

export default function PlacementPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { format } = useSession();
  const [message, setMessage] = useState((location.state as { created?: boolean } | null)?.created ? 'Placement created.' : '');
  const placement = useQuery(queries.placement(id));
  const sessions = useQuery(queries.supervision(id));
  return (
    <QueryState query={placement} what="Loading the placement">
      {(p) => (
        <>
          <p>
            <Link to="/placements">Placements and hosts</Link>
          </p>
          <PageHeading title={`${p.personName}: placement`}>
            {p.personName}: {roleAt(p)}
          </PageHeading>
          {message && (
            <p className="success" role="status">
              {message}
            </p>
          )}
          <dl className="facts">
            <dt>Person</dt>
            <dd>
              <Link to={`/people/${p.personId}`}>{p.personName}</Link>
            </dd>
            <dt>Host</dt>
            <dd>
              <Link to={`/hosts/${p.hostId}`}>{p.hostName}</Link>
            </dd>
            <dt>Status</dt>
            <dd data-testid="placement-status">{word(p.status)}</dd>
            <dt>Dates</dt>
            <dd>
              {format.date(p.startsOn)} to {format.date(p.endedOn ?? p.plannedEndOn)}
              {p.endedOn ? ' (ended)' : ' (planned)'}
            </dd>
            {p.endReason && (
              <>
                <dt>Why it ended early</dt>
                <dd>{p.endReason}</dd>
              </>
            )}
            <dt>Hours a week</dt>
            <dd>{p.hoursPerWeek ?? '—'}</dd>
            <dt>Supervisor</dt>
            <dd>
              {p.supervisorName ?? '—'}
              {p.supervisorContact ? ` (${p.supervisorContact})` : ''}
            </dd>
            <dt>Next supervision</dt>
            <dd data-testid="next-supervision">
              {p.supervision.nextDueOn ? format.date(p.supervision.nextDueOn) : 'None: the placement has ended'}
              {p.supervision.overdue ? <span className="pill under"> overdue</span> : null}
              {` (every ${p.supervision.intervalDays} days; last held ${p.supervision.lastHeldOn ? format.date(p.supervision.lastHeldOn) : 'never'})`}
            </dd>
            <dt>Lone working</dt>
            <dd>
              {p.loneWorkingSignedOffOn ? `Signed off to visit alone on ${format.date(p.loneWorkingSignedOffOn)}` : 'Not signed off: visits with a navigator'}
              {p.riskAssessedOn ? `; risk assessed on ${format.date(p.riskAssessedOn)}` : ''}
            </dd>
          </dl>
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">Status</h2>
            <StatusChange key={p.status} placement={p} onDone={setMessage} />
          </section>
          <section aria-labelledby="supervision-heading">
            <h2 id="supervision-heading">Supervision</h2>
            {p.status !== 'proposed' && p.status !== 'completed' && p.status !== 'ended-early' ? (
              <RecordSupervision placement={p} onDone={setMessage} />
            ) : (
              <p>Supervision is recorded while the placement runs.</p>
            )}
            <QueryState query={sessions} what="Loading supervision sessions">
              {(list) =>
                list.length === 0 ? (
                  <Empty>No supervision recorded yet.</Empty>
                ) : (
                  <div className="table-wrap" tabIndex={0} role="region" aria-label="Supervision sessions (scrolls sideways on a small screen)">
                    <table>
                      <caption>Supervision sessions, newest first</caption>
                      <thead>
                        <tr>
                          <th scope="col">Held on</th>
                          <th scope="col">Supervisor</th>
                          <th scope="col">Agreed actions</th>
                          <th scope="col">Notes</th>
                          <th scope="col">Flags</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((s) => (
                          <tr key={s.id}>
                            <td>{format.date(s.heldOn)}</td>
                            <td>{s.supervisorName}</td>
                            <td>{s.actions ?? '—'}</td>
                            <td>{s.notes ?? '—'}</td>
                            <td>{[s.wellbeingConcern && 'Wellbeing concern', s.loneWorkingSignedOff && 'Signed off for lone working'].filter(Boolean).join('; ') || '—'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </QueryState>
          </section>
          <section aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">Reviews</h2>
            {p.reviews.length === 0 ? (
              <Empty>No review points set.</Empty>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Review points (scrolls sideways on a small screen)">
                <table>
                  <caption>Review points</caption>
                  <thead>
                    <tr>
                      <th scope="col">Week</th>
                      <th scope="col">Due</th>
                      <th scope="col">State</th>
                      <th scope="col">Outcome</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.reviews.map((r) => (
                      <tr key={r.week}>
                        <td>{r.week}</td>
                        <td>{format.date(r.dueOn)}</td>
                        <td>{r.heldOn ? `Held ${format.date(r.heldOn)}` : word(r.state)}</td>
                        <td>{r.outcome ? (OUTCOMES.find((o) => o.value === r.outcome)?.label ?? r.outcome) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {p.status !== 'proposed' && <RecordReview placement={p} onDone={setMessage} />}
          </section>
        </>
      )}
    </QueryState>
  );
}
