import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSession } from '../../session';
import { AtRiskPerson } from '../../types';
import { Empty, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';

export function AtRiskTable({ people, showCohort }: { people: AtRiskPerson[]; showCohort: boolean }) {
  const { format } = useSession();
  if (people.length === 0) return <Empty>Nobody is at risk of dropping out at the moment.</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
      <table className="stack-on-phone">
        <caption>People at risk of dropping out, and why</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {showCohort && <th scope="col">Cohort</th>}
            <th scope="col" className="number">
              Attendance
            </th>
            <th scope="col">Last came</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.enrolmentId}>
              <th scope="row">{p.name}</th>
              {showCohort && (
                <td data-label="Cohort">
                  <Link to={`/cohorts/${p.cohortId}`}>{p.cohortName}</Link>
                </td>
              )}
              <td data-label="Attendance" className="number">
                {p.attendancePercent === null ? '—' : `${p.attendancePercent}%`}
              </td>
              <td data-label="Last came">{p.lastAttendedSession ? `Week ${p.lastAttendedSession.week}, ${format.date(p.lastAttendedSession.heldOn)}` : 'Not yet'}</td>
              <td data-label="Why">
                <ul>
                  {p.flags.map((f) => (
                    <li key={f.reason}>{f.message.replace(/^./, (c) => c.toUpperCase())}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AtRisk() {
  const { role } = useSession();
  const atRisk = useQuery(queries.allAtRisk());
  return (
    <>
      <PageHeading>At risk of dropping out</PageHeading>
      <p>
        {role === 'trainer' ? 'People in your cohorts' : 'People in every cohort'} who have missed sessions in a row or whose attendance is below what completion needs. A call now often keeps someone
        on the course.
      </p>
      <QueryState query={atRisk} what="Loading">
        {(people) => <AtRiskTable people={people} showCohort />}
      </QueryState>
    </>
  );
}
