import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, client, friendlyMessage, read } from '../api';
import { word } from '../format';
import { Radios, TextField } from '../forms';
import { homeOf, Role } from '../session';

/** Only a path on this site, so a crafted link cannot send someone elsewhere after signing in. */
function safeNext(next: string | null): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : undefined;
}

interface Choice {
  organisationId: string;
  organisationName: string;
  role: Role;
}

export function SignIn() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const ids = { email: useId(), password: useId(), code: useId(), error: useId(), organisation: useId() };
  const reason = params.get('reason');

  useEffect(() => {
    document.title = 'Sign in – Steppingstone';
  }, []);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await read(client.POST('/auth/login', { body: { email, password, ...(code ? { totpCode: code } : {}), ...(organisationId ? { organisationId } : {}) } }));
      window.location.assign(safeNext(params.get('next')) ?? homeOf(session.role));
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.body?.code === 'ORGANISATION_CHOICE_REQUIRED' && Array.isArray(failure.body.organisations)) {
        setChoices(failure.body.organisations as Choice[]);
        setError('You belong to more than one organisation. Choose which one to sign in to.');
      } else if (failure instanceof ApiError && /SECOND_FACTOR|TOTP/.test(failure.body?.code ?? '')) {
        setNeedsCode(true);
        setError(needsCode ? 'That code did not work. Enter the six-digit code your authenticator app shows now.' : 'Enter the six-digit code from your authenticator app.');
      } else if (failure instanceof ApiError && failure.status === 401) {
        setError('The email address or password is not right.');
      } else {
        setError(friendlyMessage(failure));
      }
    }
  }

  return (
    <div className="sign-in-page">
      <main id="main" className="sign-in">
        <h1>Sign in to Steppingstone</h1>
        {reason === 'expired' && <p className="notice">Your session ended. Sign in again and we will take you back to where you were.</p>}
        {reason === 'signed-out' && <p className="notice">You have signed out.</p>}
        {error && (
          <div className="error" role="alert" tabIndex={-1} ref={errorRef} id={ids.error}>
            <p>{error}</p>
          </div>
        )}
        <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
          <TextField id={ids.email} field="email" label="Email address" name="email" type="email" autoComplete="username" required value={email} onChange={setEmail} />
          <TextField id={ids.password} field="password" label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={setPassword} />
          {choices.length > 0 && (
            <Radios
              id={ids.organisation}
              field="organisationId"
              legend="Organisation"
              options={choices.map((choice) => ({ value: choice.organisationId, label: `${choice.organisationName} (${word(choice.role)})` }))}
              value={organisationId}
              onChange={setOrganisationId}
            />
          )}
          {needsCode && (
            <TextField
              id={ids.code}
              field="code"
              label="Authenticator code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              value={code}
              onChange={(typed) => setCode(typed.trim())}
            />
          )}
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p>
          New to Steppingstone? <Link to="/sign-up">Create an organisation</Link>
        </p>
      </main>
    </div>
  );
}
