import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { client, read } from '../../../api';
import { asBody, Checkboxes, ErrorSummary, SelectField, TextAreaField, TextField, useAnswers, useFormErrors } from '../../../forms';
import { Empty, PageHeading, QueryState } from '../../../ui';
import { Host, hours, Opportunity, fieldError, Refusal, refusalOf, Requirement, REQUIREMENTS } from './shared';
import { queries } from '../../../queries';

const HOST_ORDER = ['name', 'contactName', 'contactEmail', 'contactPhone', 'address', 'localityId', 'notes'];

/** A host's details as the form holds them; emptied boxes are sent as null, which clears them. */
function HostForm({ host, onSaved }: { host: Host; onSaved: (saved: Host) => void }) {
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const queryClient = useQueryClient();
  const localities = useQuery(queries.localities());
  const { values: form, set } = useAnswers({
    name: host.name,
    contactName: host.contactName ?? '',
    contactEmail: host.contactEmail ?? '',
    contactPhone: host.contactPhone ?? '',
    address: host.address ?? '',
    localityId: host.localityId ?? '',
    notes: host.notes ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      read(
        client.PATCH('/host-organisations/{id}', {
          params: { path: { id: host.id } },
          // A box left empty clears its field; the name cannot be cleared.
          body: { ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim() === '' ? null : v])), name: form.name },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['hosts', host.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['hosts'] });
      onSaved(saved);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Details</h2>
      <ErrorSummary error={fieldError(save.error)} summaryRef={summaryRef} idOf={idOf} order={HOST_ORDER} />
      <Refusal refusal={refusalOf(save.error, { date: (d) => d ?? '' })} />
      <TextField id={idOf('name')} field="name" label="Name" value={form.name} onChange={set('name')} error={errorOf('name')} />
      <TextField
        id={idOf('contactName')}
        field="contactName"
        label="Contact name (optional)"
        value={form.contactName}
        onChange={set('contactName')}
        error={errorOf('contactName')}
        autoComplete="off"
      />
      <TextField
        id={idOf('contactEmail')}
        field="contactEmail"
        label="Contact email (optional)"
        type="email"
        value={form.contactEmail}
        onChange={set('contactEmail')}
        error={errorOf('contactEmail')}
        autoComplete="off"
      />
      <TextField
        id={idOf('contactPhone')}
        field="contactPhone"
        label="Contact phone (optional)"
        type="tel"
        value={form.contactPhone}
        onChange={set('contactPhone')}
        error={errorOf('contactPhone')}
        autoComplete="off"
      />
      <TextAreaField id={idOf('address')} field="address" label="Address (optional)" rows={3} value={form.address} onChange={set('address')} error={errorOf('address')} />
      <SelectField id={idOf('localityId')} field="localityId" label="Locality (optional)" value={form.localityId} onChange={set('localityId')} error={errorOf('localityId')}>
        <option value="">None</option>
        {(localities.data ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={idOf('notes')}
        field="notes"
        label="Notes (optional)"
        hint="For coordinators: how the partner likes to work, who to call."
        rows={4}
        value={form.notes}
        onChange={set('notes')}
        error={errorOf('notes')}
      />
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save details'}
      </button>
    </form>
  );
}

/** Adding an opportunity, or changing one (places never below those taken: the API says so). */
function OpportunityForm({ hostId, current, onSaved, onCancel }: { hostId: string; current?: Opportunity; onSaved: (saved: Opportunity) => void; onCancel?: () => void }) {
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const queryClient = useQueryClient();
  const blank = { roleTitle: '', description: '', hoursPerWeek: '', places: '', requirements: [] as Requirement[] };
  const [form, setForm] = useState(
    current
      ? { roleTitle: current.roleTitle, description: current.description, hoursPerWeek: String(current.hoursPerWeek), places: String(current.places), requirements: current.requirements }
      : blank,
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        roleTitle: form.roleTitle,
        ...(form.description.trim() || current ? { description: form.description } : {}),
        hoursPerWeek: hours(form.hoursPerWeek),
        places: form.places.trim() === '' ? undefined : Number(form.places),
        requirements: form.requirements,
      };
      return current
        ? read(client.PATCH('/placement-opportunities/{id}', { params: { path: { id: current.id } }, body }))
        : read(client.POST('/host-organisations/{id}/opportunities', { params: { path: { id: hostId } }, body: asBody(body) }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['hosts'] });
      if (!current) setForm(blank);
      onSaved(saved);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const title = current ? `Change ${current.roleTitle}` : 'Add an opportunity';
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h3 id={`${ids}-heading`}>{title}</h3>
      <ErrorSummary error={fieldError(save.error)} summaryRef={summaryRef} idOf={idOf} order={['roleTitle', 'description', 'hoursPerWeek', 'places', 'requirements']} />
      <Refusal refusal={refusalOf(save.error, { date: (d) => d ?? '' })} />
      <TextField id={idOf('roleTitle')} field="roleTitle" label="Role" value={form.roleTitle} onChange={(roleTitle) => setForm({ ...form, roleTitle })} error={errorOf('roleTitle')} />
      <TextAreaField
        id={idOf('description')}
        field="description"
        label="Description (optional)"
        rows={3}
        value={form.description}
        onChange={(description) => setForm({ ...form, description })}
        error={errorOf('description')}
      />
      <TextField
        id={idOf('hoursPerWeek')}
        field="hoursPerWeek"
        label="Hours a week"
        hint="In quarter hours, such as 7.5 or 22.25."
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
        id={idOf('places')}
        field="places"
        label="Places"
        hint={current ? `${current.placesTaken} taken now; places cannot go below that.` : 'How many people it takes at once.'}
        type="number"
        inputMode="numeric"
        min="1"
        className="width-4"
        value={form.places}
        onChange={(places) => setForm({ ...form, places })}
        error={errorOf('places')}
      />
      <Checkboxes
        id={idOf('requirements')}
        field="requirements"
        legend="What the role needs (optional)"
        error={errorOf('requirements')}
        options={REQUIREMENTS}
        values={form.requirements}
        onChange={(requirements) => setForm({ ...form, requirements })}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : current ? 'Save opportunity' : 'Add opportunity'}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

export default function HostPage() {
  const { id = '' } = useParams();
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const host = useQuery(queries.host(id));
  const opportunities = useQuery(queries.opportunities(id));
  return (
    <QueryState query={host} what="Loading the host organisation">
      {(h) => (
        <>
          <p>
            <Link to="/placements">Placements and hosts</Link>
          </p>
          <PageHeading>{h.name}</PageHeading>
          {message && (
            <p className="success" role="status">
              {message}
            </p>
          )}
          <p>
            {h.activePlacements} active placement{h.activePlacements === 1 ? '' : 's'}; <Link to={`/placements/new?hostId=${h.id}`}>place someone with {h.name}</Link>
          </p>
          <HostForm host={h} onSaved={(saved) => setMessage(`${saved.name}’s details saved.`)} />
          <section aria-labelledby="opportunities-heading">
            <h2 id="opportunities-heading">Opportunities</h2>
            <QueryState query={opportunities} what="Loading opportunities">
              {(list) =>
                list.length === 0 ? (
                  <Empty>No opportunities yet.</Empty>
                ) : (
                  <ul className="plain">
                    {list.map((o) => (
                      <li key={o.id}>
                        {editing === o.id ? (
                          <OpportunityForm
                            hostId={h.id}
                            current={o}
                            onCancel={() => setEditing(null)}
                            onSaved={(saved) => {
                              setEditing(null);
                              setMessage(`${saved.roleTitle} saved.`);
                            }}
                          />
                        ) : (
                          <>
                            <h3>{o.roleTitle}</h3>
                            <p>
                              {o.hoursPerWeek} hours a week; {o.placesTaken} of {o.places} places taken.
                              {o.requirements.length ? ` Needs: ${o.requirements.map((r) => REQUIREMENTS.find((q) => q.value === r)?.label.toLowerCase() ?? r).join('; ')}.` : ''}
                            </p>
                            <div className="actions">
                              <button type="button" className="button secondary small" onClick={() => setEditing(o.id)} aria-label={`Change ${o.roleTitle}`}>
                                Change
                              </button>
                              <Link className="button secondary small" to={`/placements/new?hostId=${h.id}&opportunityId=${o.id}`} aria-label={`Place someone as ${o.roleTitle}`}>
                                Place someone
                              </Link>
                            </div>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
            <OpportunityForm hostId={h.id} onSaved={(saved) => setMessage(`${saved.roleTitle} added.`)} />
          </section>
        </>
      )}
    </QueryState>
  );
}
