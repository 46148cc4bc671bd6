import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError, client, read } from '../api';
import { EqualityAnswers, EqualityQuestion, givenAnswers, useEqualityQuestions } from '../equality';
import { asBody, Checkbox, DateParts, DateValue, ErrorSummary, fieldDetails, isoDate, NO_DATE, Radios, TextAreaField, TextField, useAnswers } from '../forms';
import { formattersFor } from '../format';
import { ErrorMessage, Loading } from '../ui';
import { queries } from '../queries';
import type { ApplicationReceipt, PublicIntake } from '../types';

type Receipt = ApplicationReceipt;

const CONSENT = 'I agree to be contacted about my application';
// Calendar dates only on this page, so any zone formats them the same.
const format = formattersFor('UTC');

/** A summary at the top naming each problem, as the GOV.UK pattern has it; focus goes to it so a screen reader reads it first. */
function useSummaryFocus(error: unknown, attempt: number) {
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error, attempt]);
  return summaryRef;
}

const messageOf = (error: unknown, field: string) => fieldDetails(error).find((d) => d.field === field || d.field === `answers.${field}`)?.message;

/** Age in whole years on today's date, for the census rule that two questions are asked only from 16. */
function ageOn(dateOfBirth: string | undefined): number | null {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  if (Number.isNaN(born.getTime())) return null;
  const now = new Date();
  let age = now.getUTCFullYear() - born.getUTCFullYear();
  if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) age -= 1;
  return age;
}

