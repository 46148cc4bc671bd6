import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isManager, useSession } from '../../session';
import { Empty, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';

/** A trainer sees the cohorts they teach (the API decides); coordinators see every cohort. */
export default function Cohorts() {
  const { format, role } = useSession();
  const cohorts = useQuery(queries.cohorts());
  return (
    <>
      <PageHeading>{role === 'trainer' ? 'My cohorts' : 'Cohorts'}</PageHeading>
      {isManager(role) && (
        <p>
          <Link className="button" to="/cohorts/new">
            New cohort
          </Link>
        </p>
      )}
      <QueryState query={cohorts} what="Loading cohorts">
        {(list) =>
          list.length === 0 ? (
            <Empty>{role === 'trainer' ? 'You are not teaching a cohort at the moment.' : 'No cohorts yet.'}</Empty>
          ) : (
            <div className="cards">
              {list.map((c) => (
                <article className="card" key={c.id}>
                  <h2>
                    <Link to={`/cohorts/${c.id}`}>{c.name}</Link>
                  </h2>
                  <p>
                    Starts {format.date(c.startsOn)}
                    {c.venue ? ` at ${c.venue}` : ''}
                  </p>
                  <p>
                    {c.enrolled} enrolled · {c.withdrawn} withdrawn · {c.completed} completed
                  </p>
                </article>
              ))}
            </div>
          )
        }
      </QueryState>
    </>
  );
}
