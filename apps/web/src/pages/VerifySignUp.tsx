import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, client, friendlyMessage, read } from '../api';
import { homeOf } from '../session';

/**
 * Where the sign-up email's link opens. Nothing happens until the person presses the button, so a
 * mail scanner that fetches the link creates nothing.
 */
export default function VerifySignUp() {
  const token = useSearchParams()[0].get('token') ?? '';
  const verify = useMutation({
    mutationFn: () => read<{ organisation: { name: string } }>(client.POST('/auth/sign-up/verify', { body: { token } })),
    onSuccess: () => window.location.assign(homeOf('admin')),
  });

  useEffect(() => {
    document.title = 'Finish creating your organisation – Steppingstone';
  }, []);

  // The API's own words for a used, expired or taken link say what to do next.
  const refusal =
    verify.error instanceof ApiError && verify.error.body?.message && [404, 409].includes(verify.error.status) ? verify.error.body.message : verify.error ? friendlyMessage(verify.error) : undefined;
  return (
    <div className="sign-in-page">
      <main id="main" className="sign-in">
        <h1>Finish creating your organisation</h1>
        {!token ? (
          <p className="notice">This page needs the link from your sign-up email. Open the link from the email, or sign up again.</p>
        ) : (
          <>
            <p>You have proved this email address is yours. Create the organisation and sign in as its administrator.</p>
            {refusal && (
              <div className="error" role="alert">
                <p>{refusal}</p>
              </div>
            )}
            <button type="button" className="button" disabled={verify.isPending || verify.isSuccess} onClick={() => verify.mutate()}>
              {verify.isPending || verify.isSuccess ? 'Creating…' : 'Create my organisation'}
            </button>
          </>
        )}
        <p>
          <Link to="/sign-up">Sign up again</Link> · <Link to="/sign-in">Sign in</Link>
        </p>
      </main>
    </div>
  );
}