/** The application itself: a name, at least one way to reach the person, consent to be contacted. */
function ApplicationForm({ slug, event, intake, onReceived }: { slug: string; event: string | null; intake: PublicIntake; onReceived: (receipt: Receipt, dateOfBirth: string | undefined) => void }) {
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field === 'contact' ? 'email' : field}`;
  const { values, set } = useAnswers({ name: '', email: '', phone: '', address: '', postcode: '', partnerCode: '' });
  const [dateOfBirth, setDateOfBirth] = useState<DateValue>(NO_DATE);
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const linkPartner = intake.partner?.recognised ? intake.partner : undefined;
  const apply = useMutation({
    mutationFn: () => {
      const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      const partnerCode = linkPartner?.code ?? typed.partnerCode;
      return read(
        client.POST('/public/intakes/{slug}/applications', {
          // An event link's token goes with the application, so the API can tell this form from the plain one.
          params: { path: { slug }, query: event ? { event } : {} },
          body: asBody({ ...typed, ...(partnerCode ? { partnerCode } : {}), ...(isoDate(dateOfBirth) ? { dateOfBirth: isoDate(dateOfBirth) } : {}), consent, ...(website ? { website } : {}) }),
        }),
      );
    },
    onSuccess: (receipt) => onReceived(receipt, isoDate(dateOfBirth)),
  });
  const summaryRef = useSummaryFocus(apply.error, apply.failureCount);
  const errorOf = (field: string) => messageOf(apply.error, field);

  function submit(event: FormEvent) {
    event.preventDefault();
    apply.mutate();
  }

  const contactError = errorOf('contact');
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary
        error={apply.error}
        summaryRef={summaryRef}
        idOf={idOf}
        title="There is a problem"
        order={['name', 'contact', 'email', 'phone', 'address', 'postcode', 'dateOfBirth', 'partnerCode', 'consent']}
      />
      <TextField id={idOf('name')} field="name" label="Your name" hint="Your full name" autoComplete="name" spellCheck={false} value={values.name} onChange={set('name')} error={errorOf('name')} />
      <fieldset className={`field contact-group${contactError ? ' has-error' : ''}`} aria-describedby={`${ids}-contact-hint${contactError ? ` ${ids}-contact-error` : ''}`}>
        <legend>How can we contact you?</legend>
        <p className="hint" id={`${ids}-contact-hint`}>
          Give at least one of these: an email address, a phone number or a postal address. You do not need an email address.
        </p>
        {contactError && (
          <p className="field-error" id={`${ids}-contact-error`}>
            {contactError}
          </p>
        )}
        <TextField
          id={idOf('email')}
          field="email"
          label="Email address (optional)"
          hint="We send your confirmation and reference here."
          type="email"
          autoComplete="email"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
          error={errorOf('email')}
        />
        <TextField
          id={idOf('phone')}
          field="phone"
          label="Phone number (optional)"
          hint="A mobile or landline, like 07700 900 982. We may call or text you."
          type="tel"
          autoComplete="tel"
          value={values.phone}
          onChange={set('phone')}
          error={errorOf('phone')}
        />
        <TextAreaField
          id={idOf('address')}
          field="address"
          label="Postal address (optional)"
          hint="House number and street, then the town, each on its own line."
          autoComplete="street-address"
          rows={3}
          value={values.address}
          onChange={set('address')}
          error={errorOf('address')}
        />
        <TextField
          id={idOf('postcode')}
          field="postcode"
          label="Postcode (optional)"
          hint="It tells us which part of the borough you live in."
          autoComplete="postal-code"
          className="width-postcode"
          value={values.postcode}
          onChange={set('postcode')}
          error={errorOf('postcode')}
        />
      </fieldset>
      <DateParts
        id={idOf('dateOfBirth')}
        field="dateOfBirth"
        legend="Date of birth (optional)"
        hint="For example, 27 3 1985. It helps us tell apart people with the same name."
        autoCompletePrefix="bday"
        value={dateOfBirth}
        onChange={setDateOfBirth}
        error={errorOf('dateOfBirth')}
      />
      {linkPartner ? (
        <p className="notice">Referred by {linkPartner.name}.</p>
      ) : (
        <TextField
          id={idOf('partnerCode')}
          field="partnerCode"
          label="Referral code (optional)"
          hint="If a leaflet, a letter or the person who told you about this gave you a code, type it here."
          autoComplete="off"
          spellCheck={false}
          value={values.partnerCode}
          onChange={set('partnerCode')}
          error={errorOf('partnerCode')}
        />
      )}
      <div className="honeypot" aria-hidden="true">
        <TextField id={`${ids}-website`} label="Leave this empty" fieldClass="" tabIndex={-1} autoComplete="off" value={website} onChange={setWebsite} />
      </div>
      <Checkbox id={idOf('consent')} field="consent" label={CONSENT} error={errorOf('consent')} checked={consent} onChange={setConsent} />
      <button type="submit" className="button" disabled={apply.isPending}>
        {apply.isPending ? 'Sending…' : 'Send my application'}
      </button>
    </form>
  );
}

/** One census question as radios; ethnic group in the census's sections, "Prefer not to say" after them. */
function Question({
  question,
  idOf,
  answers,
  onChange,
  error,
  writeInError,
}: {
  question: EqualityQuestion;
  idOf: (field: string) => string;
  answers: EqualityAnswers;
  onChange: (answers: EqualityAnswers) => void;
  error?: string;
  writeInError: (field: string) => string | undefined;
}) {
  const key = question.field as keyof EqualityAnswers;
  const value = answers[key] ?? '';
  const writeIn = (option: { writeIn?: string; hint?: string }) =>
    option.writeIn ? (
      <TextField
        id={idOf(option.writeIn)}
        field={option.writeIn}
        label="In your own words (optional)"
        maxLength={question.writeInMaxLength}
        value={answers[option.writeIn as keyof EqualityAnswers] ?? ''}
        onChange={(text) => onChange({ ...answers, [option.writeIn as string]: text })}
        error={writeInError(option.writeIn)}
      />
    ) : null;
  const choose = (chosen: string) => onChange({ ...answers, [key]: chosen });
  if (!question.groups) {
    return <Radios id={idOf(key)} field={key} legend={question.question} hint={question.hint} error={error} options={question.options} value={value} onChange={choose} reveal={writeIn} />;
  }
  return (
    <fieldset className={`field${error ? ' has-error' : ''}`} aria-describedby={`${idOf(key)}-question-hint`}>
      <legend>{question.question}</legend>
      <p className="hint" id={`${idOf(key)}-question-hint`}>
        {question.hint}
      </p>
      {error && <p className="field-error">{error}</p>}
      {question.groups.map((group, index) => (
        <Radios
          key={group.heading}
          small
          id={index === 0 ? idOf(key) : `${idOf(key)}-section-${index}`}
          field={key}
          legend={group.heading}
          options={group.options}
          value={value}
          onChange={choose}
          reveal={writeIn}
        />
      ))}
      <Radios small id={`${idOf(key)}-none`} field={key} legend="Or" options={question.options} value={value} onChange={choose} />
    </fieldset>
  );
}

/**
 * The optional equality questions after the application, with a consent of their own. Only the
 * token the application answered with lets them in, once, within two hours.
 */
function EqualityStep({ slug, token, dateOfBirthGiven }: { slug: string; token: string; dateOfBirthGiven: string | undefined }) {
  const ids = useId();
  const set = useEqualityQuestions();
  const [phase, setPhase] = useState<'offer' | 'questions' | 'skipped'>('offer');
  const [answers, setAnswers] = useState<EqualityAnswers>({});
  const [dateOfBirth, setDateOfBirth] = useState<DateValue>(NO_DATE);
  const [consent, setConsent] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const idOf = (field: string) => `${ids}-eq-${field}`;
  const questions = (set.data?.questions ?? []).filter((q) => !(q.field === 'dateOfBirth' && dateOfBirthGiven));
  const age = ageOn(dateOfBirthGiven ?? isoDate(dateOfBirth));
  const asked = questions.filter((q) => q.askedOf === 'everyone' || age === null || age >= 16);
  const send = useMutation({
    mutationFn: () =>
      read(
        client.POST('/public/intakes/{slug}/equality-answers', {
          params: { path: { slug } },
          body: { token, consent, answers: { ...givenAnswers(asked, answers), ...(isoDate(dateOfBirth) ? { dateOfBirth: isoDate(dateOfBirth) } : {}) } },
        }),
      ),
  });
  const summaryRef = useSummaryFocus(send.error, send.failureCount);
  const errorOf = (field: string) => messageOf(send.error, field);
  useEffect(() => {
    if (phase !== 'offer' || send.isSuccess) headingRef.current?.focus();
  }, [phase, send.isSuccess]);

  if (set.isPending) return <Loading what="Loading the equality questions" />;
  if (set.error || !set.data) return <ErrorMessage error={set.error} retry={() => void set.refetch()} />;
  const { consent: text } = set.data;

  if (send.isSuccess) {
    return (
      <section aria-labelledby={`${ids}-done`}>
        <h2 id={`${ids}-done`} tabIndex={-1} ref={headingRef}>
          Equality questions answered
        </h2>
        <p className="success" role="status">
          {send.data.message}
        </p>
      </section>
    );
  }
  if (phase === 'skipped') {
    return (
      <section aria-labelledby={`${ids}-skipped`}>
        <h2 id={`${ids}-skipped`} tabIndex={-1} ref={headingRef}>
          Equality questions skipped
        </h2>
        <p role="status">You have skipped the equality questions. Your application is not affected. You can close this page.</p>
      </section>
    );
  }

  // A 403 here is the token (used, expired): the API's own sentence says so; the role wording would mislead.
  const refusal = send.error instanceof ApiError && send.error.status === 403 ? send.error.body?.message : undefined;
  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} tabIndex={-1} ref={headingRef}>
        Equality questions (optional)
      </h2>
      <p>{text.purpose}</p>
      <p>
        <strong>Who sees your answers:</strong> {text.whoSees}
      </p>
      <p>{text.optional}</p>
      {phase === 'offer' ? (
        <div className="actions">
          <button type="button" className="button" onClick={() => setPhase('questions')}>
            Answer the equality questions
          </button>
          <button type="button" className="button secondary" onClick={() => setPhase('skipped')}>
            Skip these questions
          </button>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate();
          }}
        >
          {refusal ? (
            <div className="error" role="alert" tabIndex={-1} ref={summaryRef}>
              <p>{refusal}</p>
            </div>
          ) : (
            <ErrorSummary error={send.error} summaryRef={summaryRef} idOf={(first, path) => idOf(first === 'answers' ? path.slice('answers.'.length) : first)} title="There is a problem" />
          )}
          {questions.map((question) =>
            question.field === 'dateOfBirth' ? (
              <div key="dateOfBirth">
                <DateParts
                  id={idOf('dateOfBirth')}
                  field="dateOfBirth"
                  legend={question.question}
                  hint={question.hint}
                  autoCompletePrefix="bday"
                  value={dateOfBirth}
                  onChange={setDateOfBirth}
                  error={errorOf('dateOfBirth')}
                />
                {question.alternative && (
                  <Radios
                    id={idOf('ageBand')}
                    field="ageBand"
                    legend={question.alternative.question}
                    options={question.alternative.options}
                    value={answers.ageBand ?? ''}
                    onChange={(ageBand) => setAnswers({ ...answers, ageBand })}
                    error={errorOf('ageBand')}
                  />
                )}
              </div>
            ) : asked.includes(question) ? (
              <Question key={question.field} question={question} idOf={idOf} answers={answers} onChange={setAnswers} error={errorOf(question.field)} writeInError={errorOf} />
            ) : null,
          )}
          <Checkbox id={idOf('consent')} field="consent" label={text.wording} error={errorOf('consent')} checked={consent} onChange={setConsent} />
          <div className="actions">
            <button type="submit" className="button" disabled={send.isPending}>
              {send.isPending ? 'Sending…' : 'Send my answers'}
            </button>
            <button type="button" className="button secondary" onClick={() => setPhase('skipped')}>
              Skip these questions
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * The public application form behind an intake's link: no sign-in, one question per field, errors
 * in a summary at the top and beside each field. Anyone can apply with an email address, a phone
 * number or a postal address; the confirmation gives a short reference to read out on the phone,
 * then offers the optional equality questions.
 */
export default function ApplyPage() {
  const { slug = '' } = useParams();
  const [search] = useSearchParams();
  const event = search.get('event');
  const partner = search.get('partner');
  const describe = new URLSearchParams({ ...(event ? { event } : {}), ...(partner ? { partner } : {}) }).toString();
  const [received, setReceived] = useState<{ receipt: Receipt; dateOfBirth: string | undefined } | null>(null);
  const receivedRef = useRef<HTMLHeadingElement>(null);
  const intake = useQuery(queries.publicIntake(slug, event, partner, describe));

  useEffect(() => {
    if (intake.data) document.title = `Apply: ${intake.data.programme.name} – ${intake.data.organisation.name}`;
  }, [intake.data]);
  useEffect(() => {
    if (received) {
      document.title = `Application received – ${intake.data?.organisation.name ?? 'Steppingstone'}`;
      receivedRef.current?.focus();
    }
  }, [received, intake.data]);

  return (
    <div className="sign-in-page">
      <main id="main" className="sign-in apply">
        {intake.isPending && <Loading what="Loading the application form" />}
        {intake.error && <ErrorMessage error={intake.error} />}
        {intake.data && (
          <>
            <p>{intake.data.organisation.name}</p>
            <h1>
              Apply: {intake.data.programme.name} ({intake.data.intake.name})
            </h1>
            {!received && (
              <>
                <p>{intake.data.programme.description}</p>
                <p>Applications close on {format.date(intake.data.intake.closesOn)}.</p>
              </>
            )}
            {intake.data.eventLink && !received && (
              <p className="notice">
                {intake.data.eventLink.valid
                  ? `Event link: this device can send as many applications as needed until ${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'long' }).format(new Date(intake.data.eventLink.expiresAt!))}.`
                  : 'This event link has expired or is not right, so this form takes only a few applications from one connection. Ask the organisers for a new link.'}
              </p>
            )}
            {!intake.data.open ? (
              <p className="notice">{intake.data.notice ?? 'This intake is not taking applications.'}</p>
            ) : received ? (
              <>
                <div className="panel" role="status">
                  <h2 tabIndex={-1} ref={receivedRef}>
                    Application received
                  </h2>
                  <p>
                    Your reference is
                    <strong className="reference">
                      <span aria-hidden="true">{received.receipt.reference}</span>
                      {/* Spelled out, so a screen reader reads the characters one by one, as on the phone. */}
                      <span className="visually-hidden">{received.receipt.reference.split('').join(' ')}</span>
                    </strong>
                    Write it down. Read it out if you phone us, or quote it if you write.
                  </p>
                  <p>{received.receipt.message}</p>
                </div>
                <EqualityStep slug={slug} token={received.receipt.equalityStep.token} dateOfBirthGiven={received.dateOfBirth} />
              </>
            ) : (
              <ApplicationForm slug={slug} event={event} intake={intake.data} onReceived={(receipt, dateOfBirth) => setReceived({ receipt, dateOfBirth })} />
            )}
          </>
        )}
      </main>
    </div>
  );
}
