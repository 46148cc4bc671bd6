import { useMutation, useQuery, useQueryClient, UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, Page } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { Application, NEXT_STAGES, Pipeline, Stage, STAGES } from '../../types';
import { Empty, ErrorMessage, Pager, QueryState } from '../../ui';

const PAGE_SIZE = 20;

/**
 * The pipeline as a board: a column heading per stage with its count (pick one to see its people),
 * and for each applicant a button per stage they may move to. Buttons, not drag and drop, so it
 * works the same with a keyboard, a switch or a screen reader.
 */
export function PipelineBoard({ intakeId, pipeline }: { intakeId: string; pipeline: UseQueryResult<Pipeline> }) {
  const [stage, setStage] = useState<Stage>('screened');
  const [page, setPage] = useState(1);
  const [announcement, setAnnouncement] = useState('');
  const { format } = useSession();
  const queryClient = useQueryClient();
  const applications = useQuery({
    queryKey: ['applications', intakeId, stage, page],
    queryFn: ({ signal }) => api<Page<Application>>(`/applications?intakeId=${intakeId}&stage=${stage}&page=${page}&pageSize=${PAGE_SIZE}&sort=name&direction=asc`, { signal }),
  });
  const move = useMutation({
    mutationFn: ({ application, to }: { application: Application; to: Stage }) => api<Application>(`/applications/${application.id}/move`, { method: 'POST', body: { to, version: application.version } }),
    onSuccess: (_moved, { application, to }) => {
      setAnnouncement(`${application.name} moved to ${word(to)}.`);
      void queryClient.invalidateQueries({ queryKey: ['applications', intakeId] });
      void queryClient.invalidateQueries({ queryKey: ['intakes', intakeId, 'pipeline'] });
      void queryClient.invalidateQueries({ queryKey: ['gaps', intakeId] });
    },
  });

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
      <QueryState query={applications} what={`Loading ${word(stage).toLowerCase()} applicants`}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>Nobody is at the {word(stage).toLowerCase()} stage.</Empty>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                <table>
                  <caption>
                    {word(stage)}: {list.total} {list.total === 1 ? 'applicant' : 'applicants'}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">How they came</th>
                      <th scope="col">In this stage since</th>
                      <th scope="col">Move to</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((application) => (
                      <tr key={application.id}>
                        <td>
                          <Link to={`/people/${application.personId}`}>{application.name}</Link>
                        </td>
                        <td>
                          {word(application.source)}
                          {application.referrer ? ` (${application.referrer})` : ''}
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
              <Pager page={page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} label={`${word(stage)} applicants`} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
