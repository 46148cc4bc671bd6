import { useMutation } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { client, read } from '../api';
import { ErrorSummary, TextField, useFormErrors } from '../forms';

const FIELDS = [
  { key: 'organisationName', label: 'Organisation name', autoComplete: 'organization' },
  { key: 'boroughCode', label: 'Borough (ONS code)', hint: 'The local authority you work in, e.g. E09000019 for Islington.', autoComplete: 'off' },
  { key: 'name', label: 'Your name', autoComplete: 'name' },
  { key: 'email', label: 'Email address', hint: 'We email a link here; your organisation is created when you open it.', type: 'email', autoComplete: 'email' },
  { key: 'password', label: 'Password', hint: 'At least 12 characters; three random words work well.', type: 'password', autoComplete: 'new-password' },
] as const;

type Key = (typeof FIELDS)[number]['key'];

/** A new organisation and its first admin. Nothing exists until the emailed link is opened (VerifySignUp). */
export default function SignUp() {
  const idBase = useId();
  const idOf = (field: string) => `${idBase}-${field}`;
  const [values, setValues] = useState<Record<Key, string>>({ organisationName: '', boroughCode: '', name: '', email: '', password: '' });
  const request = useMutation({ mutationFn: () => read(client.POST('/auth/sign-up', { body: values })) });
  const { formRef, summaryRef, errorOf } = useFormErrors(request.error, request.failureCount);

  useEffect(() => {
    document.title = request.data ? 'Check your email – Steppingstone' : 'Create an organisation – Steppingstone';
  }, [request.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate();
  }

  return (
    <div className="sign-in-page">
      <main id="main" className="sign-in">
        {request.data ? (
          <>
            <h1>Check your email</h1>
            <p role="status">{request.data.message}</p>
            <p>Open the link in the email to finish. If nothing arrives within a few minutes, check your spam folder, or sign up again.</p>
          </>
        ) : (
          <>
            <h1>Create an organisation</h1>
            <form ref={formRef} onSubmit={submit} noValidate>
              <ErrorSummary error={request.error} summaryRef={summaryRef} idOf={idOf} />
              {FIELDS.map((f) => (
                <TextField
                  key={f.key}
                  id={idOf(f.key)}
                  field={f.key}
                  label={f.label}
                  hint={'hint' in f ? f.hint : undefined}
                  type={'type' in f ? f.type : 'text'}
                  autoComplete={f.autoComplete}
                  required
                  value={values[f.key]}
                  onChange={(value) => setValues({ ...values, [f.key]: value })}
                  error={errorOf(f.key)}
                />
              ))}
              <button type="submit" className="button" disabled={request.isPending}>
                {request.isPending ? 'Sending…' : 'Create the organisation'}
              </button>
            </form>
          </>
        )}
        <p>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </p>
      </main>
    </div>
  );
}
