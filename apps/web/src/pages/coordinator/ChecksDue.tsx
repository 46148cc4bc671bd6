import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { checkName } from '../../field';
import { useSession } from '../../session';
import { Empty, PageHeading, QueryState } from '../../ui';
import '../../field.css';
import { queries } from '../../queries';

/** Checks expired or due to expire and not renewed, soonest first, each linking to the person. */
export default function ChecksDue() {
  const { format } = useSession();
  const checks = useQuery(queries.checksExpiring());
  return (
    <>
      <PageHeading>Checks due to expire</PageHeading>
      <p>DBS checks, references, right to work and training that have expired or expire soon and have not been renewed. Record the new check on the person’s page.</p>
      <QueryState query={checks} what="Loading the checks">
        {(list) =>
          list.length === 0 ? (
            <Empty>No checks have expired or are due to expire.</Empty>
          ) : (
            <table className="stack-on-phone">
              <caption>
                {list.length} check{list.length === 1 ? '' : 's'}, soonest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Check</th>
                  <th scope="col">Expiry</th>
                  <th scope="col">Checked</th>
                  <th scope="col">Evidence seen by</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/people/${c.personId}`}>{c.personName}</Link>
                    </th>
                    <td data-label="Check">{checkName(c)}</td>
                    <td data-label="Expiry">
                      <span className={`pill ${c.state === 'expired' ? 'under' : 'over'}`}>{c.state === 'expired' ? 'Expired' : 'Expires'}</span> {format.date(c.expiresOn)}
                    </td>
                    <td data-label="Checked">{format.date(c.checkedOn)}</td>
                    <td data-label="Evidence seen by">{c.evidenceSeenBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
