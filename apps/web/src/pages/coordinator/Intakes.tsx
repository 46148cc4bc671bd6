import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { word } from '../../format';
import { useSession } from '../../session';
import { Empty, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';

export default function Intakes() {
  const { format } = useSession();
  const intakes = useQuery(queries.intakes());
  return (
    <>
      <PageHeading>Intakes</PageHeading>
      <p className="actions">
        <Link className="button" to="/programmes">
          Programmes and new intakes
        </Link>
        <Link className="button secondary" to="/referral-partners">
          Referral partners
        </Link>
      </p>
      <QueryState query={intakes} what="Loading intakes">
        {(list) =>
          list.length === 0 ? (
            <Empty>No intakes yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
              <table>
                <caption>Recruitment intakes, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Intake</th>
                    <th scope="col">Status</th>
                    <th scope="col">Opens</th>
                    <th scope="col">Closes</th>
                    <th scope="col" className="number">
                      Places
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((intake) => (
                    <tr key={intake.id}>
                      <td>
                        <Link to={`/intakes/${intake.id}`}>{intake.name}</Link>
                      </td>
                      <td>{word(intake.status)}</td>
                      <td>{format.date(intake.opensOn)}</td>
                      <td>{format.date(intake.closesOn)}</td>
                      <td className="number">{intake.capacity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
