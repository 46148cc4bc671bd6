import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { client, read } from '../../api';
import { asBody, ErrorSummary, given, SelectField, TextField, useAnswers, useFormErrors, wholeNumber } from '../../forms';
import { word } from '../../format';
import { useSession } from '../../session';
import { Locality, Programme, Schema } from '../../types';
import { Empty, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';

const KINDS: Array<Schema<'ProgrammeDto'>['kind']> = ['training-course', 'volunteering', 'paid-role'];
const KIND_WORDS: Record<string, string> = { 'training-course': 'Training course', volunteering: 'Volunteering', 'paid-role': 'Paid role' };

function NewProgramme() {
  const ids = useId();
  const queryClient = useQueryClient();
  const { values, setValues, set } = useAnswers<{ name: string; kind: (typeof KINDS)[number]; description: string; eligibilityNotes: string }>({
    name: '',
    kind: 'training-course',
    description: '',
    eligibilityNotes: '',
  });
  const create = useMutation({
    mutationFn: () => read(client.POST('/programmes', { body: asBody(given(values)) })),
    onSuccess: () => {
      setValues({ name: '', kind: 'training-course', description: '', eligibilityNotes: '' });
      void queryClient.invalidateQueries({ queryKey: ['programmes'] });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  const idOf = (field: string) => `${ids}-programme-${field}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>New programme</h2>
      <ErrorSummary error={create.error} summaryRef={summaryRef} idOf={idOf} />
      {create.isSuccess && (
        <p className="success" role="status">
          Programme “{create.data.name}” created. Add its first intake below.
        </p>
      )}
      <TextField id={idOf('name')} field="name" label="Programme name" required value={values.name} onChange={set('name')} error={errorOf('name')} />
      <SelectField id={idOf('kind')} field="kind" label="Kind of programme" value={values.kind} onChange={set('kind')} error={errorOf('kind')}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_WORDS[k]}
          </option>
        ))}
      </SelectField>
      <TextField
        id={idOf('description')}
        field="description"
        label="Description (optional)"
        hint="Shown on the public application form."
        value={values.description}
        onChange={set('description')}
        error={errorOf('description')}
      />
      <TextField
        id={idOf('eligibilityNotes')}
        field="eligibilityNotes"
        label="Who can apply (optional)"
        value={values.eligibilityNotes}
        onChange={set('eligibilityNotes')}
        error={errorOf('eligibilityNotes')}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create programme'}
      </button>
    </form>
  );
}

function NewIntake({ programmes, localities }: { programmes: Programme[]; localities: Locality[] }) {
  const ids = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set } = useAnswers({ programmeId: programmes[0]?.id ?? '', name: '', opensOn: '', closesOn: '', capacity: '' });
  const [perLocality, setPerLocality] = useState<Record<string, string>>({});
  const programmeId = values.programmeId || programmes[0]?.id || '';
  const create = useMutation({
    mutationFn: () => {
      const localityCapacities = localities.filter((l) => (perLocality[l.id] ?? '').trim() !== '').map((l) => ({ localityId: l.id, capacity: Number(perLocality[l.id]) }));
      return read(
        client.POST('/intakes', {
          body: asBody({ ...given({ ...values, programmeId, capacity: wholeNumber(values.capacity) }), ...(localityCapacities.length > 0 ? { localityCapacities } : {}) }),
        }),
      );
    },
    onSuccess: (intake) => {
      void queryClient.invalidateQueries({ queryKey: ['intakes'] });
      void navigate(`/intakes/${intake.id}`);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  const idOf = (field: string) => `${ids}-intake-${field}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  const localityError = errorOf('localityCapacities');
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>New intake</h2>
      <p>An intake is a draft until you open it for applications on its page.</p>
      <ErrorSummary error={create.error} summaryRef={summaryRef} idOf={idOf} />
      <SelectField id={idOf('programmeId')} field="programmeId" label="Programme" value={programmeId} onChange={set('programmeId')} error={errorOf('programmeId')}>
        {programmes.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField id={idOf('name')} field="name" label="Intake name" hint="For example: Spring intake" required value={values.name} onChange={set('name')} error={errorOf('name')} />
      <fieldset className="field">
        <legend>Recruitment window</legend>
        <div className="inline-fields">
          <TextField id={idOf('opensOn')} field="opensOn" label="Opens on" type="date" required value={values.opensOn} onChange={set('opensOn')} error={errorOf('opensOn')} />
          <TextField id={idOf('closesOn')} field="closesOn" label="Closes on" type="date" required value={values.closesOn} onChange={set('closesOn')} error={errorOf('closesOn')} />
        </div>
      </fieldset>
      <TextField
        id={idOf('capacity')}
        field="capacity"
        label="Places"
        type="number"
        inputMode="numeric"
        min={1}
        required
        value={values.capacity}
        onChange={set('capacity')}
        error={errorOf('capacity')}
      />
      {localities.length > 0 && (
        <fieldset className="field" data-field="localityCapacities" tabIndex={-1} aria-describedby={`${idOf('localityCapacities')}-hint${localityError ? ` ${idOf('localityCapacities')}-error` : ''}`}>
          <legend>Places per locality (optional)</legend>
          <p className="hint" id={`${idOf('localityCapacities')}-hint`}>
            Leave empty for no limit; together they may not be more than the places above.
          </p>
          {localityError && (
            <p className="field-error" id={`${idOf('localityCapacities')}-error`}>
              {localityError}
            </p>
          )}
          <div className="inline-fields" id={idOf('localityCapacities')}>
            {localities.map((l) => (
              <TextField
                key={l.id}
                id={`${idOf('locality')}-${l.id}`}
                field={`locality-${l.id}`}
                label={l.name}
                type="number"
                inputMode="numeric"
                min={0}
                value={perLocality[l.id] ?? ''}
                onChange={(v) => setPerLocality({ ...perLocality, [l.id]: v })}
              />
            ))}
          </div>
        </fieldset>
      )}
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create intake'}
      </button>
    </form>
  );
}

/** Programmes and their intakes, with the forms to add either. */
export default function Programmes() {
  const { format } = useSession();
  const programmes = useQuery(queries.programmes());
  const intakes = useQuery(queries.intakes());
  const localities = useQuery(queries.localities());
  return (
    <>
      <PageHeading>Programmes</PageHeading>
      <QueryState query={programmes} what="Loading programmes">
        {(list) =>
          list.length === 0 ? (
            <Empty>No programmes yet. Create the first one below.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
              <table>
                <caption>Programmes and their intakes</caption>
                <thead>
                  <tr>
                    <th scope="col">Programme</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Intakes</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => {
                    const own = (intakes.data ?? []).filter((i) => i.programmeId === p.id);
                    return (
                      <tr key={p.id}>
                        <th scope="row">{p.name}</th>
                        <td>{KIND_WORDS[p.kind] ?? word(p.kind)}</td>
                        <td>
                          {intakes.isPending ? (
                            '…'
                          ) : own.length === 0 ? (
                            'None yet'
                          ) : (
                            <ul className="plain">
                              {own.map((i) => (
                                <li key={i.id}>
                                  <Link to={`/intakes/${i.id}`}>{i.name}</Link> ({word(i.status)}, {format.date(i.opensOn)} to {format.date(i.closesOn)})
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <section className="form-section">
        <NewProgramme />
      </section>
      <section className="form-section">
        <QueryState query={programmes} what="Loading programmes">
          {(list) =>
            list.length === 0 ? (
              <Empty>Create a programme first; its intakes are added here.</Empty>
            ) : (
              <QueryState query={localities} what="Loading localities">
                {(places) => <NewIntake programmes={list} localities={places} />}
              </QueryState>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
