import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useState } from 'react';
import { api, ApiError, Page } from '../../api';
import { percent, word } from '../../format';
import { Application, Intake, Pipeline, Quota, Selection } from '../../types';
import { ErrorMessage } from '../../ui';

const SELECTABLE = ['sex', 'age_18plus', 'ethnicity_broad', 'locality'];

interface Infeasible {
  message: string;
  nearestFeasibleQuotas: Array<Quota & { feasibleMin: number; feasibleMax: number }>;
}

/** From a refusal at once (400) or from a selection the worker ran and found infeasible: the same body either way. */
function infeasibleOf(error: unknown): Infeasible | undefined {
  const body = error instanceof ApiError ? error.body : (error as Selection['error'] | undefined);
  if (body?.code === 'SELECTION_INFEASIBLE' && Array.isArray(body.nearestFeasibleQuotas)) {
    return { message: body.message ?? '', nearestFeasibleQuotas: body.nearestFeasibleQuotas as Infeasible['nearestFeasibleQuotas'] };
  }
  return undefined;
}

const UNFINISHED = ['queued', 'running'];

/** What a person waiting for a large pool's selection is told, stage by stage. */
function progressText(selection: Selection): string {
  if (selection.status === 'queued') return `Queued: ${selection.poolSize} applicants is a large pool, so the selection runs in the background. It starts shortly.`;
  if (selection.stage === 'solving') return `Working out the fairest lottery for ${selection.poolSize} applicants. This can take a minute.`;
  if (selection.stage === 'storing') return 'Saving the selection…';
  return `Reading the ${selection.poolSize} applicants and the census figures…`;
}

/**
 * Fair selection from an over-subscribed pool: quotas from the census met on every dimension at
 * once, each applicant given as equal a chance as the quotas allow, drawn with a published seed.
 */
