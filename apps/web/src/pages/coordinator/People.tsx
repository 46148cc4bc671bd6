import { useQuery } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { TextField } from '../../forms';
import { useSession } from '../../session';
import { Empty, PageHeading, Pager, QueryState } from '../../ui';
import { queries } from '../../queries';

const PAGE_SIZE = 25;

export default function People() {
  const { format } = useSession();
  const searchId = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const people = useQuery(queries.people(q, page, PAGE_SIZE));
  function search(event: FormEvent) {
    event.preventDefault();
    setQ(text.trim());
    setPage(1);
  }
  return (
    <>
      <PageHeading>People</PageHeading>
      <form role="search" onSubmit={search} className="inline-fields">
        <TextField id={searchId} field="q" label="Name, email or postcode" type="search" value={text} onChange={setText} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <QueryState query={people} what="Loading people">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{q ? `Nobody matches “${q}”.` : 'No people yet.'}</Empty>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                <table>
                  <caption>People{q ? ` matching “${q}”` : ''}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Recorded</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((person) => (
                      <tr key={person.id}>
                        <td>
                          <Link to={`/people/${person.id}`}>{person.name}</Link>
                        </td>
                        <td>{person.email ?? '—'}</td>
                        <td>{format.date(person.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} label="People" />
            </>
          )
        }
      </QueryState>
    </>
  );
}
