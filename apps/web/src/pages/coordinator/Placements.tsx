import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, Page } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { Placement } from '../../types';
import { Empty, PageHeading, Pager, QueryState } from '../../ui';

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

export default function Placements() {
  const { format } = useSession();
  const [page, setPage] = useState(1);
  const [hostPage, setHostPage] = useState(1);
  const placements = useQuery({ queryKey: ['placements', page], placeholderData: keepPreviousData, queryFn: ({ signal }) => api<Page<Placement>>(`/placements?page=${page}&pageSize=${PAGE_SIZE}`, { signal }) });
  const hosts = useQuery({ queryKey: ['hosts', hostPage], placeholderData: keepPreviousData, queryFn: ({ signal }) => api<Page<Host>>(`/host-organisations?page=${hostPage}&pageSize=${PAGE_SIZE}`, { signal }) });
  return (
    <>
      <PageHeading>Placements and hosts</PageHeading>
      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">Placements</h2>
        <QueryState query={placements} what="Loading placements">
          {(list) =>
            list.items.length === 0 ? (
              <Empty>No placements yet.</Empty>
            ) : (
              <>
                <div className="table-wrap">
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
        <QueryState query={hosts} what="Loading host organisations">
          {(list) =>
            list.items.length === 0 ? (
              <Empty>No host organisations yet.</Empty>
            ) : (
              <>
                <div className="table-wrap">
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
