import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { client, read } from '../../api';
import { word } from '../../format';
import { isManager, useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import { SelectField, TextField } from '../../forms';
import { AtRiskTable } from './AtRisk';
import { queries } from '../../queries';
import { Schema } from '../../types';

type Enrolment = Schema<'EnrolmentProgressView'>;
type Result = Schema<'AssessmentResultDto'>['result'];
type Reason = Schema<'WithdrawalDto'>['reason'];

const REASONS: Reason[] = ['motivation', 'classroom-environment', 'health-or-recovery', 'caring-responsibilities', 'employment', 'moved-away', 'excluded-for-behaviour', 'other'];

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function EnrolmentActions({ enrolment, cohortId }: { enrolment: Enrolment; cohortId: string }) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['cohorts', cohortId] });
  };
  const enrolled = enrolment.state === 'enrolled';
  return (
    <details>
      <summary>Record for {enrolment.name}</summary>
      {enrolled && <AssessmentResult enrolment={enrolment} onSaved={refresh} />}
      {enrolled && enrolment.completion.eligibleForAward && <AwardCompletion enrolment={enrolment} onSaved={refresh} />}
      {enrolled && <Withdrawal enrolment={enrolment} onSaved={refresh} />}
      {enrolment.state === 'withdrawn' && <Readmission enrolment={enrolment} onSaved={refresh} />}
      {!enrolled && enrolment.state !== 'withdrawn' && (
        <p>
          {enrolment.name} is no longer enrolled ({word(enrolment.state).toLowerCase()}).
        </p>
      )}
    </details>
  );
}

type EnrolmentFormProps = { enrolment: Enrolment; onSaved: () => void };

function AssessmentResult({ enrolment, onSaved }: EnrolmentFormProps) {
  const ids = { assessment: useId(), result: useId() };
  const [assessment, setAssessment] = useState('Level 2 Peer Mentoring');
  // No result is chosen for the trainer: a default would record a pass nobody decided.
  const [result, setResult] = useState<Result | ''>('');
  const [missing, setMissing] = useState(false);
  const record = useMutation({
    mutationFn: (chosen: Result) => read(client.POST('/enrolments/{id}/assessment-results', { params: { path: { id: enrolment.enrolmentId } }, body: { assessment, result: chosen } })),
    onSuccess: onSaved,
  });
  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setMissing(result === '');
        if (result !== '') record.mutate(result);
      }}
    >
      <h4>Assessment result</h4>
      <div className="inline-fields">
        <TextField id={ids.assessment} field="assessment" label="Assessment" value={assessment} onChange={setAssessment} required />
        <SelectField
          id={ids.result}
          field="result"
          label="Result"
          error={missing ? `Choose whether ${enrolment.name} passed` : undefined}
          value={result}
          onChange={(chosen) => setResult(chosen as Result | '')}
        >
          <option value="">Choose a result</option>
          <option value="pass">Passed</option>
          <option value="fail">Not yet passed</option>
        </SelectField>
        <button type="submit" className="button secondary" disabled={record.isPending}>
          Save result
        </button>
      </div>
      {record.isSuccess && <p role="status">Result saved.</p>}
      {record.isError && <ErrorMessage error={record.error} />}
    </form>
  );
}

function AwardCompletion({ enrolment, onSaved }: EnrolmentFormProps) {
  const award = useMutation({ mutationFn: () => read(client.POST('/enrolments/{id}/completion', { params: { path: { id: enrolment.enrolmentId } } })), onSuccess: onSaved });
  return (
    <p>
      <button type="button" className="button" onClick={() => award.mutate()} disabled={award.isPending}>
        Award completion
      </button>
      {award.isError && <ErrorMessage error={award.error} />}
    </p>
  );
}

/** A withdrawal is asked for twice: once with its date and reason, then confirmed in plain words. */
function Withdrawal({ enrolment, onSaved }: EnrolmentFormProps) {
  const { format } = useSession();
  const ids = { date: useId(), reason: useId(), note: useId() };
  const [withdrawnOn, setWithdrawnOn] = useState(todayIn(format.timeZone));
  const [reason, setReason] = useState<Reason | ''>('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: (chosen: Reason) =>
      read(client.POST('/enrolments/{id}/withdrawal', { params: { path: { id: enrolment.enrolmentId } }, body: { withdrawnOn, reason: chosen, ...(note.trim() ? { note: note.trim() } : {}) } })),
    onSuccess: onSaved,
  });
  if (confirming) {
    return (
      <div className="confirm" role="alertdialog" aria-labelledby={`${ids.reason}-confirm`}>
        <p id={`${ids.reason}-confirm`}>
          Withdraw {enrolment.name} from {format.date(withdrawnOn)} ({word(reason).toLowerCase()})? They leave the registers from that day. You can re-admit them here later.
        </p>
        <p className="inline-fields">
          <button type="button" className="button" onClick={() => reason !== '' && withdraw.mutate(reason)} disabled={withdraw.isPending} autoFocus>
            Yes, withdraw {enrolment.name}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)} disabled={withdraw.isPending}>
            Cancel
          </button>
        </p>
        {withdraw.isError && <ErrorMessage error={withdraw.error} />}
      </div>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setMissing(reason === '');
        if (reason !== '') setConfirming(true);
      }}
    >
      <h4>Withdrawal</h4>
      <div className="inline-fields">
        <TextField id={ids.date} field="withdrawnOn" label="Date they left" type="date" value={withdrawnOn} onChange={setWithdrawnOn} required />
        <SelectField
          id={ids.reason}
          field="reason"
          label="Main reason"
          error={missing ? `Choose the main reason ${enrolment.name} left` : undefined}
          value={reason}
          onChange={(chosen) => setReason(chosen as Reason | '')}
        >
          <option value="">Choose a reason</option>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {word(r)}
            </option>
          ))}
        </SelectField>
        <TextField id={ids.note} field="note" label="Note (optional)" value={note} onChange={setNote} />
        <button type="submit" className="button secondary">
          Record withdrawal
        </button>
      </div>
    </form>
  );
}

