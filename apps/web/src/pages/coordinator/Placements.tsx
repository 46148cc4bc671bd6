import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api, Page } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { Placement } from '../../types';
import { Empty, ErrorMessage, PageHeading, Pager, QueryState } from '../../ui';

interface Host {
  id: string;
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  localityName: string | null;
  opportunities: number;
  activePlacements: number;
}

const PAGE_SIZE = 25;

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function NewHost() {
  const ids = { name: useId(), contact: useId(), email: useId() };
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', contactName: '', contactEmail: '' });
  const create = useMutation({
    mutationFn: () => api<Host>('/host-organisations', { method: 'POST', body: Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '')) }),
    onSuccess: () => {
      setForm({ name: '', contactName: '', contactEmail: '' });
      void queryClient.invalidateQueries({ queryKey: ['hosts'] });
    },
  });
  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h3>Add a host organisation</h3>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.contact}>Contact name (optional)</label>
          <input id={ids.contact} value={form.contactName} onChange={(e) => setForm({ ...form, contactName: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>Contact email (optional)</label>
          <input id={ids.email} type="email" value={form.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} />
        </div>
        <button type="submit" className="button" disabled={create.isPending}>
          Add host
        </button>
      </div>
      {create.isSuccess && (
        <p className="success" role="status">
          Host organisation added.
        </p>
      )}
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  );
}

export default function Placements() {
  const { format } = useSession();
  const [page, setPage] = useState(1);
  const [hostPage, setHostPage] = useState(1);
  const placements = useQuery({ queryKey: ['placements', page], placeholderData: keepPreviousData, queryFn: ({ signal }) => api<Page<Placement>>(`/placements?page=${page}&pageSize=${PAGE_SIZE}`, { signal }) });
  const queryClient = useQueryClient();
  const supervised = useMutation({
    mutationFn: (placement: Placement) => api(`/placements/${placement.id}/supervision`, { method: 'POST', body: { heldOn: todayIn(format.timeZone) } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['placements'] }),
  });
  const hosts = useQuery({ queryKey: ['hosts', hostPage], placeholderData: keepPreviousData, queryFn: ({ signal }) => api<Page<Host>>(`/host-organisations?page=${hostPage}&pageSize=${PAGE_SIZE}`, { signal }) });
  return (
    <>
      <PageHeading>Placements and hosts</PageHeading>
      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">Placements</h2>
        {supervised.isError && <ErrorMessage error={supervised.error} />}
        <QueryState query={placements} what="Loading placements">
          {(list) =>
            list.items.length === 0 ? (
              <Empty>No placements yet.</Empty>
            ) : (
              <>
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                  <table>
                    <caption>Placements, with supervision and reviews due</caption>
                    <thead>
                      <tr>
                        <th scope="col">Person</th>
                        <th scope="col">Role and host</th>
                        <th scope="col">Status</th>
                        <th scope="col">Dates</th>
                        <th scope="col">Next supervision</th>
                        <th scope="col">Next review</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((p) => {
                        const review = p.reviews.find((r) => !r.heldOn);
                        return (
                          <tr key={p.id}>
                            <td>
                              <Link to={`/people/${p.personId}`}>{p.personName}</Link>
                            </td>
                            <td>
                              {p.roleTitle} at {p.hostName}
                            </td>
                            <td>{word(p.status)}</td>
                            <td>
                              {format.date(p.startsOn)} to {format.date(p.plannedEndOn)}
                            </td>
                            <td>
                              {format.date(p.supervision.nextDueOn)}
                              {p.supervision.overdue ? <span className="pill under"> overdue</span> : null}
                              {p.status === 'active' && (
                                <>
                                  {' '}
                                  <button type="button" className="button secondary small" disabled={supervised.isPending} onClick={() => supervised.mutate(p)} aria-label={`Record supervision held today with ${p.personName}`}>
                                    Held today
                                  </button>
                                </>
                              )}
                            </td>
                            <td>{review ? `Week ${review.week}, ${format.date(review.dueOn)}` : '—'}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                <Pager page={page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} label="Placements" />
              </>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="hosts-heading">
        <h2 id="hosts-heading">Host organisations</h2>
        <NewHost />
        <QueryState query={hosts} what="Loading host organisations">
          {(list) =>
            list.items.length === 0 ? (
              <Empty>No host organisations yet.</Empty>
            ) : (
              <>
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                  <table>
                    <caption>Host organisations</caption>
                    <thead>
                      <tr>
                        <th scope="col">Host</th>
                        <th scope="col">Contact</th>
                        <th scope="col">Locality</th>
                        <th scope="col" className="number">Opportunities</th>
                        <th scope="col" className="number">Active placements</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((h) => (
                        <tr key={h.id}>
                          <td>{h.name}</td>
                          <td>
                            {h.contactName ?? '—'}
                            {h.contactEmail ? (
                              <>
                                {' '}
                                (<a href={`mailto:${h.contactEmail}`}>{h.contactEmail}</a>)
                              </>
                            ) : null}
                          </td>
                          <td>{h.localityName ?? '—'}</td>
                          <td className="number">{h.opportunities}</td>
                          <td className="number">{h.activePlacements}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager page={hostPage} pageSize={PAGE_SIZE} total={list.total} onPage={setHostPage} label="Host organisations" />
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
