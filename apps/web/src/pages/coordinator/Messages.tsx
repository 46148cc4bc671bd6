import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { client, ErrorDetail, read } from '../../api';
import { CoordinatorMessage, refusal } from '../../field';
import { ErrorSummary, RadioOption, Radios, SelectField, TextAreaField, TextField, useFormErrors } from '../../forms';
import { word } from '../../format';
import { useSession } from '../../session';
import { Cohort, Intake, Stage, STAGES } from '../../types';
import { Empty, PageHeading, QueryState } from '../../ui';
import '../../field.css';
import { queries } from '../../queries';

const MESSAGES = ['messages'] as const;
type Audience = 'cohort' | 'intake-stage';

interface Group {
  audience: Audience;
  cohortId: string;
  intakeId: string;
  stage: Stage;
}

const AUDIENCES: Array<RadioOption<Audience>> = [
  { value: 'cohort', label: 'The people enrolled in a cohort' },
  { value: 'intake-stage', label: 'An intake’s applicants at one stage' },
];

const groupBody = (g: Group) => (g.audience === 'cohort' ? { audience: g.audience, cohortId: g.cohortId } : { audience: g.audience, intakeId: g.intakeId, stage: g.stage });
const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

function MessageForm({ cohorts, intakes }: { cohorts: Cohort[]; intakes: Intake[] }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [group, setGroup] = useState<Group>({ audience: cohorts.length ? 'cohort' : 'intake-stage', cohortId: cohorts[0]?.id ?? '', intakeId: intakes[0]?.id ?? '', stage: 'accepted' });
  const [words, setWords] = useState({ subject: '', body: '' });
  const [checked, setChecked] = useState<Error | undefined>();
  const [attempt, setAttempt] = useState(0);
  const previewRef = useRef<HTMLDivElement>(null);
  const preview = useMutation({ mutationFn: (g: Group) => read(client.GET('/message-audience', { params: { query: groupBody(g) } })).then((counts) => ({ ...counts, group: g })) });
  const send = useMutation({
    mutationFn: () => read(client.POST('/messages', { body: { ...groupBody(group), subject: words.subject.trim(), body: words.body.trim() } })),
    onSuccess: () => {
      setWords({ subject: '', body: '' });
      preview.reset();
      void queryClient.invalidateQueries({ queryKey: MESSAGES });
    },
  });
  // A preview counts only for the group it was made for.
  const counted = preview.data && JSON.stringify(preview.data.group) === JSON.stringify(group) ? preview.data : undefined;
  useEffect(() => {
    if (counted) previewRef.current?.focus();
  }, [counted]);
  const error = checked ?? send.error ?? preview.error;
  const { formRef, summaryRef, errorOf } = useFormErrors(error, attempt);
  const idOf = (field: string) => `${ids}-${field}`;
  const setG = (key: keyof Group) => (value: string) => {
    // Each value comes from the select of its key, whose options are that key's values.
    setGroup({ ...group, [key]: value } as Group);
    preview.reset();
    send.reset();
  };

  function groupProblems(): ErrorDetail[] {
    if (group.audience === 'cohort' && !group.cohortId) return [{ field: 'cohortId', rule: 'required', message: 'Choose a cohort' }];
    if (group.audience === 'intake-stage' && !group.intakeId) return [{ field: 'intakeId', rule: 'required', message: 'Choose an intake' }];
    return [];
  }

  function check() {
    setAttempt(attempt + 1);
    send.reset();
    const refused = refusal(groupProblems());
    setChecked(refused);
    if (!refused) preview.mutate(group);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt(attempt + 1);
    const refused = refusal([
      ...groupProblems(),
      ...(words.subject.trim() ? [] : [{ field: 'subject', rule: 'required', message: 'Enter a subject' }]),
      ...(words.body.trim() ? [] : [{ field: 'body', rule: 'required', message: 'Enter the message' }]),
    ]);
    setChecked(refused);
    if (!refused) send.mutate();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>New message</h2>
      <ErrorSummary error={error} summaryRef={summaryRef} idOf={idOf} />
      <div role="status" aria-live="polite" className="live-result">
        {send.isSuccess && <p className="success">Sent to {people(send.data.recipients)}, each by email or text as they prefer. It is logged in the list of messages below.</p>}
      </div>
      <Radios id={idOf('audience')} field="audience" legend="Send to" options={AUDIENCES} value={group.audience} onChange={(audience) => setG('audience')(audience)} />
      {group.audience === 'cohort' ? (
        <SelectField id={idOf('cohortId')} field="cohortId" label="Cohort" value={group.cohortId} onChange={setG('cohortId')} error={errorOf('cohortId')}>
          {cohorts.length === 0 && <option value="">No cohorts yet</option>}
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.enrolled} enrolled)
            </option>
          ))}
        </SelectField>
      ) : (
        <div className="inline-fields">
          <SelectField id={idOf('intakeId')} field="intakeId" label="Intake" value={group.intakeId} onChange={setG('intakeId')} error={errorOf('intakeId')}>
            {intakes.length === 0 && <option value="">No intakes yet</option>}
            {intakes.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </SelectField>
          <SelectField id={idOf('stage')} field="stage" label="Stage" value={group.stage} onChange={setG('stage')} error={errorOf('stage')}>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {word(s)}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <p>
        <button type="button" className="button secondary" disabled={preview.isPending} onClick={check}>
          {preview.isPending ? 'Counting…' : 'Check who it goes to'}
        </button>
      </p>
      {counted && (
        <div className="notice" ref={previewRef} tabIndex={-1} aria-labelledby={`${ids}-preview`} role="region">
          <p id={`${ids}-preview`}>
            <strong>It will go to {people(counted.people)}:</strong>
          </p>
          <ul>
            <li>{people(counted.email)} by email</li>
            <li>{people(counted.text)} by text message</li>
            <li>
              {people(counted.none)} with no way to reach them{counted.none ? ' (they will not get it; the log shows why)' : ''}
            </li>
          </ul>
        </div>
      )}
      <TextField
        id={idOf('subject')}
        field="subject"
        label="Subject"
        hint="The email’s subject. Texts send only the message."
        maxLength={200}
        value={words.subject}
        onChange={(subject) => setWords({ ...words, subject })}
        error={errorOf('subject')}
      />
      <TextAreaField
        id={idOf('body')}
        rows={6}
        field="body"
        label="Message"
        hint="Sent as written. Keep it short for people who get it as a text."
        maxLength={2000}
        value={words.body}
        onChange={(body) => setWords({ ...words, body })}
        error={errorOf('body')}
      />
      {counted ? (
        <button type="submit" className="button" disabled={send.isPending || counted.people === 0}>
          {send.isPending ? 'Sending…' : `Send to ${people(counted.people)}`}
        </button>
      ) : (
        <p className="hint">Check who it goes to before sending.</p>
      )}
    </form>
  );
}

