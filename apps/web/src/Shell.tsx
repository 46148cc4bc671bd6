import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { client, read, sendToSignIn } from './api';
import { PAGES } from './routes';
import { SessionProvider, useMe, homeOf, Me } from './session';
import { ErrorMessage, Loading } from './ui';
import { word } from './format';
import { SelectField } from './forms';

function OrganisationSwitch({ me }: { me: Me }) {
  const id = useId();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (organisationId: string) => read(client.POST('/auth/switch-organisation', { body: { organisationId } })),
    onSuccess: (session) => {
      // A new organisation means a new session: nothing cached from the old one may show.
      queryClient.clear();
      window.location.assign(homeOf(session.role));
    },
  });
  if (me.memberships.length < 2) return <span className="organisation-name">{me.organisation.name}</span>;
  return (
    <div className="organisation-switch">
      <SelectField id={id} label="Organisation" fieldClass="organisation-choice" value={me.organisation.id} disabled={change.isPending} onChange={(chosen) => change.mutate(chosen)}>
        {me.memberships.map((m) => (
          <option key={m.organisationId} value={m.organisationId}>
            {m.organisationName} ({word(m.role)})
          </option>
        ))}
      </SelectField>
      {change.isError && <ErrorMessage error={change.error} />}
    </div>
  );
}

function SignOut() {
  const signOut = useMutation({
    mutationFn: () => read(client.POST('/auth/logout')),
    onSettled: () => window.location.assign('/sign-in?reason=signed-out'),
  });
  return (
    <button type="button" className="button link-like" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      Sign out
    </button>
  );
}

/** Every signed-in page: skip link, banner, the role's menu, and the page in <main>. */
export function Shell() {
  const me = useMe();
  if (me.isPending) return <Loading what="Checking your sign-in" />;
  if (me.error || !me.data) {
    return (
      <main id="main" className="page">
        <ErrorMessage error={me.error} retry={() => void me.refetch()} />
        <p>
          <button type="button" className="button" onClick={() => sendToSignIn()}>
            Go to sign in
          </button>
        </p>
      </main>
    );
  }
  const role = me.data.role;
  const pages = PAGES.filter((page) => page.label && !page.menu && page.roles.includes(role));
  const adminPages = PAGES.filter((page) => page.label && page.menu === 'admin' && page.roles.includes(role));
  return (
    <SessionProvider me={me.data}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="banner">
        <div className="banner-inner">
          <Link className="brand" to={homeOf(role)}>
            Steppingstone
          </Link>
          <OrganisationSwitch me={me.data} />
          <span className="who">
            {me.data.user.name} · {word(role)}
          </span>
          <SignOut />
        </div>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {pages.map((page) => (
              <li key={page.path}>
                <NavLink to={page.path} end>
                  {page.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {adminPages.length > 0 && (
          <nav aria-label="Administration" className="main-nav admin-nav">
            <ul>
              {adminPages.map((page) => (
                <li key={page.path}>
                  <NavLink to={page.path} end>
                    {page.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </SessionProvider>
  );
}
