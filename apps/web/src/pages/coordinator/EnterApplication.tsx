import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, client, read } from '../../api';
import { EqualityAnswers, EqualitySelects, givenAnswers, useEqualityQuestions } from '../../equality';
import { asBody, Checkbox, ErrorSummary, Radios, SelectField, TextAreaField, TextField, useFormErrors } from '../../forms';
import { useSession } from '../../session';
import { Intake, Member, Schema } from '../../types';
import { PageHeading, QueryState } from '../../ui';
import { KIND_WORDS, ReferralPartner } from './partners';
import { queries } from '../../queries';
interface Duplicate {
  personId: string;
  name: string;
  matchedOn: string[];
}

type Entry = Schema<'EnteredApplicationDto'>;
const CHANNELS: Array<{ value: Entry['channel']; label: string }> = [
  { value: 'phone', label: 'Phone call' },
  { value: 'paper', label: 'Paper form' },
  { value: 'in-person', label: 'In person' },
];
const CONSENT_METHODS: Array<{ value: Schema<'PaperConsentDto'>['method']; label: string }> = [
  { value: 'paper-form', label: 'Ticked on the paper form' },
  { value: 'verbal', label: 'Said so on the phone or in person' },
];
type Source = NonNullable<Entry['source']>;
const SOURCES: Record<Source, string> = { self: 'Found us themselves', referral: 'Referred', coordinator: 'Contacted by us', event: 'At an event' };
const MATCHES: Record<string, string> = { email: 'email', phone: 'phone number', nameAndDateOfBirth: 'name and date of birth' };

const today = () => new Date().toISOString().slice(0, 10);
const blankPerson = { name: '', preferredName: '', email: '', phone: '', address: '', postcode: '', dateOfBirth: '' };

/**
 * A coordinator records an application that came by phone, on paper or in person: when it came,
 * who referred them, the contact details they gave, their consent to be contacted as they gave it
 * and who took it, and the equality answers only when the form carried them with their own consent.
 */