function SentMessages({ cohorts, intakes }: { cohorts: Cohort[]; intakes: Intake[] }) {
  const { format } = useSession();
  const messages = useQuery(queries.messages());
  const groupName = (m: CoordinatorMessage) =>
    m.audience === 'cohort' ? (cohorts.find((c) => c.id === m.cohortId)?.name ?? 'A cohort') : `${intakes.find((i) => i.id === m.intakeId)?.name ?? 'An intake'}: ${word(m.stage)}`;
  return (
    <section aria-labelledby="sent-heading">
      <h2 id="sent-heading">Messages sent</h2>
      <QueryState query={messages} what="Loading the messages">
        {(list) =>
          list.length === 0 ? (
            <Empty>No messages sent yet.</Empty>
          ) : (
            <table className="stack-on-phone">
              <caption>The log of messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">Sent</th>
                  <th scope="col">To</th>
                  <th scope="col">People</th>
                  <th scope="col">Deliveries so far</th>
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.subject}</th>
                    <td data-label="Sent">{format.dateTime(m.createdAt)}</td>
                    <td data-label="To">{groupName(m)}</td>
                    <td data-label="People">{m.recipients}</td>
                    <td data-label="Deliveries so far">
                      {Object.keys(m.deliveries).length === 0
                        ? 'Waiting to go'
                        : Object.entries(m.deliveries)
                            .map(([status, n]) => `${n} ${status}`)
                            .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

/** A message to a cohort or an intake's applicants at one stage: who it reaches and how, then send; each is logged. */
export default function Messages() {
  const cohorts = useQuery(queries.cohorts());
  const intakes = useQuery(queries.intakes());
  return (
    <>
      <PageHeading>Messages</PageHeading>
      <p>Each person gets the message by email or by text, as they prefer. Sent at night, it waits until 08:00.</p>
      <QueryState query={cohorts} what="Loading cohorts">
        {(cohortList) => (
          <QueryState query={intakes} what="Loading intakes">
            {(intakeList) => (
              <>
                <MessageForm cohorts={cohortList} intakes={intakeList} />
                <SentMessages cohorts={cohortList} intakes={intakeList} />
              </>
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