export function FairSelection({ intake, pipeline }: { intake: Intake; pipeline?: Pipeline }) {
  const ids = { size: useId(), tolerance: useId(), seed: useId() };
  const queryClient = useQueryClient();
  const [panelSize, setPanelSize] = useState(String(intake.capacity));
  const [tolerance, setTolerance] = useState('2');
  const [seed, setSeed] = useState('');
  const [dimensions, setDimensions] = useState<string[]>(['sex', 'age_18plus', 'ethnicity_broad']);
  const [selection, setSelection] = useState<Selection | undefined>();
  // A large pool answers 202: the selection is followed until the worker has finished it.
  const [pendingId, setPendingId] = useState<string | undefined>();
  const pending = useQuery({
    queryKey: ['selections', pendingId],
    enabled: Boolean(pendingId),
    queryFn: ({ signal }) => api<Selection>(`/selections/${pendingId}`, { signal }),
    refetchInterval: (query) => (query.state.data && !UNFINISHED.includes(query.state.data.status) ? false : 1000),
  });
  const following = pendingId ? pending.data : undefined;
  useEffect(() => {
    if (following?.status !== 'done') return;
    setSelection(following);
    setPendingId(undefined);
  }, [following]);

  const names = useQuery({
    queryKey: ['applications', intake.id, 'names'],
    enabled: Boolean(selection),
    queryFn: ({ signal }) => api<Page<Application>>(`/applications?intakeId=${intake.id}&pageSize=200&sort=name&direction=asc`, { signal }),
  });
  const run = useMutation({
    mutationFn: (quotas?: Quota[]) =>
      api<Selection>(`/intakes/${intake.id}/selections`, {
        method: 'POST',
        body: { panelSize: Number(panelSize), dimensions, tolerance: { people: Number(tolerance) }, ...(seed.trim() ? { seed: seed.trim() } : {}), ...(quotas ? { quotas } : {}) },
      }),
    onSuccess: (result) => {
      setSeed(result.seed);
      if (UNFINISHED.includes(result.status)) setPendingId(result.id);
      else setSelection(result);
    },
  });
  const apply = useMutation({
    mutationFn: (id: string) => api<{ moved: { offered: number; waitlisted: number }; appliedAt: string }>(`/selections/${id}/apply`, { method: 'POST' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['applications', intake.id] });
      void queryClient.invalidateQueries({ queryKey: ['intakes', intake.id, 'pipeline'] });
      void queryClient.invalidateQueries({ queryKey: ['gaps', intake.id] });
    },
  });

  const failed = following?.status === 'failed' ? following.error : undefined;
  const infeasible = infeasibleOf(run.error) ?? infeasibleOf(failed);
  const busy = run.isPending || Boolean(pendingId && following?.status !== 'failed');
  const nameOf = (applicationId: string) => names.data?.items.find((a) => a.id === applicationId)?.name ?? 'Applicant';
  const pool = pipeline ? pipeline.stages.screened + pipeline.stages.taster : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    apply.reset();
    setSelection(undefined);
    setPendingId(undefined);
    run.mutate(undefined);
  }

  return (
    <section aria-labelledby="selection-heading">
      <h2 id="selection-heading">Fair selection</h2>
      <p>
        When more people apply than there are places, select the cohort by lottery with quotas from the census: every group gets close to its share of the borough, and
        within that every applicant has as equal a chance as the quotas allow. {pool !== undefined && `${pool} screened applicants are in the draw.`}
      </p>
      <form onSubmit={submit}>
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={ids.size}>Places to fill</label>
            <input id={ids.size} type="number" min={1} inputMode="numeric" value={panelSize} onChange={(e) => setPanelSize(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.tolerance}>Leeway either side of each quota (people)</label>
            <input id={ids.tolerance} type="number" min={0} inputMode="numeric" value={tolerance} onChange={(e) => setTolerance(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.seed}>Seed (leave empty for a new draw)</label>
            <input id={ids.seed} value={seed} onChange={(e) => setSeed(e.target.value)} />
          </div>
        </div>
        <fieldset className="field">
          <legend>Quotas on</legend>
          {SELECTABLE.map((d) => (
            <label key={d} className="choice">
              <input type="checkbox" checked={dimensions.includes(d)} onChange={(e) => setDimensions(e.target.checked ? [...dimensions, d] : dimensions.filter((x) => x !== d))} />
              {word(d)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Selecting…' : 'Run fair selection'}
        </button>
      </form>

      {following && UNFINISHED.includes(following.status) && (
        <p role="status">
          {progressText(following)}
        </p>
      )}
      {pending.isError && <ErrorMessage error={pending.error} retry={() => void pending.refetch()} />}

      {infeasible ? (
        <div className="warning" role="alert">
          <p>No cohort of this size can meet every quota with the people in the pool. These are the nearest quotas that can be met together:</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
            <table>
              <caption>Quotas that cannot all be met, and the nearest that can</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="number">Wanted</th>
                  <th scope="col" className="number">Can be met</th>
                </tr>
              </thead>
              <tbody>
                {infeasible.nearestFeasibleQuotas.map((q) => (
                  <tr key={`${q.category}:${q.feature}`}>
                    <th scope="row">
                      {word(q.category)}: {q.feature}
                    </th>
                    <td className="number">
                      {q.min}–{q.max}
                    </td>
                    <td className="number">
                      {q.feasibleMin}–{q.feasibleMax}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              setPendingId(undefined);
              run.mutate(infeasible.nearestFeasibleQuotas.map((q) => ({ category: q.category, feature: q.feature, min: q.feasibleMin, max: q.feasibleMax })));
            }}
          >
            Select with the nearest quotas that can be met
          </button>
        </div>
      ) : (
        <>
          {run.isError && <ErrorMessage error={run.error} />}
          {failed && (
            <div className="error" role="alert">
              <p>The selection could not be made: {failed.message ?? 'it failed'}</p>
            </div>
          )}
        </>
      )}

      {selection && (
        <div className="selection-result" aria-live="polite">
          <h3>Selected {selection.panel.length} of {selection.poolSize}</h3>
          <p>
            <strong>How fair was the draw?</strong> With no quotas each applicant would have had a {percent(selection.equalChance, 1)} chance ({selection.panelSize} places ÷{' '}
            {selection.poolSize} applicants). Meeting the quotas, the least likely applicant still had a {percent(selection.minimumProbability, 1)} chance of being selected.
          </p>
          <p>
            Seed: <code>{selection.seed}</code>. Running the selection again with this seed and the same settings draws exactly the same people, so the result can be checked.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
            <table>
              <caption>Quotas and who was selected</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="number">At least</th>
                  <th scope="col" className="number">At most</th>
                  <th scope="col" className="number">Selected</th>
                </tr>
              </thead>
              <tbody>
                {selection.quotaTable.map((q) => (
                  <tr key={`${q.category}:${q.feature}`}>
                    <th scope="row">
                      {word(q.category)}: {q.feature}
                    </th>
                    <td className="number">{q.min}</td>
                    <td className="number">{q.max}</td>
                    <td className="number">{q.selected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details>
            <summary>The {selection.panel.length} selected people</summary>
            <ul>
              {selection.panel.map((id) => (
                <li key={id}>{nameOf(id)}</li>
              ))}
            </ul>
          </details>
          {apply.data ? (
            <p className="success" role="status">
              Done: {apply.data.moved.offered} offered a place and {apply.data.moved.waitlisted} waitlisted.
            </p>
          ) : (
            <button type="button" className="button" disabled={apply.isPending} onClick={() => apply.mutate(selection.id)}>
              {apply.isPending ? 'Applying…' : `Offer places to the ${selection.panel.length} selected and waitlist the rest`}
            </button>
          )}
          {apply.isError && <ErrorMessage error={apply.error} />}
        </div>
      )}
    </section>
  );
}
