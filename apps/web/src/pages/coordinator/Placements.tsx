import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { client, read } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { Placement } from '../../types';
import { asBody, ErrorSummary, given, SelectField, TextField, useFormErrors } from '../../forms';
import { todayIn } from './placements/shared';
import { Empty, ErrorMessage, PageHeading, Pager, QueryState } from '../../ui';
import { queries } from '../../queries';

const PAGE_SIZE = 25;

function NewHost() {
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const queryClient = useQueryClient();
  const blank = { name: '', contactName: '', contactEmail: '' };
  const [form, setForm] = useState(blank);
  const create = useMutation({
    mutationFn: () => read(client.POST('/host-organisations', { body: asBody(given(form)) })),
    onSuccess: () => {
      setForm(blank);
      void queryClient.invalidateQueries({ queryKey: ['hosts'] });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h3 id={`${ids}-heading`}>Add a host organisation</h3>
      <ErrorSummary error={create.error} summaryRef={summaryRef} idOf={idOf} order={['name', 'contactName', 'contactEmail']} />
      <div className="inline-fields">
        <TextField id={idOf('name')} field="name" label="Name" value={form.name} onChange={(name) => setForm({ ...form, name })} error={errorOf('name')} />
        <TextField
          id={idOf('contactName')}
          field="contactName"
          label="Contact name (optional)"
          autoComplete="off"
          value={form.contactName}
          onChange={(contactName) => setForm({ ...form, contactName })}
          error={errorOf('contactName')}
        />
        <TextField
          id={idOf('contactEmail')}
          field="contactEmail"
          label="Contact email (optional)"
          type="email"
          autoComplete="off"
          value={form.contactEmail}
          onChange={(contactEmail) => setForm({ ...form, contactEmail })}
          error={errorOf('contactEmail')}
        />
        <button type="submit" className="button" disabled={create.isPending}>
          Add host
        </button>
      </div>
      {create.isSuccess && (
        <p className="success" role="status">
          {create.data.name} added: open it below to add its opportunities.
        </p>
      )}
    </form>
  );
}

export default function Placements() {
  const { format } = useSession();
  const [page, setPage] = useState(1);
  const [hostPage, setHostPage] = useState(1);
  const [status, setStatus] = useState('');
  const statusId = useId();
  const placements = useQuery(queries.placements(page, PAGE_SIZE, status));
  const queryClient = useQueryClient();
  const supervised = useMutation({
    mutationFn: (placement: Placement) => read(client.POST('/placements/{id}/supervision', { params: { path: { id: placement.id } }, body: { heldOn: todayIn(format.timeZone) } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['placements'] }),
  });
  const hosts = useQuery(queries.hosts(hostPage, PAGE_SIZE));
  return (
    <>
      <PageHeading>Placements and hosts</PageHeading>
      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">Placements</h2>
        <div className="actions">
          <Link className="button" to="/placements/new">
            Place a person
          </Link>
          <Link className="button secondary" to="/paid-roles">
            Paid roles and post-holders
          </Link>
        </div>
        <SelectField
          id={statusId}
          field="status"
          label="Show"
          value={status}
          onChange={(chosen) => {
            setStatus(chosen);
            setPage(1);
          }}
        >
          <option value="">All placements</option>
          <option value="proposed,active,paused">Proposed, active or paused</option>
          <option value="proposed">Proposed</option>
          <option value="active">Active</option>
          <option value="paused">Paused</option>
          <option value="completed,ended-early">Ended</option>
        </SelectField>
        {supervised.isError && <ErrorMessage error={supervised.error} />}
        <QueryState query={placements} what="Loading placements">
          {(list) =>
            list.items.length === 0 ? (
              <Empty>{status ? 'No placements with that status.' : 'No placements yet.'}</Empty>
            ) : (
              <>
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                  <table>
                    <caption>Placements, with supervision and reviews due (open one to change its status or record supervision and reviews)</caption>
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
                              <Link to={`/placements/${p.id}`}>
                                {p.roleTitle} at {p.hostName}
                              </Link>
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
                                  <button
                                    type="button"
                                    className="button secondary small"
                                    disabled={supervised.isPending}
                                    onClick={() => supervised.mutate(p)}
                                    aria-label={`Record supervision held today with ${p.personName}`}
                                  >
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
                        <th scope="col" className="number">
                          Opportunities
                        </th>
                        <th scope="col" className="number">
                          Active placements
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((h) => (
                        <tr key={h.id}>
                          <td>
                            <Link to={`/hosts/${h.id}`}>{h.name}</Link>
                          </td>
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
