import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api, ApiError, friendlyMessage } from '../api';
import { formattersFor } from '../format';
import { ErrorMessage, Loading } from '../ui';

interface PublicIntake {
  organisation: { name: string };
  programme: { name: string; description: string };
  intake: { name: string; opensOn: string; closesOn: string };
  open: boolean;
  notice: string | null;
  /** Present when the page was opened through an event link. */
  eventLink?: { valid: boolean; expiresAt: string | null };
}

const CONSENT = 'I agree to be contacted about my application';
const FIELDS: Array<{ key: 'name' | 'email' | 'phone' | 'postcode' | 'dateOfBirth'; label: string; hint?: string; type?: string; autoComplete: string; required?: boolean }> = [
  { key: 'name', label: 'Your name', autoComplete: 'name', required: true },
  { key: 'email', label: 'Email address', hint: 'We send your confirmation here.', type: 'email', autoComplete: 'email', required: true },
  { key: 'phone', label: 'Phone number (optional)', type: 'tel', autoComplete: 'tel' },
  { key: 'postcode', label: 'Postcode (optional)', autoComplete: 'postal-code' },
  { key: 'dateOfBirth', label: 'Date of birth (optional)', type: 'date', autoComplete: 'bday' },
];
// Calendar dates only on this page, so any zone formats them the same.
const format = formattersFor('UTC');

/** The public application form behind an intake's link: no sign-in, plain questions, errors next to the field. */
export default function ApplyPage() {
  const { slug = '' } = useParams();
  const event = useSearchParams()[0].get('event');
  // An event link's token goes with every call, so the API can tell this form from the plain one.
  const query = event ? `?event=${encodeURIComponent(event)}` : '';
  const ids = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const intake = useQuery({ queryKey: ['public-intake', slug, event], queryFn: ({ signal }) => api<PublicIntake>(`/public/intakes/${encodeURIComponent(slug)}${query}`, { signal }) });
  const apply = useMutation({
    mutationFn: () =>
      api<{ reference: string; message: string }>(`/public/intakes/${encodeURIComponent(slug)}/applications${query}`, {
        method: 'POST',
        body: { ...Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')), consent, ...(website ? { website } : {}) },
      }),
  });
  const details = apply.error instanceof ApiError && apply.error.status === 400 ? (apply.error.body?.details ?? []) : [];
  const errorOf = (field: string) => details.find((d) => d.field === field)?.message;

  useEffect(() => {
    if (intake.data) document.title = `Apply: ${intake.data.programme.name} – ${intake.data.organisation.name}`;
  }, [intake.data]);
  useEffect(() => {
    if (apply.isError) summaryRef.current?.focus();
  }, [apply.isError, apply.failureCount]);

  function submit(event: FormEvent) {
    event.preventDefault();
    apply.mutate();
  }

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
            <p>{intake.data.programme.description}</p>
            <p>
              Applications close on {format.date(intake.data.intake.closesOn)}.
            </p>
            {intake.data.eventLink && (
              <p className="notice">
                {intake.data.eventLink.valid
                  ? `Event link: this device can send as many applications as needed until ${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'long' }).format(new Date(intake.data.eventLink.expiresAt!))}.`
                  : 'This event link has expired or is not right, so this form takes only a few applications from one connection. Ask the organisers for a new link.'}
              </p>
            )}
            {!intake.data.open ? (
              <p className="notice">{intake.data.notice ?? 'This intake is not taking applications.'}</p>
            ) : apply.data ? (
              <div className="success" role="status">
                <h2>Application received</h2>
                <p>{apply.data.message}</p>
                <p>
                  Your reference: <strong>{apply.data.reference}</strong>
                </p>
              </div>
            ) : (
              <form onSubmit={submit} noValidate>
                {apply.isError && (
                  <div className="error" role="alert" tabIndex={-1} ref={summaryRef}>
                    <p>{details.length > 0 ? 'Please check your answers:' : friendlyMessage(apply.error)}</p>
                    {details.length > 0 && (
                      <ul>
                        {details.map((d) => (
                          <li key={d.field}>
                            <a href={`#${ids}-${d.field}`}>{d.message}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
                {FIELDS.map((f) => (
                  <div className="field" key={f.key}>
                    <label htmlFor={`${ids}-${f.key}`}>{f.label}</label>
                    {f.hint && (
                      <p className="hint" id={`${ids}-${f.key}-hint`}>
                        {f.hint}
                      </p>
                    )}
                    {errorOf(f.key) && (
                      <p className="field-error" id={`${ids}-${f.key}-error`}>
                        {errorOf(f.key)}
                      </p>
                    )}
                    <input
                      id={`${ids}-${f.key}`}
                      type={f.type ?? 'text'}
                      autoComplete={f.autoComplete}
                      required={f.required}
                      aria-invalid={errorOf(f.key) ? true : undefined}
                      aria-describedby={[f.hint ? `${ids}-${f.key}-hint` : '', errorOf(f.key) ? `${ids}-${f.key}-error` : ''].filter(Boolean).join(' ') || undefined}
                      value={values[f.key] ?? ''}
                      onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                    />
                  </div>
                ))}
                <div className="honeypot" aria-hidden="true">
                  <label htmlFor={`${ids}-website`}>Leave this empty</label>
                  <input id={`${ids}-website`} tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
                </div>
                <div className="field">
                  {errorOf('consent') && (
                    <p className="field-error" id={`${ids}-consent`}>
                      {errorOf('consent')}
                    </p>
                  )}
                  <label className="choice">
                    <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} aria-invalid={errorOf('consent') ? true : undefined} />
                    {CONSENT}
                  </label>
                </div>
                <button type="submit" className="button" disabled={apply.isPending}>
                  {apply.isPending ? 'Sending…' : 'Send my application'}
                </button>
              </form>
            )}
          </>
        )}
      </main>
    </div>
  );
}
