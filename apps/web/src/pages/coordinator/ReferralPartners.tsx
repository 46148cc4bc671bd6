import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { client, read } from '../../api';
import { Checkbox, ErrorSummary, SelectField, TextAreaField, TextField, useFormErrors } from '../../forms';
import { Empty, PageHeading, QueryState } from '../../ui';
import { KIND_WORDS, PARTNER_KINDS, ReferralPartner } from './partners';
import { queries } from '../../queries';

type PartnerValues = { name: string; kind: ReferralPartner['kind']; code: string; contactName: string; contactEmail: string; contactPhone: string; notes: string };
const BLANK: PartnerValues = { name: '', kind: 'community-group', code: '', contactName: '', contactEmail: '', contactPhone: '', notes: '' };

const valuesOf = (p: ReferralPartner): PartnerValues => ({
  name: p.name,
  kind: p.kind,
  code: p.code,
  contactName: p.contactName ?? '',
  contactEmail: p.contactEmail ?? '',
  contactPhone: p.contactPhone ?? '',
  notes: p.notes ?? '',
});

/** One form for a new partner and for changing one: an emptied contact box clears it (null), as the API takes it. */
function PartnerForm({ partner, onDone }: { partner?: ReferralPartner; onDone: (saved: ReferralPartner) => void }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PartnerValues>(partner ? valuesOf(partner) : BLANK);
  const save = useMutation({
    mutationFn: () => {
      const contact = (key: 'contactName' | 'contactEmail' | 'contactPhone') => (values[key].trim() ? values[key].trim() : partner ? null : undefined);
      const body = {
        name: values.name,
        kind: values.kind,
        ...(values.code.trim() ? { code: values.code.trim() } : {}),
        contactName: contact('contactName'),
        contactEmail: contact('contactEmail'),
        contactPhone: contact('contactPhone'),
        ...(values.notes.trim() || partner ? { notes: values.notes.trim() } : {}),
      };
      return read(partner ? client.PATCH('/referral-partners/{id}', { params: { path: { id: partner.id } }, body }) : client.POST('/referral-partners', { body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['referral-partners'] });
      if (!partner) setValues(BLANK);
      onDone(saved);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  // Each value comes from its own field; the kind from a select of the kinds.
  const set = (key: keyof PartnerValues) => (value: string) => setValues({ ...values, [key]: value } as PartnerValues);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{partner ? `Change ${partner.name}` : 'New referral partner'}</h2>
      <ErrorSummary error={save.error} summaryRef={summaryRef} idOf={idOf} />
      <TextField id={idOf('name')} field="name" label="Name" hint="For example: Holloway Jobcentre" value={values.name} onChange={set('name')} error={errorOf('name')} />
      <SelectField id={idOf('kind')} field="kind" label="Kind of partner" value={values.kind} onChange={set('kind')} error={errorOf('kind')}>
        {PARTNER_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_WORDS[k]}
          </option>
        ))}
      </SelectField>
      <TextField
        id={idOf('code')}
        field="code"
        label={partner ? 'Code' : 'Code (optional)'}
        hint="Printed on their paper forms and carried by their links: 3 to 12 letters and digits. Left empty, one is made up for you."
        autoComplete="off"
        spellCheck={false}
        value={values.code}
        onChange={set('code')}
        error={errorOf('code')}
      />
      <TextField
        id={idOf('contactName')}
        field="contactName"
        label="Contact name (optional)"
        autoComplete="off"
        value={values.contactName}
        onChange={set('contactName')}
        error={errorOf('contactName')}
      />
      <TextField
        id={idOf('contactEmail')}
        field="contactEmail"
        label="Contact email (optional)"
        type="email"
        autoComplete="off"
        value={values.contactEmail}
        onChange={set('contactEmail')}
        error={errorOf('contactEmail')}
      />
      <TextField
        id={idOf('contactPhone')}
        field="contactPhone"
        label="Contact phone (optional)"
        type="tel"
        autoComplete="off"
        value={values.contactPhone}
        onChange={set('contactPhone')}
        error={errorOf('contactPhone')}
      />
      <TextAreaField id={idOf('notes')} field="notes" label="Notes (optional)" rows={2} value={values.notes} onChange={set('notes')} error={errorOf('notes')} />
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : partner ? 'Save changes' : 'Add partner'}
      </button>
    </form>
  );
}

/**
 * The organisation's referral partners (job centres, GP surgeries, community and faith groups,
 * housing officers, existing peers), each with a code for paper forms; each partner's own link to
 * an intake's form is on that intake's page.
 */
export default function ReferralPartners() {
  const queryClient = useQueryClient();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<ReferralPartner | null>(null);
  const [message, setMessage] = useState('');
  const partners = useQuery(queries.referralPartnerList(showArchived));
  const archive = useMutation({
    mutationFn: ({ partner, archived }: { partner: ReferralPartner; archived: boolean }) =>
      read<ReferralPartner>(client.PATCH('/referral-partners/{id}', { params: { path: { id: partner.id } }, body: { archived } })),
    onSuccess: (saved, { archived }) => {
      setMessage(archived ? `${saved.name} archived: it leaves the lists and links; its code still counts on late paper forms.` : `${saved.name} restored.`);
      void queryClient.invalidateQueries({ queryKey: ['referral-partners'] });
    },
  });
  return (
    <>
      <p>
        <Link to="/intakes">Intakes</Link>
      </p>
      <PageHeading>Referral partners</PageHeading>
      <p>Every application carries the partner that brought it: through the partner’s own link to an intake’s form (on the intake’s page), or its code on a paper form or typed on the form.</p>
      <p role="status" aria-live="polite" className={message ? 'success' : 'visually-hidden'}>
        {message}
      </p>
      <Checkbox label="Show archived partners" checked={showArchived} onChange={setShowArchived} />
      <QueryState query={partners} what="Loading referral partners">
        {(list) =>
          list.length === 0 ? (
            <Empty>No referral partners yet. Add the first one below.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
              <table>
                <caption>Referral partners by name</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Code</th>
                    <th scope="col">Contact</th>
                    <th scope="col" className="number">
                      Applications
                    </th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        {p.name}
                        {p.archivedAt ? ' (archived)' : ''}
                      </th>
                      <td>{KIND_WORDS[p.kind] ?? p.kind}</td>
                      <td>
                        <code>{p.code}</code>
                      </td>
                      <td>{[p.contactName, p.contactEmail, p.contactPhone].filter(Boolean).join(', ') || '—'}</td>
                      <td className="number">{p.applications}</td>
                      <td>
                        <div className="moves">
                          <button type="button" className="button secondary small" aria-label={`Change ${p.name}`} onClick={() => setEditing(p)}>
                            Change
                          </button>
                          <button
                            type="button"
                            className="button secondary small"
                            aria-label={`${p.archivedAt ? 'Restore' : 'Archive'} ${p.name}`}
                            disabled={archive.isPending}
                            onClick={() => archive.mutate({ partner: p, archived: !p.archivedAt })}
                          >
                            {p.archivedAt ? 'Restore' : 'Archive'}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <section className="form-section">
        {editing ? (
          <>
            <PartnerForm
              key={editing.id}
              partner={editing}
              onDone={(saved) => {
                setEditing(null);
                setMessage(`${saved.name} saved.`);
              }}
            />
            <p>
              <button type="button" className="button secondary" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </p>
          </>
        ) : (
          <PartnerForm onDone={(saved) => setMessage(`${saved.name} added, with the code ${saved.code}.`)} />
        )}
      </section>
    </>
  );
}
