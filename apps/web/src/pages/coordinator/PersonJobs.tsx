import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { word } from '../../format';
import { SelectField, TextField } from '../../forms';
import { useSession } from '../../session';
import { Empty, ErrorMessage, QueryState } from '../../ui';
import { queries } from '../../queries';
import { Schema } from '../../types';

type SustainmentCheck = Schema<'SustainmentCheckView'>;
type ContractType = Schema<'JobDto'>['contractType'];

const CONTRACT_TYPES: ContractType[] = ['permanent', 'fixed-term', 'temporary', 'zero-hours', 'apprenticeship', 'self-employed'];
const RESULTS: Array<[Schema<'SustainmentDto'>['result'], string]> = [
  ['sustained', 'Still in work'],
  ['not-sustained', 'No longer in work'],
  ['unknown', 'Could not find out'],
];

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A person's jobs, the 13- and 26-week checks that show whether each was sustained, and recording a new one. */
export function PersonJobs({ personId, personName }: { personId: string; personName: string }) {
  const { format } = useSession();
  const ids = { employer: useId(), title: useId(), hours: useId(), contract: useId(), starts: useId() };
  const queryClient = useQueryClient();
  const jobs = useQuery(queries.personJobs(personId));
  const [form, setForm] = useState<{ employer: string; title: string; hoursPerWeek: string; contractType: ContractType; startsOn: string }>({
    employer: '',
    title: '',
    hoursPerWeek: '16',
    contractType: 'permanent',
    startsOn: todayIn(format.timeZone),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['people', personId] });
  };
  const record = useMutation({
    mutationFn: () => read(client.POST('/people/{id}/jobs', { params: { path: { id: personId } }, body: { ...form, hoursPerWeek: Number(form.hoursPerWeek) } })),
    onSuccess: () => {
      setForm({ ...form, employer: '', title: '' });
      refresh();
    },
  });
  const check = useMutation({
    mutationFn: ({ jobId, week, result }: { jobId: string; week: SustainmentCheck['week']; result: Schema<'SustainmentDto'>['result'] }) =>
      read(client.POST('/jobs/{id}/sustainment-checks', { params: { path: { id: jobId } }, body: { week, result } })),
    onSuccess: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    record.mutate();
  }

  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      <QueryState query={jobs} what="Loading jobs">
        {(list) =>
          list.length === 0 ? (
            <Empty>No jobs recorded.</Empty>
          ) : (
            <ul>
              {list.map((job) => (
                <li key={job.id}>
                  <strong>
                    {job.title} at {job.employer}
                  </strong>
                  , {job.hoursPerWeek} hours a week ({word(job.contractType).toLowerCase()}), from {format.date(job.startsOn)}
                  {job.endedOn ? ` to ${format.date(job.endedOn)}` : ''}
                  <ul>
                    {job.sustainment.map((c) => (
                      <li key={c.week}>
                        {c.week}-week check, due {format.date(c.dueOn)}:{' '}
                        {c.state === 'recorded' ? (
                          `${RESULTS.find(([r]) => r === c.result)?.[1] ?? word(c.result)} (checked ${format.date(c.checkedOn)})`
                        ) : c.state === 'upcoming' ? (
                          'not due yet'
                        ) : (
                          <span className="moves">
                            <span className={c.state === 'overdue' ? 'pill under' : 'pill'}>{c.state === 'overdue' ? 'Overdue' : 'Due'}</span>
                            {RESULTS.map(([result, label]) => (
                              <button
                                key={result}
                                type="button"
                                className="button secondary small"
                                disabled={check.isPending}
                                onClick={() => check.mutate({ jobId: job.id, week: c.week, result })}
                                aria-label={`${c.week}-week check for ${job.title}: ${label}`}
                              >
                                {label}
                              </button>
                            ))}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {check.isError && <ErrorMessage error={check.error} />}
      <form onSubmit={submit}>
        <h3>Record a job for {personName}</h3>
        <div className="inline-fields">
          <TextField id={ids.title} field="title" label="Job title" required value={form.title} onChange={(title) => setForm({ ...form, title })} />
          <TextField id={ids.employer} field="employer" label="Employer" required value={form.employer} onChange={(employer) => setForm({ ...form, employer })} />
          <TextField
            id={ids.hours}
            field="hoursPerWeek"
            label="Hours a week"
            type="number"
            min={0.25}
            step={0.25}
            inputMode="decimal"
            value={form.hoursPerWeek}
            onChange={(hoursPerWeek) => setForm({ ...form, hoursPerWeek })}
          />
          <SelectField id={ids.contract} field="contractType" label="Contract" value={form.contractType} onChange={(contractType) => setForm({ ...form, contractType: contractType as ContractType })}>
            {CONTRACT_TYPES.map((t) => (
              <option key={t} value={t}>
                {word(t)}
              </option>
            ))}
          </SelectField>
          <TextField id={ids.starts} field="startsOn" label="Start date" type="date" value={form.startsOn} onChange={(startsOn) => setForm({ ...form, startsOn })} />
          <button type="submit" className="button" disabled={record.isPending}>
            Record job
          </button>
        </div>
        {record.isSuccess && (
          <p className="success" role="status">
            Job recorded.
          </p>
        )}
        {record.isError && <ErrorMessage error={record.error} />}
      </form>
    </section>
  );
}
