import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, read } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { DoneSelection, isDone, Selection } from '../../types';
import { Empty, ErrorMessage, QueryState } from '../../ui';
import { compare, Comparison, drawWords, rerunRequest } from './selection-rerun';
import { queries } from '../../queries';

const UNFINISHED = ['queued', 'running'];

export const runsKey = (intakeId: string) => ['intakes', intakeId, 'selections'];

/** Waits for a selection the worker runs (a large pool answers 202), checking once a second. */
async function finished(selection: Selection): Promise<Selection> {
  let current = selection;
  while (UNFINISHED.includes(current.status)) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    current = await read(client.GET('/selections/{id}', { params: { path: { id: current.id } } }));
  }
  return current;
}

/**
 * Earlier selections of this intake, newest first, with who ran them and when; any can be shown
 * again or re-run from its seed to show anyone that the same inputs draw the same panel.
 */
export function SelectionRuns({ intakeId, shownId, onShow }: { intakeId: string; shownId?: string; onShow: (selection: DoneSelection) => void }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const runs = useQuery(queries.selectionRuns(intakeId));
  const rerun = useMutation({
    mutationFn: async (original: Selection) => {
      const started = await read(client.POST('/intakes/{id}/selections', { params: { path: { id: intakeId } }, body: rerunRequest(original) }));
      return compare(original, await finished(started));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: runsKey(intakeId) }),
  });
  const result = rerun.data;

  return (
    <section aria-labelledby="runs-heading">
      <h3 id="runs-heading">Earlier runs</h3>
      <QueryState query={runs} what="Loading the earlier runs">
        {(list) =>
          list.length === 0 ? (
            <Empty>No selection has been run for this intake yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Earlier runs table (scrolls sideways on a small screen)">
              <table>
                <caption>Selections run for this intake, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Run by</th>
                    <th scope="col">Seed</th>
                    <th scope="col">Method</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((run) => (
                    <tr key={run.id}>
                      <th scope="row">{format.dateTime(run.createdAt)}</th>
                      <td>{run.createdByName ?? (run.createdBy ? 'A former member' : '—')}</td>
                      <td>
                        <code>{run.seed}</code>
                      </td>
                      <td>
                        {word(run.algorithm).toUpperCase()}, {drawWords(run)}
                        {run.inputs?.onePerHousehold ? ', one per household' : ''}
                      </td>
                      <td>{statusWords(run)}</td>
                      <td>
                        {isDone(run) && (
                          <div className="actions">
                            <button type="button" className="button secondary small" disabled={run.id === shownId} onClick={() => onShow(run)}>
                              {run.id === shownId ? 'Shown above' : 'Show this run'}
                              <span className="visually-hidden"> (seed {run.seed})</span>
                            </button>
                            {run.inputs && (
                              <button type="button" className="button secondary small" disabled={rerun.isPending} onClick={() => rerun.mutate(run)}>
                                Re-run from this seed<span className="visually-hidden"> ({run.seed})</span>
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <div aria-live="polite">
        {rerun.isPending && <p role="status">Running the selection again from its seed…</p>}
        {result && <ComparisonText comparison={result} />}
      </div>
      {rerun.isError && <ErrorMessage error={rerun.error} />}
    </section>
  );
}

function statusWords(run: Selection): string {
  if (run.status === 'done') return `${run.panel?.length ?? 0} of ${run.poolSize} selected${run.appliedAt ? ', places offered' : ''}`;
  if (run.status === 'failed') return `Failed${run.error?.message ? `: ${run.error.message}` : ''}`;
  return run.status === 'queued' ? 'Queued' : 'Running';
}

function ComparisonText({ comparison: { original, rerun, same, differing } }: { comparison: Comparison }) {
  if (rerun.status === 'failed') {
    return (
      <p className="error" role="alert">
        The re-run from seed <code>{original.seed}</code> could not be made: {rerun.error?.message ?? 'it failed'}
      </p>
    );
  }
  if (same) {
    return (
      <p className="success" role="status">
        Same panel: the re-run from seed <code>{original.seed}</code> selected exactly the same {rerun.panel?.length ?? 0} people as the run it repeats.
      </p>
    );
  }
  const poolChanged = rerun.poolSize !== original.poolSize;
  return (
    <p className="warning" role="status">
      A different panel: the re-run from seed <code>{original.seed}</code> selected {differing} {differing === 1 ? 'person' : 'people'} the earlier run did not.{' '}
      {poolChanged
        ? `The pool has changed since (${original.poolSize} applicants then, ${rerun.poolSize} now: places offered since take people out of the draw), and a different pool gives a different draw.`
        : 'The applicants in the draw, or their answers, have changed since, and a different pool gives a different draw.'}
    </p>
  );
}