function EntryForm({ intake, partners, members, userId }: { intake: Intake; partners: ReferralPartner[]; members: Member[]; userId: string }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const questions = useEqualityQuestions();
  const [channel, setChannel] = useState<Entry['channel']>('phone');
  const [receivedOn, setReceivedOn] = useState(today());
  const [partnerId, setPartnerId] = useState('');
  const [partnerCode, setPartnerCode] = useState('');
  const [referrer, setReferrer] = useState('');
  const [source, setSource] = useState('');
  const [person, setPerson] = useState(blankPerson);
  const [consent, setConsent] = useState<{ method: Schema<'PaperConsentDto'>['method']; givenOn: string; takenBy: string }>({ method: 'verbal', givenOn: today(), takenBy: userId });
  const [withEquality, setWithEquality] = useState(false);
  const [equalityConsent, setEqualityConsent] = useState<{ method: Schema<'PaperConsentDto'>['method']; givenOn: string }>({ method: 'paper-form', givenOn: today() });
  const [answers, setAnswers] = useState<EqualityAnswers>({});
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  const enter = useMutation({
    mutationFn: () => {
      const details = asBody<Entry['person']>(Object.fromEntries(Object.entries(person).filter(([, v]) => v.trim() !== '')));
      return read(
        client.POST('/intakes/{id}/applications', {
          params: { path: { id: intake.id } },
          body: {
            channel,
            receivedOn,
            ...(partnerId ? { partnerId } : partnerCode.trim() ? { partnerCode: partnerCode.trim() } : {}),
            ...(referrer.trim() ? { referrer: referrer.trim() } : {}),
            // The select offers only the keys of SOURCES, or nothing.
            ...(source ? { source: source as Source } : {}),
            person: details,
            contactConsent: { method: consent.method, givenOn: consent.givenOn, ...(consent.takenBy ? { takenBy: consent.takenBy } : {}) },
            ...(withEquality ? { equality: { consent: equalityConsent, answers: givenAnswers(questions.data?.questions ?? [], answers) } } : {}),
            ...(allowDuplicate ? { allowDuplicate: true } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      setPerson(blankPerson);
      setAnswers({});
      setWithEquality(false);
      setAllowDuplicate(false);
      setPartnerId('');
      setPartnerCode('');
      setReferrer('');
      void queryClient.invalidateQueries({ queryKey: ['applications', intake.id] });
      void queryClient.invalidateQueries({ queryKey: ['intakes', intake.id] });
      void queryClient.invalidateQueries({ queryKey: ['gaps', intake.id] });
      setTimeout(() => doneRef.current?.focus());
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(enter.error, enter.failureCount);
  const idOf = (_first: string, path?: string) => `${ids}-${(path ?? _first).replace(/^equality\.answers\./, 'answers.').replace(/\./g, '-')}`;
  const fieldId = (path: string) => idOf(path, path);
  const setDetail = (key: keyof typeof blankPerson) => (value: string) => setPerson({ ...person, [key]: value });
  const duplicates =
    enter.error instanceof ApiError && enter.error.status === 409 && enter.error.body?.code === 'POSSIBLE_DUPLICATE' ? ((enter.error.body.duplicates as Duplicate[] | undefined) ?? []) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    enter.mutate();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {enter.isSuccess && (
        <div className="success" role="status" tabIndex={-1} ref={doneRef}>
          <p>
            Application entered. Reference <strong>{enter.data.reference}</strong>
            {enter.data.equalityRecorded ? ', with the equality answers' : ''}. <Link to={`/people/${enter.data.personId}`}>Open their page</Link>. The form is clear for the next one.
          </p>
        </div>
      )}
      {duplicates.length > 0 ? (
        <div className="warning" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>This may be someone already recorded:</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.personId}>
                <Link to={`/people/${d.personId}`}>{d.name}</Link> (same {d.matchedOn.map((m) => MATCHES[m] ?? m).join(' and ')})
              </li>
            ))}
          </ul>
          <Checkbox bare label="They are different people: record this application anyway" checked={allowDuplicate} onChange={setAllowDuplicate} />
        </div>
      ) : (
        <ErrorSummary error={enter.error} summaryRef={summaryRef} idOf={idOf} />
      )}

      <h2>How it came</h2>
      <Radios id={fieldId('channel')} field="channel" legend="How did the application reach you?" options={CHANNELS} value={channel} onChange={setChannel} error={errorOf('channel')} />
      <TextField
        id={fieldId('receivedOn')}
        field="receivedOn"
        label="Date received"
        hint="The day of the call, or the day the paper form arrived. It counts as the day they applied."
        type="date"
        value={receivedOn}
        onChange={setReceivedOn}
        error={errorOf('receivedOn')}
      />
      <SelectField id={fieldId('partnerId')} field="partnerId" label="Referral partner" hint="Who sent them to us, if anyone." value={partnerId} onChange={setPartnerId} error={errorOf('partnerId')}>
        <option value="">None, or a code written on the form</option>
        {partners.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({KIND_WORDS[p.kind] ?? p.kind}, code {p.code})
          </option>
        ))}
      </SelectField>
      {!partnerId && (
        <TextField
          id={fieldId('partnerCode')}
          field="partnerCode"
          label="Partner code on the paper form (optional)"
          hint="Copy it as written; case, spaces and dashes do not matter."
          autoComplete="off"
          value={partnerCode}
          onChange={setPartnerCode}
          error={errorOf('partnerCode')}
        />
      )}
      <TextField
        id={fieldId('referrer')}
        field="referrer"
        label="Referred by, in words (optional)"
        hint="For example: Dr Shah at Archway Medical Centre"
        value={referrer}
        onChange={setReferrer}
        error={errorOf('referrer')}
      />
      <SelectField
        id={fieldId('source')}
        field="source"
        label="Source (optional)"
        hint="Left as it is: referred when a partner is given, otherwise contacted by us."
        value={source}
        onChange={setSource}
        error={errorOf('source')}
      >
        <option value="">Work it out</option>
        {Object.entries(SOURCES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>

      <h2>Their details</h2>
      <p className="hint">Record the contact details they gave: a phone number, an email address, a postal address, any or none.</p>
      <TextField id={fieldId('person.name')} field="person.name" label="Full name" autoComplete="off" value={person.name} onChange={setDetail('name')} error={errorOf('person.name')} />
      <TextField
        id={fieldId('person.preferredName')}
        field="person.preferredName"
        label="Name they like to be called (optional)"
        autoComplete="off"
        value={person.preferredName}
        onChange={setDetail('preferredName')}
        error={errorOf('person.preferredName')}
      />
      <TextField
        id={fieldId('person.phone')}
        field="person.phone"
        label="Phone number (optional)"
        type="tel"
        autoComplete="off"
        value={person.phone}
        onChange={setDetail('phone')}
        error={errorOf('person.phone')}
      />
      <TextField
        id={fieldId('person.email')}
        field="person.email"
        label="Email address (optional)"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={person.email}
        onChange={setDetail('email')}
        error={errorOf('person.email')}
      />
      <TextAreaField
        id={fieldId('person.address')}
        field="person.address"
        label="Postal address (optional)"
        hint="Each line on its own line; the postcode in the box below."
        rows={3}
        value={person.address}
        onChange={setDetail('address')}
        error={errorOf('person.address')}
      />
      <TextField
        id={fieldId('person.postcode')}
        field="person.postcode"
        label="Postcode (optional)"
        autoComplete="off"
        className="width-postcode"
        value={person.postcode}
        onChange={setDetail('postcode')}
        error={errorOf('person.postcode')}
      />
      <TextField
        id={fieldId('person.dateOfBirth')}
        field="person.dateOfBirth"
        label="Date of birth (optional)"
        type="date"
        value={person.dateOfBirth}
        onChange={setDetail('dateOfBirth')}
        error={errorOf('person.dateOfBirth')}
      />

      <h2>Consent to be contacted</h2>
      <p className="hint">As they gave it: “I agree to be contacted about my application”.</p>
      <Radios
        id={fieldId('contactConsent.method')}
        field="contactConsent.method"
        legend="How did they agree?"
        options={CONSENT_METHODS}
        value={consent.method}
        onChange={(method) => setConsent({ ...consent, method })}
        error={errorOf('contactConsent.method')}
      />
      <TextField
        id={fieldId('contactConsent.givenOn')}
        field="contactConsent.givenOn"
        label="Date they agreed"
        hint="The date on the paper form, or of the call."
        type="date"
        value={consent.givenOn}
        onChange={(givenOn) => setConsent({ ...consent, givenOn })}
        error={errorOf('contactConsent.givenOn')}
      />
      <SelectField
        id={fieldId('contactConsent.takenBy')}
        field="contactConsent.takenBy"
        label="Taken by"
        hint="The member of staff who took the call or received the form."
        value={consent.takenBy}
        onChange={(takenBy) => setConsent({ ...consent, takenBy })}
        error={errorOf('contactConsent.takenBy')}
      >
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
            {m.userId === userId ? ' (you)' : ''}
          </option>
        ))}
      </SelectField>

      <h2>Equality answers</h2>
      <p className="hint">Only when the form carried them and the person ticked, or said yes to, the equality consent. Without that consent nothing is kept.</p>
      <Checkbox
        label="The form has equality answers with the person’s consent to keep them"
        checked={withEquality}
        onChange={setWithEquality}
        aria-controls={`${ids}-equality`}
        aria-expanded={withEquality}
      />
      {withEquality && (
        <div id={`${ids}-equality`} className="reveal">
          <Radios
            id={fieldId('equality.consent')}
            field="equality.consent.method"
            legend="How did they agree to the equality questions?"
            hint={questions.data ? `“${questions.data.consent.wording}”` : undefined}
            options={CONSENT_METHODS}
            value={equalityConsent.method}
            onChange={(method) => setEqualityConsent({ ...equalityConsent, method })}
            error={errorOf('equality.consent')}
          />
          <TextField
            id={fieldId('equality.consent.givenOn')}
            field="equality.consent.givenOn"
            label="Date they agreed to the equality questions"
            type="date"
            value={equalityConsent.givenOn}
            onChange={(givenOn) => setEqualityConsent({ ...equalityConsent, givenOn })}
            error={errorOf('equality.consent.givenOn')}
          />
          <QueryState query={questions} what="Loading the equality questions">
            {(set) => (
              <EqualitySelects
                set={set}
                answers={answers}
                onChange={setAnswers}
                idOf={(field) => fieldId(`answers.${field}`)}
                errorOf={(field) => errorOf(`equality.answers.${field}`) ?? errorOf(field)}
              />
            )}
          </QueryState>
        </div>
      )}
      <button type="submit" className="button" disabled={enter.isPending}>
        {enter.isPending ? 'Saving…' : 'Enter application'}
      </button>
    </form>
  );
}

export default function EnterApplication() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const intake = useQuery(queries.intake(id));
  const partners = useQuery(queries.referralPartners());
  const members = useQuery(queries.staff());
  return (
    <QueryState query={intake} what="Loading the intake">
      {(i) => (
        <>
          <p>
            <Link to={`/intakes/${i.id}`}>Back to {i.name}</Link>
          </p>
          <PageHeading title={`Add an applicant to ${i.name}`}>Add an applicant who phoned or sent a paper form</PageHeading>
          <p>For {i.name}. The application starts at “Applied”, dated the day it arrived.</p>
          <QueryState query={partners} what="Loading referral partners">
            {(p) => (
              <QueryState query={members} what="Loading staff">
                {(m) => <EntryForm intake={i} partners={p} members={m.items} userId={user.id} />}
              </QueryState>
            )}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
