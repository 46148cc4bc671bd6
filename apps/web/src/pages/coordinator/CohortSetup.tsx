import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { client, read } from '../../api';
import { asBody, Checkboxes, ErrorSummary, given, SelectField, TextField, useAnswers, useFormErrors, wholeNumber } from '../../forms';
import { useSession } from '../../session';
import { Cohort } from '../../types';
import { Empty, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function Enrolment({ cohort }: { cohort: Cohort }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const accepted = useQuery(queries.acceptedApplications(cohort.intakeId));
  // Everyone accepted is ticked unless the coordinator unticks them: enrolling the whole intake is the usual case.
  const [left, setLeft] = useState<string[]>([]);
  const enrol = useMutation({
    mutationFn: (applicationIds: string[]) => read<unknown[]>(client.POST('/cohorts/{id}/enrolments', { params: { path: { id: cohort.id } }, body: { applicationIds } })),
    onSuccess: () => {
      setLeft([]);
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      void queryClient.invalidateQueries({ queryKey: ['cohorts'] });
      // Enrolling moves the applications on, so the intake's pipeline counts change too.
      void queryClient.invalidateQueries({ queryKey: ['intakes', cohort.intakeId] });
    },
  });
  const { formRef, summaryRef } = useFormErrors(enrol.error, enrol.failureCount);
  if (!cohort.intakeId) return <Empty>This cohort does not draw from an intake, so there are no applicants to enrol.</Empty>;
  return (
    <QueryState query={accepted} what="Loading accepted applicants">
      {(page) => {
        const chosen = page.items.filter((a) => !left.includes(a.id)).map((a) => a.id);
        const submit = (event: FormEvent) => {
          event.preventDefault();
          enrol.mutate(chosen);
        };
        return (
          <form ref={formRef} onSubmit={submit} noValidate>
            <ErrorSummary error={enrol.error} summaryRef={summaryRef} idOf={() => `${ids}-applicants`} />
            {enrol.isSuccess && (
              <p className="success" role="status">
                Enrolled {enrol.data.length} {enrol.data.length === 1 ? 'person' : 'people'}.
              </p>
            )}
            {page.items.length === 0 ? (
              <Empty>No accepted applicants are waiting to be enrolled.</Empty>
            ) : (
              <>
                <Checkboxes
                  id={`${ids}-applicants`}
                  legend={`Accepted applicants to enrol (${page.total})`}
                  options={page.items.map((a) => ({ value: a.id, label: a.name }))}
                  values={chosen}
                  onChange={(values) => setLeft(page.items.map((a) => a.id).filter((id) => !values.includes(id)))}
                />
                <button type="submit" className="button" disabled={enrol.isPending || chosen.length === 0}>
                  {enrol.isPending ? 'Enrolling…' : `Enrol ${chosen.length} ${chosen.length === 1 ? 'person' : 'people'}`}
                </button>
              </>
            )}
          </form>
        );
      }}
    </QueryState>
  );
}

function Schedule({ cohort }: { cohort: Cohort }) {
  const ids = useId();
  const { format } = useSession();
  const queryClient = useQueryClient();
  const sessions = useQuery(queries.cohortSessions(cohort.id));
  const { values, set } = useAnswers({ firstDate: '', weekday: '3', sessions: '12', startTime: '18:00', durationMinutes: '120' });
  const generate = useMutation({
    mutationFn: () =>
      read(
        client.POST('/cohorts/{id}/schedule', {
          params: { path: { id: cohort.id } },
          body: asBody(
            given({
              firstDate: values.firstDate,
              weekday: wholeNumber(values.weekday),
              sessions: wholeNumber(values.sessions),
              startTime: values.startTime,
              durationMinutes: wholeNumber(values.durationMinutes),
            }),
          ),
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['cohorts', cohort.id] }),
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(generate.error, generate.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    generate.mutate();
  }
  return (
    <>
      <QueryState query={sessions} what="Loading sessions">
        {(list) =>
          list.length === 0 ? (
            <Empty>No sessions yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
              <table>
                <caption>The cohort’s sessions ({list.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Week</th>
                    <th scope="col">Date</th>
                    <th scope="col">Time</th>
                    <th scope="col">Venue</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.id}>
                      <td>{s.week ?? '—'}</td>
                      <td>{format.date(s.startsAt)}</td>
                      <td>{format.time(s.startsAt)}</td>
                      <td>{s.venue ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {sessions.data && sessions.data.length === 0 && (
        <form ref={formRef} onSubmit={submit} noValidate>
          <ErrorSummary error={generate.error} summaryRef={summaryRef} idOf={idOf} />
          <TextField
            id={idOf('firstDate')}
            field="firstDate"
            label="First session on (optional)"
            hint={`Leave empty to start on the cohort’s start date, ${format.date(cohort.startsOn)}.`}
            type="date"
            value={values.firstDate}
            onChange={set('firstDate')}
            error={errorOf('firstDate')}
          />
          <SelectField id={idOf('weekday')} field="weekday" label="Day of the week" value={values.weekday} onChange={set('weekday')} error={errorOf('weekday')}>
            {WEEKDAYS.map((day, i) => (
              <option key={day} value={String(i + 1)}>
                {day}
              </option>
            ))}
          </SelectField>
          <TextField
            id={idOf('sessions')}
            field="sessions"
            label="Number of sessions"
            type="number"
            inputMode="numeric"
            min={1}
            required
            value={values.sessions}
            onChange={set('sessions')}
            error={errorOf('sessions')}
          />
          <TextField
            id={idOf('startTime')}
            field="startTime"
            label="Start time"
            hint={`In the organisation’s time zone (${format.timeZone}).`}
            type="time"
            required
            value={values.startTime}
            onChange={set('startTime')}
            error={errorOf('startTime')}
          />
          <TextField
            id={idOf('durationMinutes')}
            field="durationMinutes"
            label="Length of each session (minutes)"
            type="number"
            inputMode="numeric"
            min={5}
            required
            value={values.durationMinutes}
            onChange={set('durationMinutes')}
            error={errorOf('durationMinutes')}
          />
          <button type="submit" className="button" disabled={generate.isPending}>
            {generate.isPending ? 'Generating…' : 'Generate weekly schedule'}
          </button>
        </form>
      )}
      {generate.isSuccess && (
        <p className="success" role="status">
          {generate.data.length} sessions scheduled.
        </p>
      )}
    </>
  );
}

/** After creating a cohort: enrol the intake's accepted applicants and generate the weekly sessions. */
export default function CohortSetup() {
  const { id = '' } = useParams();
  const { format } = useSession();
  const cohort = useQuery(queries.cohort(id));
  return (
    <QueryState query={cohort} what="Loading the cohort">
      {(c) => (
        <>
          <p>
            <Link to={`/cohorts/${c.id}`}>Back to the cohort</Link>
          </p>
          <PageHeading title={`Set up ${c.name}`}>Set up {c.name}</PageHeading>
          <dl className="facts">
            <dt>Starts</dt>
            <dd>{format.date(c.startsOn)}</dd>
            <dt>Places</dt>
            <dd>{c.capacity}</dd>
            <dt>Enrolled</dt>
            <dd>{c.enrolled}</dd>
            <dt>Venue</dt>
            <dd>{c.venue ?? '—'}</dd>
          </dl>
          <section aria-labelledby="enrol-heading">
            <h2 id="enrol-heading">Enrol accepted applicants</h2>
            <Enrolment cohort={c} />
          </section>
          <section aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">Weekly schedule</h2>
            <Schedule cohort={c} />
          </section>
        </>
      )}
    </QueryState>
  );
}
