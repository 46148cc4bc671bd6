import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { CensusAnswers } from '../../equality';
import { asBody, Checkbox, Checkboxes, ErrorSummary, SelectField, TextAreaField, TextField, useAnswers, useFormErrors } from '../../forms';
import { useSession } from '../../session';
import { ErrorMessage, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';
import type { EqualityQuestionSet, Schema } from '../../types';

type EqualityQuestion = EqualityQuestionSet['questions'][number];
type EqualityOption = EqualityQuestion['options'][number];

type MyDetailsView = Schema<'MyDetailsView'>;
type Channel = MyDetailsView['contactPreferences'][number];
type MyConsent = Schema<'ConsentView'>;

const CHANNELS: Array<[Channel, string]> = [
  ['email', 'Email'],
  ['phone', 'Phone call'],
  ['sms', 'Text message'],
  ['post', 'Post'],
];

const CONTACT_FIELDS = ['preferredName', 'email', 'phone', 'address', 'postcode'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

function ContactDetailsForm({ details }: { details: MyDetailsView }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const { values, setValues, set } = useAnswers<Record<ContactField, string>>(() => Object.fromEntries(CONTACT_FIELDS.map((f) => [f, details[f] ?? ''])) as Record<ContactField, string>);
  const [channels, setChannels] = useState<Channel[]>(details.contactPreferences);
  const save = useMutation({
    // An emptied box clears the detail (null); the version tells us if a coordinator saved in between.
    mutationFn: () =>
      read(
        client.PATCH('/me/details', {
          body: { ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, values[f].trim() === '' ? null : values[f]])), contactPreferences: channels, version: details.version },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['me', 'details'], saved);
      // Show what was stored, as the API tidied it (a postcode in capitals, say).
      setValues(Object.fromEntries(CONTACT_FIELDS.map((f) => [f, saved[f] ?? ''])) as Record<ContactField, string>);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Your contact details</h2>
      <p>
        We use these to reach you about your training, placement and work. Your name is <strong>{details.name}</strong>
        {details.dateOfBirth ? ' and your date of birth is on record' : ''}; to change your name or date of birth, ask your coordinator.
      </p>
      <ErrorSummary error={save.error} summaryRef={summaryRef} idOf={idOf} />
      <TextField
        id={idOf('preferredName')}
        field="preferredName"
        label="Name you prefer (optional)"
        hint="What you would like us to call you."
        autoComplete="nickname"
        value={values.preferredName}
        onChange={set('preferredName')}
        error={errorOf('preferredName')}
      />
      <TextField id={idOf('email')} field="email" label="Email address" type="email" autoComplete="email" spellCheck={false} value={values.email} onChange={set('email')} error={errorOf('email')} />
      <TextField id={idOf('phone')} field="phone" label="Phone number" type="tel" autoComplete="tel" value={values.phone} onChange={set('phone')} error={errorOf('phone')} />
      <TextAreaField
        id={idOf('address')}
        field="address"
        label="Postal address"
        hint="Each line on its own line. Put the postcode in the box below."
        rows={3}
        autoComplete="street-address"
        value={values.address}
        onChange={set('address')}
        error={errorOf('address')}
      />
      <TextField id={idOf('postcode')} field="postcode" label="Postcode" autoComplete="postal-code" value={values.postcode} onChange={set('postcode')} error={errorOf('postcode')} />
      <Checkboxes
        id={idOf('contactPreferences')}
        field="contactPreferences"
        legend="How are you happy to be contacted?"
        hint="Choose all that apply. Reminders go by email if you choose it, otherwise by text message if you choose that."
        error={errorOf('contactPreferences')}
        options={CHANNELS.map(([value, label]) => ({ value, label }))}
        values={channels}
        onChange={setChannels}
      />
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save my details'}
      </button>
      {save.isSuccess && (
        <p className="success" role="status">
          Your details have been saved.
        </p>
      )}
    </form>
  );
}

/** A withdrawal asks once more, in words, before it happens: for equality monitoring it deletes the answers. */
function Withdraw({ label, consequence, onConfirm, pending }: { label: string; consequence: string; onConfirm: () => void; pending: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="warning" role="group" aria-label="Confirm withdrawal">
      <p>{consequence}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onConfirm} disabled={pending}>
          {pending ? 'Withdrawing…' : 'Yes, withdraw my consent'}
        </button>
        <button type="button" className="button secondary" onClick={() => setAsking(false)}>
          Keep my consent
        </button>
      </div>
    </div>
  );
}

function EqualityForm({ questions, onDone }: { questions: EqualityQuestionSet; onDone: () => void }) {
  const ids = useId();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [agreed, setAgreed] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      read(
        client.PUT('/me/demographics', {
          // The answers are the options GET /public/equality-questions served (the DTO's own values), known only at run time.
          body: asBody({ ...(Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '')) as CensusAnswers), consentGiven: agreed || undefined }),
        }),
      ),
    onSuccess: onDone,
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  const set = (field: string) => (value: string) => setAnswers((a) => ({ ...a, [field]: value }));
  const selects = questions.questions.flatMap((q): Array<{ field: string; question: string; hint?: string; options: EqualityOption[]; groups?: EqualityQuestion['groups'] }> =>
    q.answer === 'date'
      ? q.alternative
        ? [{ field: q.alternative.field, question: q.alternative.question, options: q.alternative.options }]
        : []
      : [{ field: q.field, question: q.question, hint: q.askedOf === 'everyone' ? q.hint : `Asked of people aged 16 and over. ${q.hint ?? ''}`.trim(), options: q.options, groups: q.groups }],
  );
  const writeInOf = (field: string) => {
    const select = selects.find((s) => s.field === field);
    const chosen = [...(select?.options ?? []), ...(select?.groups ?? []).flatMap((g) => g.options)].find((o) => o.value === answers[field]);
    return chosen?.writeIn;
  };
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p>{questions.consent.optional}</p>
      <ErrorSummary error={save.error} summaryRef={summaryRef} idOf={idOf} />
      {selects.map((s) => {
        const writeIn = writeInOf(s.field);
        const error = errorOf(s.field);
        return (
          <div key={s.field}>
            <SelectField id={idOf(s.field)} field={s.field} label={s.question} hint={s.hint} error={error} value={answers[s.field] ?? ''} onChange={set(s.field)}>
              <option value="">Not answered</option>
              {s.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {(s.groups ?? []).map((g) => (
                <optgroup key={g.heading} label={g.heading}>
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectField>
            {writeIn && <TextField id={idOf(writeIn)} field={writeIn} label="In your own words (optional)" value={answers[writeIn] ?? ''} onChange={set(writeIn)} error={errorOf(writeIn)} />}
          </div>
        );
      })}
      <Checkbox id={idOf('consentGiven')} field="consentGiven" label={questions.consent.wording} error={errorOf('consentGiven')} checked={agreed} onChange={setAgreed} />
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save my answers and my consent'}
      </button>
    </form>
  );
}

function ConsentsPanel() {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const consents = useQuery(queries.myConsents());
  const questions = useQuery(queries.equalityQuestions());
  const [answering, setAnswering] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = (message: string) => {
    setDone(message);
    void queryClient.invalidateQueries({ queryKey: ['me', 'consents'] });
  };
  const give = useMutation({
    mutationFn: () => read(client.POST('/me/consents', { body: { purpose: 'contact' } })),
    onSuccess: () => refresh('Thank you: your consent to be contacted is recorded.'),
  });
  // Every standing consent of the purpose goes: withdrawing means "stop", whichever form it was given on.
  const withdraw = useMutation({
    mutationFn: async (ids: string[]) => {
      for (const consentId of ids) await read(client.POST('/me/consents/{consentId}/withdraw', { params: { path: { consentId } } }));
    },
    onSuccess: () => refresh('Your consent has been withdrawn.'),
  });
  return (
    <section aria-labelledby="consents-heading" className="form-section">
      <h2 id="consents-heading">What you have agreed to</h2>
      <p>You can give or withdraw each consent here at any time. We keep a record of when you gave and withdrew it, as evidence that we respected your choice.</p>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      {withdraw.isError && <ErrorMessage error={withdraw.error} />}
      {give.isError && <ErrorMessage error={give.error} />}
      <QueryState query={consents} what="Loading your consents">
        {(list) => {
          const standing = (purpose: MyConsent['purpose']) => list.filter((c) => c.purpose === purpose && !c.withdrawnAt);
          const contact = standing('contact');
          const equality = standing('demographic-monitoring');
          return (
            <>
              <article className="card">
                <h3>Being contacted</h3>
                <p>
                  This records that you agree to be contacted about the programme, your training, placement and work, in the ways you chose above. If you withdraw it, the organisation sees that you no
                  longer agree, and from when.
                </p>
                {contact.length ? (
                  <>
                    <p>
                      <strong>Given</strong> on {format.date(contact[0].givenAt)}: “{contact[0].wording}”
                    </p>
                    <Withdraw
                      label="Withdraw consent to be contacted"
                      consequence="The organisation will see that you no longer agree to be contacted about the programme. You can give your consent again here at any time."
                      pending={withdraw.isPending}
                      onConfirm={() => withdraw.mutate(contact.map((c) => c.id))}
                    />
                  </>
                ) : (
                  <>
                    <p>
                      <strong>Not given.</strong>
                    </p>
                    <button type="button" className="button" onClick={() => give.mutate()} disabled={give.isPending}>
                      Give consent to be contacted
                    </button>
                  </>
                )}
              </article>
              <article className="card">
                <h3>Equality monitoring</h3>
                <QueryState query={questions} what="Loading the explanation">
                  {(set) => (
                    <>
                      <p>{set.consent.purpose}</p>
                      <p>{set.consent.whoSees}</p>
                      {equality.length ? (
                        <>
                          <p>
                            <strong>Given</strong> on {format.date(equality[0].givenAt)}. Your answers are in the readable copy on the “My data” page.
                          </p>
                          <Withdraw
                            label="Withdraw consent to equality monitoring"
                            consequence="Your answers to the equality questions will be deleted straight away. They will no longer count in the organisation’s figures."
                            pending={withdraw.isPending}
                            onConfirm={() => withdraw.mutate(equality.map((c) => c.id))}
                          />
                        </>
                      ) : answering ? (
                        <EqualityForm
                          questions={set}
                          onDone={() => {
                            setAnswering(false);
                            refresh('Thank you: your answers and your consent are recorded.');
                          }}
                        />
                      ) : (
                        <>
                          <p>
                            <strong>Not given.</strong> We hold no answers to the equality questions for you.
                          </p>
                          <button type="button" className="button" onClick={() => setAnswering(true)}>
                            Answer the equality questions
                          </button>
                        </>
                      )}
                    </>
                  )}
                </QueryState>
              </article>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

export function MyDetailsPage() {
  const details = useQuery(queries.myDetails());
  return (
    <>
      <PageHeading>My details</PageHeading>
      <QueryState query={details} what="Loading your details">
        {(d) => <ContactDetailsForm details={d} />}
      </QueryState>
      <ConsentsPanel />
    </>
  );
}
