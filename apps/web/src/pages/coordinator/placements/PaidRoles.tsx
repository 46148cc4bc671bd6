import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { client, read } from '../../../api';
import { asBody, ErrorSummary, given, SelectField, TextField, useFormErrors } from '../../../forms';
import { useSession } from '../../../session';
import { Locality, Schema } from '../../../types';
import { Empty, PageHeading, QueryState } from '../../../ui';
import { hours, PersonPicker, fieldError, Refusal, refusalOf } from './shared';
import { queries } from '../../../queries';

type PaidRole = Schema<'PaidRoleView'>;

const termOf = (r: PaidRole) => (r.fixedTermMonths ? `${r.fixedTermMonths} months` : 'Permanent');

function NewPaidRole() {
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const queryClient = useQueryClient();
  const blank = { title: '', hoursPerWeek: '', fixedTermMonths: '', postsPerLocality: '' };
  const [form, setForm] = useState(blank);
  const create = useMutation({
    mutationFn: () =>
      read(
        client.POST('/paid-roles', {
          body: asBody({
            title: form.title,
            hoursPerWeek: hours(form.hoursPerWeek),
            ...(form.fixedTermMonths.trim() ? { fixedTermMonths: Number(form.fixedTermMonths) } : {}),
            postsPerLocality: form.postsPerLocality.trim() === '' ? undefined : Number(form.postsPerLocality),
          }),
        }),
      ),
    onSuccess: () => {
      setForm(blank);
      void queryClient.invalidateQueries({ queryKey: ['paid-roles'] });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2 id={`${ids}-heading`}>Add a paid role</h2>
      <ErrorSummary error={fieldError(create.error)} summaryRef={summaryRef} idOf={idOf} order={['title', 'hoursPerWeek', 'fixedTermMonths', 'postsPerLocality']} />
      <Refusal refusal={refusalOf(create.error, { date: (d) => d ?? '' })} />
      <TextField id={idOf('title')} field="title" label="Title" hint="Such as Peer Navigator." value={form.title} onChange={(title) => setForm({ ...form, title })} error={errorOf('title')} />
      <TextField
        id={idOf('hoursPerWeek')}
        field="hoursPerWeek"
        label="Hours a week"
        hint="In quarter hours, such as 16 or 22.5."
        type="number"
        inputMode="decimal"
        step="0.25"
        min="0.25"
        className="width-4"
        value={form.hoursPerWeek}
        onChange={(value) => setForm({ ...form, hoursPerWeek: value })}
        error={errorOf('hoursPerWeek')}
      />
      <TextField
        id={idOf('fixedTermMonths')}
        field="fixedTermMonths"
        label="Fixed term in months (optional)"
        hint="Leave empty for a permanent post."
        type="number"
        inputMode="numeric"
        min="1"
        className="width-4"
        value={form.fixedTermMonths}
        onChange={(fixedTermMonths) => setForm({ ...form, fixedTermMonths })}
        error={errorOf('fixedTermMonths')}
      />
      <TextField
        id={idOf('postsPerLocality')}
        field="postsPerLocality"
        label="Posts in each locality"
        type="number"
        inputMode="numeric"
        min="1"
        className="width-4"
        value={form.postsPerLocality}
        onChange={(postsPerLocality) => setForm({ ...form, postsPerLocality })}
        error={errorOf('postsPerLocality')}
      />
      {create.isSuccess && (
        <p className="success" role="status">
          Paid role added.
        </p>
      )}
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Saving…' : 'Add paid role'}
      </button>
    </form>
  );
}

/** Appointing someone to one of a role's posts in a locality; the contract end defaults to the role's term. */
function Appoint({ role, localities }: { role: PaidRole; localities: Locality[] }) {
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const { format } = useSession();
  const queryClient = useQueryClient();
  const blank = { personId: '', localityId: '', startsOn: '', contractEndsOn: '' };
  const [form, setForm] = useState(blank);
  const [done, setDone] = useState('');
  const appoint = useMutation({
    mutationFn: () => read(client.POST('/paid-roles/{id}/post-holders', { params: { path: { id: role.id } }, body: asBody(given(form)) })),
    onSuccess: (holder) => {
      setForm(blank);
      setDone(`${holder.personName} appointed ${role.title} from ${format.date(holder.startsOn)}${holder.contractEndsOn ? ` to ${format.date(holder.contractEndsOn)}` : ''}.`);
      void queryClient.invalidateQueries({ queryKey: ['paid-roles'] });
      void queryClient.invalidateQueries({ queryKey: ['people', holder.personId] });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(appoint.error, appoint.failureCount);
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        setDone('');
        appoint.mutate();
      }}
    >
      <h3 id={`${ids}-heading`}>Appoint a {role.title}</h3>
      <ErrorSummary error={fieldError(appoint.error)} summaryRef={summaryRef} idOf={idOf} order={['personId', 'localityId', 'startsOn', 'contractEndsOn']} />
      <Refusal refusal={refusalOf(appoint.error, format)} />
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <PersonPicker id={idOf('personId')} field="personId" value={form.personId} onChange={(personId) => setForm({ ...form, personId })} error={errorOf('personId')} />
      <SelectField
        id={idOf('localityId')}
        field="localityId"
        label="Locality of the post"
        value={form.localityId}
        onChange={(localityId) => setForm({ ...form, localityId })}
        error={errorOf('localityId')}
      >
        <option value="">Choose a locality</option>
        {localities.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <TextField id={idOf('startsOn')} field="startsOn" label="Starts on" type="date" value={form.startsOn} onChange={(startsOn) => setForm({ ...form, startsOn })} error={errorOf('startsOn')} />
      <TextField
        id={idOf('contractEndsOn')}
        field="contractEndsOn"
        label="Contract ends on (optional)"
        hint={role.fixedTermMonths ? `Leave empty for the end of the ${role.fixedTermMonths}-month term.` : 'Leave empty for a permanent post.'}
        type="date"
        value={form.contractEndsOn}
        onChange={(contractEndsOn) => setForm({ ...form, contractEndsOn })}
        error={errorOf('contractEndsOn')}
      />
      <button type="submit" className="button" disabled={appoint.isPending}>
        {appoint.isPending ? 'Saving…' : 'Appoint'}
      </button>
    </form>
  );
}

function Holders({ role, localities }: { role: PaidRole; localities: Locality[] }) {
  const { format } = useSession();
  const holders = useQuery(queries.postHolders(role.id));
  return (
    <section aria-labelledby="holders-heading">
      <h2 id="holders-heading">{role.title}: post-holders</h2>
      <p>
        {role.hoursPerWeek} hours a week; {termOf(role).toLowerCase()}; {role.postsPerLocality} post{role.postsPerLocality === 1 ? '' : 's'} in each locality.
      </p>
      <QueryState query={holders} what="Loading post-holders">
        {(list) =>
          list.length === 0 ? (
            <Empty>Nobody has held this post yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Post-holders (scrolls sideways on a small screen)">
              <table>
                <caption>Everyone who has held the post, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Locality</th>
                    <th scope="col">From</th>
                    <th scope="col">Contract ends</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <Link to={`/people/${h.personId}`}>{h.personName}</Link>
                      </td>
                      <td>{localities.find((l) => l.id === h.localityId)?.name ?? '—'}</td>
                      <td>{format.date(h.startsOn)}</td>
                      <td>{h.endedOn ? `Left ${format.date(h.endedOn)}` : h.contractEndsOn ? format.date(h.contractEndsOn) : 'Permanent'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <Appoint key={role.id} role={role} localities={localities} />
    </section>
  );
}

/** The programme's own paid posts, who holds them, and appointing someone to one. */
export default function PaidRoles() {
  const roles = useQuery(queries.paidRoles());
  const localities = useQuery(queries.localities());
  const [chosen, setChosen] = useState('');
  const ids = useId();
  return (
    <>
      <p>
        <Link to="/placements">Placements and hosts</Link>
      </p>
      <PageHeading>Paid roles</PageHeading>
      <QueryState query={roles} what="Loading paid roles">
        {(list) => {
          const role = list.find((r) => r.id === chosen);
          return list.length === 0 ? (
            <Empty>No paid roles yet.</Empty>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Paid roles (scrolls sideways on a small screen)">
                <table>
                  <caption>Paid roles and their current post-holders</caption>
                  <thead>
                    <tr>
                      <th scope="col">Role</th>
                      <th scope="col">Hours a week</th>
                      <th scope="col">Term</th>
                      <th scope="col" className="number">
                        Posts per locality
                      </th>
                      <th scope="col" className="number">
                        Held now
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((r) => (
                      <tr key={r.id}>
                        <td>{r.title}</td>
                        <td>{r.hoursPerWeek}</td>
                        <td>{termOf(r)}</td>
                        <td className="number">{r.postsPerLocality}</td>
                        <td className="number">{r.currentPostHolders}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <SelectField id={`${ids}-role`} field="role" label="See post-holders and appoint to" value={chosen} onChange={setChosen}>
                <option value="">Choose a paid role</option>
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </SelectField>
              {role && <Holders role={role} localities={localities.data ?? []} />}
            </>
          );
        }}
      </QueryState>
      <NewPaidRole />
    </>
  );
}