/** Undoing a withdrawal (recorded by mistake, or the person came back) from the same place. */
function Readmission({ enrolment, onSaved }: EnrolmentFormProps) {
  const { format } = useSession();
  const dateId = useId();
  const [readmittedOn, setReadmittedOn] = useState(todayIn(format.timeZone));
  const readmit = useMutation({ mutationFn: () => read(client.POST('/enrolments/{id}/readmission', { params: { path: { id: enrolment.enrolmentId } }, body: { readmittedOn } })), onSuccess: onSaved });
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        readmit.mutate();
      }}
    >
      <p>{enrolment.name} has withdrawn.</p>
      <div className="inline-fields">
        <TextField id={dateId} field="readmittedOn" label="Date they came back" type="date" value={readmittedOn} onChange={setReadmittedOn} required />
        <button type="submit" className="button secondary" disabled={readmit.isPending}>
          Re-admit {enrolment.name}
        </button>
      </div>
      {readmit.isError && <ErrorMessage error={readmit.error} />}
    </form>
  );
}

export default function CohortPage() {
  const { id = '' } = useParams();
  const { format, role } = useSession();
  const cohort = useQuery(queries.cohort(id));
  const sessions = useQuery(queries.cohortSessions(id));
  const enrolments = useQuery(queries.enrolments(id));
  const atRisk = useQuery(queries.atRisk(id));
  const dropout = useQuery(queries.dropout(id));
  return (
    <QueryState query={cohort} what="Loading the cohort">
      {(c) => (
        <>
          <PageHeading>{c.name}</PageHeading>
          <p>
            {c.startsOn <= todayIn(format.timeZone) ? 'Started' : 'Starts'} {format.date(c.startsOn)}
            {c.venue ? ` at ${c.venue}` : ''} · {c.enrolled} enrolled · {c.withdrawn} withdrawn · {c.completed} completed
          </p>
          {isManager(role) && (
            <p>
              <Link to={`/cohorts/${c.id}/setup`}>Enrol applicants and set the schedule</Link>
            </p>
          )}
          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions and registers</h2>
            <QueryState query={sessions} what="Loading sessions">
              {(list) =>
                list.length === 0 ? (
                  <Empty>No sessions scheduled.</Empty>
                ) : (
                  <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                    <table>
                      <caption>Sessions, with the register for each</caption>
                      <thead>
                        <tr>
                          <th scope="col">Week</th>
                          <th scope="col">When</th>
                          <th scope="col">Register</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((s) => (
                          <tr key={s.id}>
                            <td>{s.week}</td>
                            <td>
                              {format.dateTime(s.startsAt)}
                              {s.status === 'cancelled' ? ' (cancelled)' : ''}
                            </td>
                            <td>
                              <Link to={`/sessions/${s.id}/register`} aria-label={`${s.registerSavedAt ? 'Open' : 'Take'} the register for week ${s.week}`}>
                                {s.registerSavedAt ? 'Taken – open' : 'Take register'}
                              </Link>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </QueryState>
          </section>
          <section aria-labelledby="risk-heading">
            <h2 id="risk-heading">At risk</h2>
            <QueryState query={atRisk} what="Loading">
              {(people) => <AtRiskTable people={people} showCohort={false} />}
            </QueryState>
          </section>
          <section aria-labelledby="completion-heading">
            <h2 id="completion-heading">Completion, assessments and withdrawals</h2>
            <QueryState query={enrolments} what="Loading the people on the course">
              {(list) =>
                list.length === 0 ? (
                  <Empty>Nobody is enrolled.</Empty>
                ) : (
                  <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                    <table className="stack-on-phone">
                      <caption>Everyone on the course</caption>
                      <thead>
                        <tr>
                          <th scope="col">Name</th>
                          <th scope="col">Status</th>
                          <th scope="col" className="number">
                            Attendance
                          </th>
                          <th scope="col">Assessments</th>
                          <th scope="col">Still needed</th>
                          <th scope="col">Record</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((e) => (
                          <tr key={e.enrolmentId}>
                            <th scope="row">{e.name}</th>
                            <td data-label="Status">{e.state === 'enrolled' ? word(e.completion.status) : word(e.state)}</td>
                            <td data-label="Attendance" className="number">
                              {e.completion.attendance.percent === null ? '—' : `${e.completion.attendance.percent}%`}
                            </td>
                            <td data-label="Assessments">
                              {e.completion.assessments.length === 0 ? '—' : e.completion.assessments.map((a) => `${a.name}: ${a.result === 'pass' ? 'passed' : 'not yet'}`).join('; ')}
                            </td>
                            <td data-label="Still needed">{e.completion.blockers.join('; ') || 'Nothing'}</td>
                            <td data-label="Record">
                              <EnrolmentActions enrolment={e} cohortId={c.id} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </QueryState>
            <QueryState query={dropout} what="Loading withdrawals">
              {(d) =>
                d.reasons.length === 0 ? (
                  <p>No withdrawals so far.</p>
                ) : (
                  <table>
                    <caption>Withdrawals by reason</caption>
                    <thead>
                      <tr>
                        <th scope="col">Reason</th>
                        <th scope="col" className="number">
                          People
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.reasons.map((r) => (
                        <tr key={r.reason}>
                          <th scope="row">{word(r.reason)}</th>
                          <td className="number">{r.count}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              }
            </QueryState>
          </section>
        </>
      )}
    </QueryState>
  );
}
