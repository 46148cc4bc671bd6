import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, Fragment, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { client, read } from '../../api';
import { CensusAnswers, EqualityAnswers, EqualitySelects, QUESTION_NAMES, useEqualityQuestions } from '../../equality';
import { asBody, Checkbox, ErrorSummary, Radios, TextField, useFormErrors } from '../../forms';
import { word } from '../../format';
import { useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import { PersonJobs } from './PersonJobs';
import { PersonChecks } from './PersonChecks';
import { queries } from '../../queries';
import { Schema } from '../../types';

type Demographics = Schema<'DemographicProfileView'>;

const PROFILE_LABELS: Partial<Record<keyof NonNullable<Demographics['profile']>, string>> = {
  sex: 'Sex',
  ageBand: 'Age group',
  genderIdentity: 'Gender identity',
  genderIdentityOther: 'Gender identity, in their words',
  sexualOrientation: 'Sexual orientation',
  sexualOrientationOther: 'Sexual orientation, in their words',
  ethnicity: 'Ethnic group',
  ethnicityOther: 'Ethnic group, in their words',
  disability: 'Disability',
  religion: 'Religion',
  religionOther: 'Religion, in their words',
  englishProficiency: 'English',
  mainLanguage: 'Main language',
  livedExperience: 'Lived experience',
};

const ANSWER_KEYS = Object.keys(QUESTION_NAMES) as Array<keyof EqualityAnswers>;
const CONSENT_METHODS: Array<{ value: Schema<'ConsentStatementDto'>['method']; label: string }> = [
  { value: 'paper-form', label: 'Ticked on a paper form' },
  { value: 'verbal', label: 'Said so on the phone or in person' },
];

/**
 * Equality answers from a paper form, or a correction, kept only with the person's consent (the
 * API refuses otherwise). With a profile resting on a live consent, only the changed answers are
 * sent (PATCH, the same consent); without one, the whole profile goes with a new consent (PUT).
 */
function EqualityAnswersForm({ personId, current, onSaved }: { personId: string; current: Demographics; onSaved: (saved: Demographics) => void }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const questions = useEqualityQuestions();
  const { format } = useSession();
  const live = current.profile && current.consent && !current.consent.withdrawnAt ? current.consent : null;
  const initial = Object.fromEntries(ANSWER_KEYS.map((k) => [k, (current.profile?.[k] as string | null | undefined) ?? ''])) as EqualityAnswers;
  const [answers, setAnswers] = useState<EqualityAnswers>(live ? initial : {});
  const [agreed, setAgreed] = useState(false);
  const [consent, setConsent] = useState<{ method: Schema<'ConsentStatementDto'>['method']; givenOn: string }>({ method: 'paper-form', givenOn: new Date().toISOString().slice(0, 10) });
  const save = useMutation({
    mutationFn: () => {
      if (live) {
        // The answers are the options GET /public/equality-questions served (the DTO's own values); null clears one.
        const changed = Object.fromEntries(ANSWER_KEYS.filter((k) => (answers[k] ?? '') !== (initial[k] ?? '')).map((k) => [k, answers[k] ? answers[k] : null]));
        return read(client.PATCH('/people/{id}/demographics', { params: { path: { id: personId } }, body: changed as Schema<'CorrectDemographicsDto'> }));
      }
      const today = new Date().toISOString().slice(0, 10);
      // A consent given today is dated now; an earlier one, at noon that day (never in the future).
      const givenAt = consent.givenOn === today ? new Date().toISOString() : `${consent.givenOn}T12:00:00.000Z`;
      const given = Object.fromEntries(ANSWER_KEYS.filter((k) => answers[k]).map((k) => [k, answers[k]]));
      return read(
        client.PUT('/people/{id}/demographics', {
          params: { path: { id: personId } },
          body: asBody({ ...(given as CensusAnswers), ...(agreed ? { consent: { wording: questions.data?.consent.wording ?? '', method: consent.method, givenAt } } : {}) }),
        }),
      );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['people', personId, 'consents'] });
      onSaved(saved);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const idOf = (field: string) => `${ids}-${field.replace(/\./g, '-')}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{live ? 'Correct the equality answers' : 'Record equality answers'}</h3>
      <p className="notice">
        {live
          ? `Corrections keep the consent the answers rest on (given ${format.date(live.givenAt)}, ${live.method.replace(/-/g, ' ')}). The audit log records which answers changed, never the answers.`
          : 'Only with the person’s consent: answers are kept only when they agreed to the equality questions, on a paper form or in words. Without that consent nothing is kept.'}
      </p>
      <ErrorSummary error={save.error} summaryRef={summaryRef} idOf={(first, path) => (first === 'consent' ? idOf('consent') : idOf(path))} />
      {!live && (
        <>
          <Checkbox id={idOf('consent')} field="consent" label={`They agreed: “${questions.data?.consent.wording ?? '…'}”`} error={errorOf('consent')} checked={agreed} onChange={setAgreed} />
          <Radios
            id={idOf('consent.method')}
            field="consent.method"
            legend="How did they agree?"
            options={CONSENT_METHODS}
            value={consent.method}
            onChange={(method) => setConsent({ ...consent, method })}
            error={errorOf('consent.method')}
          />
          <TextField
            id={idOf('consent.givenAt')}
            field="consent.givenAt"
            label="Date they agreed"
            hint="The date on the paper form, or of the conversation."
            type="date"
            value={consent.givenOn}
            onChange={(givenOn) => setConsent({ ...consent, givenOn })}
            error={errorOf('consent.givenAt')}
          />
        </>
      )}
      <QueryState query={questions} what="Loading the equality questions">
        {(set) => <EqualitySelects set={set} answers={answers} onChange={setAnswers} idOf={idOf} errorOf={errorOf} />}
      </QueryState>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : live ? 'Save corrections' : 'Record answers'}
      </button>
    </form>
  );
}

/** Special-category data stays hidden until the coordinator asks; the reveal is the audit-logged read. */
function DemographicsReveal({ personId }: { personId: string }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  const [latest, setLatest] = useState<Demographics | null>(null);
  const reveal = useMutation({ mutationFn: () => read(client.GET('/people/{id}/demographics', { params: { path: { id: personId } } })) });
  const shown = latest ?? reveal.data;
  return (
    <section aria-labelledby="demographics-heading">
      <h2 id="demographics-heading">Demographic profile</h2>
      {!shown ? (
        <>
          <p>These answers are special-category data. Showing them is recorded in the audit log with your name.</p>
          <button type="button" className="button secondary" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
            {reveal.isPending ? 'Showing…' : 'Reveal demographic profile'}
          </button>
          {reveal.isError && <ErrorMessage error={reveal.error} />}
        </>
      ) : (
        <>
          {saved && (
            <p className="success" role="status">
              {saved}
            </p>
          )}
          {!shown.profile ? (
            <Empty>No demographic answers recorded.</Empty>
          ) : (
            <dl className="facts">
              {(Object.entries(PROFILE_LABELS) as Array<[keyof NonNullable<Demographics['profile']>, string]>).map(([key, label]) => (
                <Fragment key={key}>
                  <dt>{label}</dt>
                  <dd>{shown.profile?.[key] ?? 'Not answered'}</dd>
                </Fragment>
              ))}
            </dl>
          )}
          {editing ? (
            <EqualityAnswersForm
              personId={personId}
              current={shown}
              onSaved={(answers) => {
                // What is now held comes back with the save itself: no second audit-logged read.
                setLatest(answers);
                setEditing(false);
                setSaved('Equality answers saved.');
              }}
            />
          ) : (
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              {shown.profile && shown.consent && !shown.consent.withdrawnAt ? 'Correct equality answers' : 'Record equality answers'}
            </button>
          )}
        </>
      )}
    </section>
  );
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const { format } = useSession();
  const person = useQuery(queries.person(id));
  const progression = useQuery(queries.personProgression(id));
  const consents = useQuery(queries.personConsents(id));
  const placements = useQuery(queries.personPlacements(id));
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
                        <Link to={`/placements/${pl.id}`}>
                          {pl.roleTitle} at {pl.hostName}
                        </Link>
                        , from {format.date(pl.startsOn)} ({word(pl.status)}
                        {pl.supervision.nextDueOn ? `; next supervision ${format.date(pl.supervision.nextDueOn)}${pl.supervision.overdue ? ', overdue' : ''}` : ''})
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
            <p>
              <Link className="button secondary" to={`/placements/new?personId=${p.id}`}>
                Place {p.name}
              </Link>
            </p>
          </section>
          <PersonJobs personId={p.id} personName={p.name} />
          <PersonChecks personId={p.id} />
        </>
      )}
    </QueryState>
  );
}
