import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { ApiError, client, read } from '../../api';
import { ErrorSummary, fieldDetails, SelectField, useFormErrors } from '../../forms';
import { percent } from '../../format';
import { useSession } from '../../session';
import { Replacement, Selection } from '../../types';
import { Empty, ErrorMessage, QueryState } from '../../ui';
import { quotaRange } from './selection-words';
import { queries } from '../../queries';

/** The panel as it stands: the drawn one with each replacement applied in turn (as the API counts it). */
function currentPanel(selection: Selection, replacements: Replacement[]): string[] {
  let panel = [...(selection.panel ?? [])];
  for (const r of replacements) panel = panel.filter((id) => id !== r.declinedApplicationId).concat(r.offeredApplicationId);
  return panel;
}

/**
 * After places are offered: the alternates in the order they are offered a place, the quotas at
 * risk if people drop out, and the one action a coordinator needs when someone declines.
 */
export function SelectionAlternates({ selection, nameOf, onChanged }: { selection: Selection; nameOf: (applicationId: string) => string; onChanged: () => void }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [declined, setDeclined] = useState('');
  const [attempt, setAttempt] = useState(0);
  // Nobody chosen is caught here, in the same words and place as the API's refusals.
  const [unchosen, setUnchosen] = useState<ApiError | undefined>();
  const key = ['selections', selection.id, 'replacements'];
  const replacements = useQuery(queries.replacements(selection.id));
  const replace = useMutation({
    mutationFn: (applicationId: string) => read<Replacement>(client.POST('/selections/{id}/replacements', { params: { path: { id: selection.id } }, body: { applicationId } })),
    onSuccess: () => {
      setDeclined('');
      void queryClient.invalidateQueries({ queryKey: key });
      onChanged();
    },
  });
  const formError = unchosen ?? (fieldDetails(replace.error).length ? replace.error : undefined);
  const { formRef, summaryRef, errorOf } = useFormErrors(formError, attempt);

  const alternates = selection.alternates;
  const recorded = replacements.data ?? [];
  const offered = new Set(recorded.map((r) => r.offeredApplicationId));
  const panel = currentPanel(selection, recorded);
  const noneLeft = replace.error instanceof ApiError && replace.error.body?.code === 'SELECTION_NO_ALTERNATE';
  const otherError = replace.isError && !noneLeft && fieldDetails(replace.error).length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!declined) {
      replace.reset();
      setUnchosen(new ApiError(400, { statusCode: 400, details: [{ field: 'applicationId', rule: 'chosen', message: 'Choose the person who declined or dropped out' }] }));
      return;
    }
    setUnchosen(undefined);
    replace.mutate(declined);
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Alternates</h3>
      {!alternates ? (
        <p>This selection was stored before alternates were kept: if someone declines, run a new selection for the remaining places.</p>
      ) : (
        <>
          <p>
            If someone on the panel declines or drops out, their place goes to the first alternate below who keeps every quota. The list is ordered and sized from how often people like those selected
            have left cohorts early here (about {alternates.expectedDropOuts.toFixed(1)} departures expected).
          </p>
          {alternates.alternates.length === 0 ? (
            <Empty>There are no alternates: everyone in the pool was selected.</Empty>
          ) : (
            <ol className="alternates">
              {alternates.alternates.map((a) => (
                <li key={a.applicationId}>
                  {nameOf(a.applicationId)}
                  {offered.has(a.applicationId) ? ' — offered a place' : ''}
                  {a.dropOutRisk > 0 ? ` (drop-out risk ${percent(a.dropOutRisk)})` : ''}
                </li>
              ))}
            </ol>
          )}
          <h4>Quotas at risk</h4>
          {alternates.atRisk.length === 0 ? (
            <p>No quota is at risk: no group on the panel sits at its minimum with people expected to leave.</p>
          ) : (
            <ul>
              {alternates.atRisk.map((q) => (
                <li key={`${q.category}:${q.feature}`}>
                  {quotaRange(q)}; about {q.expectedDropOuts.toFixed(1)} expected to leave, and {q.alternatesWithFeature} {q.alternatesWithFeature === 1 ? 'alternate' : 'alternates'} in the same
                  group.
                </li>
              ))}
            </ul>
          )}

          <form ref={formRef} onSubmit={submit} noValidate>
            <h4>Someone declined</h4>
            <ErrorSummary error={formError} summaryRef={summaryRef} idOf={() => `${id}-declined`} />
            <SelectField
              id={`${id}-declined`}
              field="applicationId"
              label="Who declined or dropped out?"
              hint="Choose from the people on the panel now."
              error={errorOf('applicationId')}
              value={declined}
              onChange={setDeclined}
            >
              <option value="">Choose a person</option>
              {panel.map((applicationId) => (
                <option key={applicationId} value={applicationId}>
                  {nameOf(applicationId)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button" disabled={replace.isPending}>
              {replace.isPending ? 'Offering…' : 'Offer the place to the next alternate'}
            </button>
          </form>
          <div aria-live="polite">
            {noneLeft && (
              <p className="warning" role="alert">
                No alternate is left: everyone on the list has already been offered a place or has moved on. Nobody was moved. To fill this place, offer it to someone on the waiting list from the
                board above, or run a new selection.
              </p>
            )}
            {replace.data && (
              <p className="success" role="status">
                {nameOf(replace.data.declinedApplicationId)} declined and {nameOf(replace.data.offeredApplicationId)} has been offered the place.
                {replace.data.keepsQuotas ? ' Every quota still holds.' : ' No alternate could keep every quota.'}
                {replace.data.alternatesLeft !== undefined && ` ${replace.data.alternatesLeft} ${replace.data.alternatesLeft === 1 ? 'alternate is' : 'alternates are'} left.`}
              </p>
            )}
          </div>
          {otherError && <ErrorMessage error={replace.error} />}
        </>
      )}

      <h4>Replacements made</h4>
      <QueryState query={replacements} what="Loading the replacements">
        {(list) =>
          list.length === 0 ? (
            <Empty>No replacements yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Replacements table (scrolls sideways on a small screen)">
              <table>
                <caption>Replacements made from the alternates, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Declined</th>
                    <th scope="col">Offered the place</th>
                    <th scope="col">Quotas</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{format.dateTime(r.createdAt)}</th>
                      <td>{nameOf(r.declinedApplicationId)}</td>
                      <td>{nameOf(r.offeredApplicationId)}</td>
                      <td>
                        {r.keepsQuotas ? (
                          'Every quota kept'
                        ) : (
                          <>
                            No alternate kept every quota; outside their range now:
                            <ul>
                              {r.brokenQuotas.map((q) => (
                                <li key={`${q.category}:${q.feature}`}>{quotaRange(q)}</li>
                              ))}
                            </ul>
                          </>
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
    </section>
  );
}
