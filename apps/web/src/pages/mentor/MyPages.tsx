import { useMutation, useQuery } from '@tanstack/react-query';
import { queries } from '../../queries';
import { downloadFile } from '../../download';
import { word } from '../../format';
import { useSession } from '../../session';
import { Schema } from '../../types';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import { MyDetailsPage } from './MyDetails';

type MySession = Schema<'MySessionView'>;

function Sessions() {
  const { format } = useSession();
  const sessions = useQuery(queries.mySessions());
  const now = Date.now();
  return (
    <>
      <PageHeading>My sessions</PageHeading>
      <QueryState query={sessions} what="Loading your sessions">
        {(list) => {
          if (list.length === 0) return <Empty>You have no sessions.</Empty>;
          const upcoming = list.filter((s) => new Date(s.startsAt).getTime() >= now);
          const past = list.filter((s) => new Date(s.startsAt).getTime() < now).reverse();
          const table = (rows: MySession[], caption: string, showAttendance: boolean) =>
            rows.length === 0 ? (
              <Empty>None.</Empty>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                <table>
                  <caption>{caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Course</th>
                      <th scope="col">Where</th>
                      {showAttendance && <th scope="col">You were</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((s) => (
                      <tr key={s.sessionId}>
                        <td>
                          {format.dateTime(s.startsAt)}
                          {s.status === 'cancelled' ? ' (cancelled)' : ''}
                        </td>
                        <td>{s.cohortName}</td>
                        <td>{s.venue ?? '—'}</td>
                        {showAttendance && <td>{s.attendance ? word(s.attendance) : 'Not recorded'}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          return (
            <>
              <h2>Coming up</h2>
              {table(upcoming, 'Your next sessions', false)}
              <h2>So far</h2>
              {table(past, 'Sessions you have had, most recent first', true)}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function MyPlacement() {
  const { format } = useSession();
  const placements = useQuery(queries.myPlacements());
  const supervision = useQuery(queries.mySupervision());
  return (
    <>
      <PageHeading>My placement</PageHeading>
      <QueryState query={placements} what="Loading your placement">
        {(list) =>
          list.length === 0 ? (
            <Empty>You do not have a placement yet.</Empty>
          ) : (
            <>
              {list.map((p) => (
                <article className="card" key={p.id}>
                  <h2>
                    {p.roleTitle} at {p.hostName}
                  </h2>
                  <dl className="facts">
                    <dt>Status</dt>
                    <dd>{word(p.status)}</dd>
                    <dt>Dates</dt>
                    <dd>
                      {format.date(p.startsOn)} to {format.date(p.endedOn ?? p.plannedEndOn)}
                    </dd>
                    <dt>Hours a week</dt>
                    <dd>{p.hoursPerWeek ?? '—'}</dd>
                    <dt>Supervisor</dt>
                    <dd>{p.supervisorName ?? '—'}</dd>
                  </dl>
                </article>
              ))}
            </>
          )
        }
      </QueryState>
      <h2>Supervision and reviews</h2>
      <QueryState query={supervision} what="Loading your supervision dates">
        {(list) =>
          list.length === 0 ? (
            <Empty>No supervision arranged yet.</Empty>
          ) : (
            <>
              {list.map((s) => (
                <div key={s.placementId}>
                  <p>
                    Supervision every {s.supervision.intervalDays} days. Next due: <strong>{format.date(s.supervision.nextDueOn)}</strong>
                    {s.supervision.lastHeldOn ? ` (last held ${format.date(s.supervision.lastHeldOn)})` : ''}.
                  </p>
                  <table>
                    <caption>Placement reviews for {s.roleTitle}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Review</th>
                        <th scope="col">Due</th>
                        <th scope="col">Held</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.reviews.map((r) => (
                        <tr key={r.week}>
                          <th scope="row">Week {r.week}</th>
                          <td>{format.date(r.dueOn)}</td>
                          <td>{r.heldOn ? format.date(r.heldOn) : 'Not yet'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </>
          )
        }
      </QueryState>
    </>
  );
}

const MILESTONES: Array<[keyof Schema<'ProgressionTimelineView'>['reached'], string]> = [
  ['applied', 'Applied'],
  ['enrolled', 'Started the course'],
  ['completed', 'Completed the course'],
  ['placed', 'Started a placement'],
  ['employed', 'Started a job'],
  ['sustained', 'Kept the job for 26 weeks'],
];

function MyProgression() {
  const { format } = useSession();
  const progression = useQuery(queries.myProgression());
  return (
    <>
      <PageHeading>My progression</PageHeading>
      <QueryState query={progression} what="Loading your progression">
        {(p) => (
          <ol className="milestones">
            {MILESTONES.map(([key, label]) => {
              const reached = p.milestones.find((m) => m.milestone === key);
              return (
                <li key={key}>
                  <strong>{label}</strong>: {p.reached[key] ? `yes${reached ? `, ${format.date(reached.on)}` : ''}` : 'not yet'}
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
    </>
  );
}

const DOWNLOADS: Array<{ format: 'html' | 'json' | 'csv'; label: string; what: string }> = [
  { format: 'html', label: 'Download a copy to read', what: 'A page you can open in any web browser: each section says what we hold and why.' },
  { format: 'json', label: 'Download as JSON', what: 'The same, as a JSON file for another program or service.' },
  { format: 'csv', label: 'Download as CSV', what: 'The same, as one spreadsheet file with a table for each section.' },
];

function MyData() {
  const download = useMutation({ mutationFn: (format: string) => downloadFile(`/me/data?format=${format}`, `my-data.${format}`) });
  return (
    <>
      <PageHeading>My data</PageHeading>
      <p>
        Download everything the organisation holds about you: your details, consents, equality answers, applications, training, placements, jobs, activity, expenses and checks. The files do not
        include the organisation’s internal reference numbers.
      </p>
      <ul className="plain">
        {DOWNLOADS.map((d) => (
          <li key={d.format} className="card">
            <p>{d.what}</p>
            <button type="button" className="button" onClick={() => download.mutate(d.format)} disabled={download.isPending}>
              {download.isPending && download.variables === d.format ? 'Preparing…' : d.label}
            </button>
          </li>
        ))}
      </ul>
      {download.isSuccess && (
        <p className="success" role="status">
          Your data has been downloaded.
        </p>
      )}
      {download.isError && <ErrorMessage error={download.error} />}
    </>
  );
}

export default function MyPages({ section }: { section: 'sessions' | 'placement' | 'progression' | 'details' | 'data' }) {
  if (section === 'placement') return <MyPlacement />;
  if (section === 'details') return <MyDetailsPage />;
  if (section === 'progression') return <MyProgression />;
  if (section === 'data') return <MyData />;
  return <Sessions />;
}
