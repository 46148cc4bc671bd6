import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { ApiError, client, read } from '../../api';
import { Checkbox, Checkboxes, ErrorSummary, Radios, TextField, useFormErrors } from '../../forms';
import { percent, word } from '../../format';
import { useSession } from '../../session';
import { DoneSelection, Intake, isDone, Pipeline, Quota, Schema, Selection } from '../../types';
import { ErrorMessage } from '../../ui';
import { SelectionAlternates } from './SelectionAlternates';
import { SelectionChances } from './SelectionChances';
import { drawWords } from './selection-rerun';
import { runsKey, SelectionRuns } from './SelectionRuns';
import { queries } from '../../queries';

/** A census dimension a selection can set quotas on. */
type SelectionDimension = NonNullable<Schema<'SelectionDto'>['dimensions']>[number];
const SELECTABLE: SelectionDimension[] = ['sex', 'age_18plus', 'ethnicity_broad', 'locality'];

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

/** How the panel is drawn: the API's default lottery, straight from the exact distribution, or a set number of tickets for a physical draw. */
type DrawMethod = 'fair' | 'exact' | 'tickets';
const DRAW_OPTIONS = [
  { value: 'fair', label: 'Fair lottery (recommended)', hint: 'As many tickets as it takes for the least likely applicant’s chance to be within 1% of the best possible.' },
  { value: 'exact', label: 'Exact draw', hint: 'Drawn straight from the fairest distribution with the seed: nothing is lost to rounding, but there are no tickets to draw by hand.' },
  { value: 'tickets', label: 'A set number of tickets, for a draw by hand', hint: 'Fewer tickets are easier to draw in public but can cost the least likely applicants some of their chance.' },
];
const FIELD_ORDER = ['panelSize', 'tolerance', 'seed', 'dimensions', 'draw', 'tickets', 'onePerHousehold'];

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
  const ids = { size: useId(), tolerance: useId(), seed: useId(), draw: useId(), tickets: useId(), household: useId(), dimensions: useId() };
  const { format } = useSession();
  const queryClient = useQueryClient();
  const [drawMethod, setDrawMethod] = useState<DrawMethod>('fair');
  const [tickets, setTickets] = useState('1000');
  const [onePerHousehold, setOnePerHousehold] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [panelSize, setPanelSize] = useState(String(intake.capacity));
  const [tolerance, setTolerance] = useState('2');
  const [seed, setSeed] = useState('');
  const [dimensions, setDimensions] = useState<SelectionDimension[]>(['sex', 'age_18plus', 'ethnicity_broad']);
  const [selection, setSelection] = useState<DoneSelection | undefined>();
  // A large pool answers 202: the selection is followed until the worker has finished it.
  const [pendingId, setPendingId] = useState<string | undefined>();
  const pending = useQuery({
    ...queries.selection(pendingId ?? ''),
    enabled: Boolean(pendingId),
    refetchInterval: (query) => (query.state.data && !UNFINISHED.includes(query.state.data.status) ? false : 1000),
  });
  const following = pendingId ? pending.data : undefined;
  useEffect(() => {
    if (!following || !isDone(following)) return;
    setSelection(following);
    setPendingId(undefined);
  }, [following]);

  // With nothing run on this visit, the selection whose places were offered is the one to work with (alternates, declines).
  const runs = useQuery(queries.selectionRuns(intake.id));
  const [showApplied, setShowApplied] = useState(true);
  const shown = selection ?? (showApplied ? runs.data?.find((r): r is DoneSelection => isDone(r) && r.appliedAt !== null) : undefined);

  const names = useQuery({ ...queries.applicationNames(intake.id), enabled: Boolean(shown) });
  const run = useMutation({
    mutationFn: (quotas?: Quota[]) =>
      read(
        client.POST('/intakes/{id}/selections', {
          params: { path: { id: intake.id } },
          body: {
            panelSize: Number(panelSize),
            dimensions,
            tolerance: { people: Number(tolerance) },
            ...(seed.trim() ? { seed: seed.trim() } : {}),
            ...(quotas ? { quotas } : {}),
            ...(drawMethod === 'exact' ? { draw: 'exact' } : { draw: 'lottery' }),
            ...(drawMethod === 'tickets' ? { tickets: tickets.trim() === '' ? undefined : Number(tickets) } : {}),
            onePerHousehold,
          },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: runsKey(intake.id) }),
    onSuccess: (result) => {
      setSeed(result.seed);
      if (UNFINISHED.includes(result.status)) setPendingId(result.id);
      else if (isDone(result)) setSelection(result);
    },
  });
  const apply = useMutation({
    mutationFn: (id: string) => read(client.POST('/selections/{id}/apply', { params: { path: { id } } })),
    onSuccess: (applied) => {
      if (isDone(applied)) setSelection(applied);
      void queryClient.invalidateQueries({ queryKey: runsKey(intake.id) });
      poolMoved();
    },
  });
  const poolMoved = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['applications', intake.id] });
    void queryClient.invalidateQueries({ queryKey: ['intakes', intake.id, 'pipeline'] });
    void queryClient.invalidateQueries({ queryKey: ['gaps', intake.id] });
  }, [queryClient, intake.id]);

  const failed = following?.status === 'failed' ? following.error : undefined;
  const infeasible = infeasibleOf(run.error) ?? infeasibleOf(failed);
  const busy = run.isPending || Boolean(pendingId && following?.status !== 'failed');
  const nameOf = useCallback((applicationId: string) => names.data?.items.find((a) => a.id === applicationId)?.name ?? 'Applicant', [names.data]);
  // Refusals that name a field (tickets, household rule) sit by that field; infeasible quotas have their own table.
  const formError = run.isError && !infeasible ? run.error : undefined;
  const { formRef, summaryRef, errorOf } = useFormErrors(formError, attempt);
  const pool = pipeline ? pipeline.stages.screened + pipeline.stages.taster : undefined;

  const idOfField = (field: string) =>
    (({ panelSize: ids.size, tolerance: ids.tolerance, seed: ids.seed, draw: ids.draw, tickets: ids.tickets, dimensions: ids.dimensions, onePerHousehold: ids.household }) as Record<string, string>)[
      field
    ] ?? ids.size;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setShowApplied(false);
    apply.reset();
    setSelection(undefined);
    setPendingId(undefined);
    run.mutate(undefined);
  }

  return (
    <section aria-labelledby="selection-heading">
      <h2 id="selection-heading">Fair selection</h2>
      <p>
        When more people apply than there are places, select the cohort by lottery with quotas from the census: every group gets close to its share of the borough, and within that every applicant has
        as equal a chance as the quotas allow. {pool !== undefined && `${pool} screened applicants are in the draw.`}
      </p>
      <form ref={formRef} onSubmit={submit} noValidate>
        <ErrorSummary error={formError} summaryRef={summaryRef} order={FIELD_ORDER} idOf={(field) => idOfField(field)} />
        <div className="inline-fields">
          <TextField id={ids.size} field="panelSize" label="Places to fill" error={errorOf('panelSize')} type="number" min={1} inputMode="numeric" value={panelSize} onChange={setPanelSize} />
          <TextField
            id={ids.tolerance}
            field="tolerance"
            label="Leeway either side of each quota (people)"
            error={errorOf('tolerance')}
            type="number"
            min={0}
            inputMode="numeric"
            value={tolerance}
            onChange={setTolerance}
          />
          <TextField id={ids.seed} field="seed" label="Seed (leave empty for a new draw)" error={errorOf('seed')} value={seed} onChange={setSeed} />
        </div>
        <Checkboxes
          id={ids.dimensions}
          field="dimensions"
          legend="Quotas on"
          error={errorOf('dimensions')}
          options={SELECTABLE.map((d) => ({ value: d, label: word(d) }))}
          values={dimensions}
          onChange={setDimensions}
        />
        <Radios
          id={ids.draw}
          field="draw"
          legend="How the panel is drawn"
          error={errorOf('draw')}
          options={DRAW_OPTIONS}
          value={drawMethod}
          onChange={(value) => setDrawMethod(value as DrawMethod)}
          reveal={
            drawMethod === 'tickets'
              ? () => (
                  <TextField
                    id={ids.tickets}
                    field="tickets"
                    label="Number of tickets"
                    error={errorOf('tickets')}
                    type="number"
                    min={1}
                    inputMode="numeric"
                    className="width-4"
                    value={tickets}
                    onChange={setTickets}
                  />
                )
              : undefined
          }
        />
        <Checkbox
          id={ids.household}
          field="onePerHousehold"
          label="One person per household"
          hint="No two people from the same address on the panel. People with no address recorded count as a household of their own."
          error={errorOf('onePerHousehold')}
          checked={onePerHousehold}
          onChange={setOnePerHousehold}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Selecting…' : 'Run fair selection'}
        </button>
      </form>

      {following && UNFINISHED.includes(following.status) && <p role="status">{progressText(following)}</p>}
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
                  <th scope="col" className="number">
                    Wanted
                  </th>
                  <th scope="col" className="number">
                    Can be met
                  </th>
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
          {failed && (
            <div className="error" role="alert">
              <p>The selection could not be made: {failed.message ?? 'it failed'}</p>
            </div>
          )}
        </>
      )}

      {shown && (
        <div className="selection-result" aria-live="polite">
          <h3>
            Selected {shown.panel.length} of {shown.poolSize}
          </h3>
          {shown.createdAt && (
            <p>
              The selection run {format.dateTime(shown.createdAt)}
              {shown.createdByName ? ` by ${shown.createdByName}` : ''}
              {shown.appliedAt ? `, whose places were offered ${format.dateTime(shown.appliedAt)}` : ''}.
            </p>
          )}
          <p>
            <strong>How fair was the draw?</strong> With no quotas each applicant would have had a {percent(shown.equalChance, 1)} chance ({shown.panelSize} places ÷ {shown.poolSize} applicants).
            Meeting the quotas, the least likely applicant still had a {percent(shown.minimumProbability, 1)} chance of being selected.
          </p>
          <MinimumChances selection={shown} />
          <p>
            Seed: <code>{shown.seed}</code>. Running the selection again with this seed and the same settings draws exactly the same people, so the result can be checked.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
            <table>
              <caption>Quotas and who was selected</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="number">
                    At least
                  </th>
                  <th scope="col" className="number">
                    At most
                  </th>
                  <th scope="col" className="number">
                    Selected
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.quotaTable.map((q) => (
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
            <summary>The {shown.panel.length} selected people</summary>
            <ul>
              {shown.panel.map((id) => (
                <li key={id}>{nameOf(id)}</li>
              ))}
            </ul>
          </details>
          {apply.data && apply.data.id === shown.id ? (
            <p className="success" role="status">
              Done: {apply.data.moved.offered} offered a place and {apply.data.moved.waitlisted} waitlisted.
            </p>
          ) : shown.appliedAt ? (
            <p>Places were offered to this panel {format.dateTime(shown.appliedAt)}.</p>
          ) : (
            <button type="button" className="button" disabled={apply.isPending} onClick={() => apply.mutate(shown.id)}>
              {apply.isPending ? 'Applying…' : `Offer places to the ${shown.panel.length} selected and waitlist the rest`}
            </button>
          )}
          {apply.isError && <ErrorMessage error={apply.error} />}
          <SelectionChances key={shown.id} selection={shown} nameOf={nameOf} />
          {shown.appliedAt && <SelectionAlternates key={`alternates-${shown.id}`} selection={shown} nameOf={nameOf} onChanged={poolMoved} />}
        </div>
      )}
      <SelectionRuns
        intakeId={intake.id}
        shownId={shown?.id}
        onShow={(run) => {
          apply.reset();
          setSelection(run);
        }}
      />
    </section>
  );
}

/** Both smallest chances: the best any draw could give (the exact distribution) and what the draw used gave. */
function MinimumChances({ selection }: { selection: DoneSelection }) {
  const exact = selection.exactMinimumProbability;
  const drawn = selection.lotteryMinimumProbability ?? selection.minimumProbability;
  if (exact === null || exact === undefined) return null;
  const loss = exact > 0 ? (exact - drawn) / exact : 0;
  return (
    <dl className="facts minimum-chances">
      <dt>Smallest chance, exact optimum</dt>
      <dd>{percent(exact, 2)}</dd>
      <dt>Smallest chance in this draw ({drawWords(selection)})</dt>
      <dd>
        {percent(drawn, 2)}
        {selection.draw === 'exact' ? ' (the same: an exact draw loses nothing)' : loss > 0.00005 ? ` (${percent(loss, 1)} below the optimum, lost to rounding to tickets)` : ' (no loss to rounding)'}
      </dd>
    </dl>
  );
}
