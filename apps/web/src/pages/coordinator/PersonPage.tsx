import { useMutation, useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { word } from '../../format';
import { useSession } from '../../session';
import { Placement, Progression } from '../../types';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import { PersonJobs } from './PersonJobs';
import { PersonChecks } from './PersonChecks';

interface Person {
  id: string;
  name: string;
  preferredName: string | null;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  dateOfBirth: string | null;
  contactPreferences: string[];
}

interface Consent {
  id: string;
  purpose: string;
  wording: string;
  method: string;
  givenAt: string;
  withdrawnAt: string | null;
}

interface Demographics {
  profile: Record<string, string | null> | null;
  consent: Consent | null;
}

const PROFILE_LABELS: Record<string, string> = {
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  ethnicity: 'Ethnic group',
  disability: 'Disability',
  religion: 'Religion',
  englishProficiency: 'English',
  mainLanguage: 'Main language',
  livedExperience: 'Lived experience',
};

/** Special-category data stays hidden until the coordinator asks; the reveal is the audit-logged read. */
function DemographicsReveal({ personId }: { personId: string }) {
  const reveal = useMutation({ mutationFn: () => api<Demographics>(`/people/${personId}/demographics`) });
  return (
    <section aria-labelledby="demographics-heading">
      <h2 id="demographics-heading">Demographic profile</h2>
      {!reveal.data ? (
        <>
          <p>These answers are special-category data. Showing them is recorded in the audit log with your name.</p>
          <button type="button" className="button secondary" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
            {reveal.isPending ? 'Showing…' : 'Reveal demographic profile'}
          </button>
          {reveal.isError && <ErrorMessage error={reveal.error} />}
        </>
      ) : !reveal.data.profile ? (
        <Empty>No demographic answers recorded.</Empty>
      ) : (
        <dl className="facts">
          {Object.entries(PROFILE_LABELS).map(([key, label]) => (
            <Fragment key={key}>
              <dt>{label}</dt>
              <dd>{reveal.data.profile?.[key] ?? 'Not answered'}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const { format } = useSession();
  const person = useQuery({ queryKey: ['people', id], queryFn: ({ signal }) => api<Person>(`/people/${id}`, { signal }) });
  const progression = useQuery({ queryKey: ['people', id, 'progression'], queryFn: ({ signal }) => api<Progression>(`/people/${id}/progression`, { signal }) });
  const consents = useQuery({ queryKey: ['people', id, 'consents'], queryFn: ({ signal }) => api<Consent[]>(`/people/${id}/consents`, { signal }) });
  const placements = useQuery({ queryKey: ['people', id, 'placements'], queryFn: ({ signal }) => api<Placement[]>(`/people/${id}/placements`, { signal }) });
  return (
    <QueryState query={person} what="Loading the person">
      {(p) => (
        <>
          <p>
            <Link to="/people">All people</Link>
          </p>
          <PageHeading>{p.name}</PageHeading>
          <dl className="facts">
            <dt>Email</dt>
            <dd>{p.email ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{p.phone ?? '—'}</dd>
            <dt>Postcode</dt>
            <dd>{p.postcode ?? '—'}</dd>
            <dt>Date of birth</dt>
            <dd>{format.date(p.dateOfBirth)}</dd>
            <dt>Contact by</dt>
            <dd>{p.contactPreferences.join(', ') || '—'}</dd>
          </dl>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <QueryState query={progression} what="Loading the timeline">
              {(t) =>
                t.milestones.length === 0 ? (
                  <Empty>Nothing yet.</Empty>
                ) : (
                  <ol>
                    {t.milestones.map((m, i) => (
                      <li key={`${m.milestone}-${i}`}>
                        <strong>{format.date(m.on)}</strong>: {word(m.milestone)}
                        {typeof m.details.intakeName === 'string' ? ` – ${m.details.intakeName}` : ''}
                        {typeof m.details.cohortName === 'string' ? ` – ${m.details.cohortName}` : ''}
                        {typeof m.details.hostName === 'string' ? ` – ${m.details.roleTitle} at ${m.details.hostName}` : ''}
                        {typeof m.details.employer === 'string' ? ` – ${m.details.employer}` : ''}
                      </li>
                    ))}
                  </ol>
                )
              }
            </QueryState>
          </section>
          <section aria-labelledby="consents-heading">
            <h2 id="consents-heading">Consents</h2>
            <QueryState query={consents} what="Loading consents">
              {(list) =>
                list.length === 0 ? (
                  <Empty>No consents recorded.</Empty>
                ) : (
                  <ul>
                    {list.map((c) => (
                      <li key={c.id}>
                        {word(c.purpose)}: given {format.date(c.givenAt)} ({c.method.replace(/-/g, ' ')}){c.withdrawnAt ? `, withdrawn ${format.date(c.withdrawnAt)}` : ''}
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
          </section>
          <DemographicsReveal personId={p.id} />
          <section aria-labelledby="placements-heading">
            <h2 id="placements-heading">Placements</h2>
            <QueryState query={placements} what="Loading placements">
              {(list) =>
                list.length === 0 ? (
                  <Empty>No placements.</Empty>
                ) : (
                  <ul>
                    {list.map((pl) => (
                      <li key={pl.id}>
                        {pl.roleTitle} at {pl.hostName}, from {format.date(pl.startsOn)} ({word(pl.status)})
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
          </section>
          <PersonJobs personId={p.id} personName={p.name} />
          <PersonChecks personId={p.id} />
        </>
      )}
    </QueryState>
  );
}
