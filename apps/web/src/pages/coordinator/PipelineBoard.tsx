import { useMutation, useQuery, useQueryClient, UseQueryResult } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, client, read } from '../../api';
import { word } from '../../format';
import { Checkbox, SelectField } from '../../forms';
import { useSession } from '../../session';
import { Application, NEXT_STAGES, Pipeline, Stage, STAGES } from '../../types';
import { Empty, ErrorMessage, Pager, QueryState } from '../../ui';
import { PIPELINE_FIRST_STAGE, PIPELINE_PAGE_SIZE, queries } from '../../queries';

const CHANNEL_WORDS: Record<string, string> = { phone: 'by phone', paper: 'on paper', 'in-person': 'in person', import: 'imported' };

interface BulkMoveFailure {
  applicationId: string;
  name: string;
  message: string;
}

/** Why a bulk move was refused: nothing moved, and each one that could not move is named. */
function BulkMoveRefusal({ error }: { error: unknown }) {
  const failures = error instanceof ApiError ? ((error.body?.failures as BulkMoveFailure[] | undefined) ?? []) : [];
  if (failures.length === 0) return <ErrorMessage error={error} />;
  return (
    <div className="error" role="alert">
      <p>Nobody was moved. {failures.length === 1 ? 'This applicant cannot' : 'These applicants cannot'} make that move; take them out of the selection and try again:</p>
      <ul>
        {failures.map((f) => (
          <li key={f.applicationId}>
            {f.name}: {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The pipeline as a board: a column heading per stage with its count (pick one to see its people),
 * and for each applicant a button per stage they may move to. Buttons, not drag and drop, so it
 * works the same with a keyboard, a switch or a screen reader.
 */
export function PipelineBoard({ intakeId, pipeline }: { intakeId: string; pipeline: UseQueryResult<Pipeline> }) {
  const [stage, setStage] = useState<Stage>(PIPELINE_FIRST_STAGE);
  const [page, setPage] = useState(1);
  const [announcement, setAnnouncement] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkTo, setBulkTo] = useState<Stage | ''>('');
  const [selectionError, setSelectionError] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const ids = useId();
  const { format } = useSession();
  const queryClient = useQueryClient();
  const applications = useQuery(queries.applicationsAtStage(intakeId, stage, page, PIPELINE_PAGE_SIZE));
  const move = useMutation({
    mutationFn: ({ application, to }: { application: Application; to: Stage }) =>
      read(client.POST('/applications/{id}/move', { params: { path: { id: application.id } }, body: { to, version: application.version } })),
    onSuccess: (_moved, { application, to }) => {
      setAnnouncement(`${application.name} moved to ${word(to)}.`);
      void queryClient.invalidateQueries({ queryKey: ['applications', intakeId] });
      void queryClient.invalidateQueries({ queryKey: ['intakes', intakeId, 'pipeline'] });
      void queryClient.invalidateQueries({ queryKey: ['gaps', intakeId] });
    },
  });
  const bulk = useMutation({
    mutationFn: ({ to, applications }: { to: Stage; applications: Application[] }) =>
      read(client.POST('/applications/bulk-moves', { body: { to, applications: applications.map((a) => ({ id: a.id, version: a.version })) } })),
    onSuccess: (result, { to }) => {
      const n = result.moved.length;
      setAnnouncement(`${n} ${n === 1 ? 'applicant' : 'applicants'} moved to ${word(to)}.`);
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['applications', intakeId] });
      void queryClient.invalidateQueries({ queryKey: ['intakes', intakeId, 'pipeline'] });
      void queryClient.invalidateQueries({ queryKey: ['gaps', intakeId] });
    },
    // The moved rows leave this list, taking the focused control with them: focus stays on the list.
    onSettled: () => listRef.current?.focus(),
  });

  function moveSelected(list: Application[]) {
    const chosen = list.filter((a) => selected.has(a.id));
    if (chosen.length === 0 || !bulkTo) {
      setSelectionError(chosen.length === 0 ? 'Select at least one applicant to move.' : 'Choose the stage to move them to.');
      return;
    }
    setSelectionError('');
    bulk.mutate({ to: bulkTo, applications: chosen });
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <section aria-labelledby="pipeline-heading">
      <h2 id="pipeline-heading">Pipeline</h2>
      <QueryState query={pipeline} what="Loading the pipeline">
        {(p) => (
          <ul className="stages" aria-label="Stages">
            {STAGES.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  className="button secondary small"
                  aria-pressed={stage === s}
                  onClick={() => {
                    setStage(s);
                    setPage(1);
                  }}
                >
                  {word(s)} <span className="pill">{p.stages[s] ?? 0}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <p role="status" aria-live="polite" className={announcement ? 'success' : 'visually-hidden'}>
        {announcement}
      </p>
      {move.isError && <ErrorMessage error={move.error} />}
      {bulk.isError && <BulkMoveRefusal error={bulk.error} />}
      <div ref={listRef} tabIndex={-1} className="list-focus" aria-label={`${word(stage)} applicants`} role="group">
        <QueryState query={applications} what={`Loading ${word(stage).toLowerCase()} applicants`}>
          {(list) =>
            list.items.length === 0 ? (
              <Empty>Nobody is at the {word(stage).toLowerCase()} stage.</Empty>
            ) : (
              <>
                {NEXT_STAGES[stage].length > 0 && (
                  <div className="bulk-bar">
                    <SelectField
                      id={`${ids}-bulk-to`}
                      label="Move the selected applicants to"
                      value={bulkTo}
                      onChange={(chosen) => setBulkTo(chosen as Stage)}
                      aria-describedby={selectionError ? `${ids}-bulk-error` : undefined}
                    >
                      <option value="">Choose a stage</option>
                      {NEXT_STAGES[stage].map((to) => (
                        <option key={to} value={to}>
                          {word(to)}
                        </option>
                      ))}
                    </SelectField>
                    <button type="button" className="button" disabled={bulk.isPending} onClick={() => moveSelected(list.items)}>
                      {bulk.isPending ? 'Moving…' : `Move ${selected.size} selected`}
                    </button>
                    {selectionError && (
                      <p className="field-error" id={`${ids}-bulk-error`} role="alert">
                        {selectionError}
                      </p>
                    )}
                  </div>
                )}
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                  <table>
                    <caption>
                      {word(stage)}: {list.total} {list.total === 1 ? 'applicant' : 'applicants'}
                    </caption>
                    <thead>
                      <tr>
                        {NEXT_STAGES[stage].length > 0 && (
                          <th scope="col" className="select-cell">
                            <Checkbox
                              aria-label="Select everyone on this page"
                              checked={list.items.every((a) => selected.has(a.id))}
                              onChange={(checked) => setSelected(checked ? new Set(list.items.map((a) => a.id)) : new Set())}
                            />
                          </th>
                        )}
                        <th scope="col">Name</th>
                        <th scope="col">How they came</th>
                        <th scope="col">In this stage since</th>
                        <th scope="col">Move to</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((application) => (
                        <tr key={application.id}>
                          {NEXT_STAGES[stage].length > 0 && (
                            <td className="select-cell">
                              <Checkbox aria-label={`Select ${application.name}`} checked={selected.has(application.id)} onChange={(checked) => toggle(application.id, checked)} />
                            </td>
                          )}
                          <td>
                            <Link to={`/people/${application.personId}`}>{application.name}</Link>
                          </td>
                          <td>
                            {word(application.source)}
                            {application.partnerName ? ` (${application.partnerName})` : application.referrer ? ` (${application.referrer})` : ''}
                            {application.channel && CHANNEL_WORDS[application.channel] ? `, ${CHANNEL_WORDS[application.channel]}` : ''}
                          </td>
                          <td>{format.date(application.stageChangedAt)}</td>
                          <td>
                            <div className="moves">
                              {NEXT_STAGES[application.stage].map((to) => (
                                <button
                                  key={to}
                                  type="button"
                                  className="button secondary small"
                                  disabled={move.isPending}
                                  aria-label={`Move ${application.name} to ${word(to)}`}
                                  onClick={() => move.mutate({ application, to })}
                                >
                                  {word(to)}
                                </button>
                              ))}
                              {NEXT_STAGES[application.stage].length === 0 && <span>Final stage</span>}
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager
                  page={page}
                  pageSize={PIPELINE_PAGE_SIZE}
                  total={list.total}
                  onPage={(next) => {
                    setPage(next);
                    setSelected(new Set());
                  }}
                  label={`${word(stage)} applicants`}
                />
              </>
            )
          }
        </QueryState>
      </div>
    </section>
  );
}
