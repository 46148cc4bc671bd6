import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { downloadFile } from '../../download';
import { word } from '../../format';
import { Checkbox, SelectField } from '../../forms';
import { useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, Pager, QueryState } from '../../ui';
import { queries } from '../../queries';
import { Schema } from '../../types';

type Preset = NonNullable<Schema<'RequestReportDto'>['preset']>;
const PRESETS: Array<[Preset, string]> = [
  ['last-week', 'Last week'],
  ['last-month', 'Last month'],
  ['month-to-date', 'This month so far'],
  ['last-12-months', 'The last 12 months'],
];
const PAGE_SIZE = 20;

export default function Reports() {
  const { format } = useSession();
  const presetId = useId();
  const queryClient = useQueryClient();
  const [preset, setPreset] = useState<Preset>('last-month');
  const [shared, setShared] = useState(false);
  const [page, setPage] = useState(1);
  const reports = useQuery({
    ...queries.reports(page, PAGE_SIZE),
    // While a report is being produced, look again every few seconds.
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 3000 : false),
  });
  const request = useMutation({
    mutationFn: () => read(client.POST('/reports', { body: { preset, shared } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
  const download = useMutation({ mutationFn: ({ id, as }: { id: string; as: string }) => downloadFile(`/reports/${id}/download?format=${as}`, `report.${as}`) });

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate();
  }

  return (
    <>
      <PageHeading>Reports</PageHeading>
      <form onSubmit={submit}>
        <div className="inline-fields">
          <SelectField id={presetId} field="preset" label="Period" value={preset} onChange={(chosen) => setPreset(chosen as Preset)}>
            {PRESETS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <Checkbox bare label="For sharing outside the organisation (small counts withheld)" checked={shared} onChange={setShared} />
          <button type="submit" className="button" disabled={request.isPending}>
            {request.isPending ? 'Asking…' : 'Ask for a report'}
          </button>
        </div>
        {request.isSuccess && (
          <p className="success" role="status">
            Your report is being prepared. It appears below when ready, and coordinators are emailed a link.
          </p>
        )}
        {request.isError && <ErrorMessage error={request.error} />}
      </form>
      {download.isError && <ErrorMessage error={download.error} />}
      <QueryState query={reports} what="Loading reports">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>No reports yet.</Empty>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                <table>
                  <caption>Reports, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Period</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Asked for</th>
                      <th scope="col">Status</th>
                      <th scope="col">Download</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((r) => (
                      <tr key={r.id}>
                        <td>
                          {format.date(r.periodFrom)} to {format.date(r.periodTo)}
                          {r.shared ? ' (for sharing)' : ''}
                        </td>
                        <td>{word(r.kind)}</td>
                        <td>{format.dateTime(r.requestedAt)}</td>
                        <td>{r.status === 'done' ? 'Ready' : r.status === 'failed' ? 'Could not be produced' : 'Being prepared'}</td>
                        <td>
                          {r.status === 'done' ? (
                            <div className="moves">
                              {['pdf', 'csv', 'html'].map((as) => (
                                <button
                                  key={as}
                                  type="button"
                                  className="button secondary small"
                                  onClick={() => download.mutate({ id: r.id, as })}
                                  aria-label={`Download the report for ${format.date(r.periodFrom)} to ${format.date(r.periodTo)} as ${as.toUpperCase()}`}
                                >
                                  {as.toUpperCase()}
                                </button>
                              ))}
                            </div>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} label="Reports" />
            </>
          )
        }
      </QueryState>
    </>
  );
}
