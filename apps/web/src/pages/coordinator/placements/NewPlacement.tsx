import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { client, read } from '../../../api';
import { asBody, Checkbox, ErrorSummary, given, Radios, SelectField, TextField, useAnswers, useFormErrors } from '../../../forms';
import { useSession } from '../../../session';
import { PageHeading } from '../../../ui';
import { hours, PersonPicker, fieldError, Refusal, refusalOf, REQUIREMENTS } from './shared';
import { queries } from '../../../queries';

const ORDER = ['personId', 'hostId', 'opportunityId', 'roleTitle', 'hoursPerWeek', 'supervisorName', 'supervisorContact', 'startsOn', 'plannedEndOn', 'status', 'riskAssessedOn'];

/**
 * Placing a person with a host: in one of the host's opportunities (its role, hours and required
 * checks), or arranged directly with a role and hours of its own. Reached from the placements page,
 * a person's page (the person chosen) or an opportunity (host and role chosen).
 */
export default function NewPlacement() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { format } = useSession();
  const ids = useId();
  const idOf = (field: string) => `${ids}-${field}`;
  const fixedPerson = search.get('personId') ?? '';
  const {
    values: form,
    setValues: setForm,
    set,
  } = useAnswers({
    personId: fixedPerson,
    hostId: search.get('hostId') ?? '',
    opportunityId: search.get('opportunityId') ?? '',
    roleTitle: '',
    hoursPerWeek: '',
    supervisorName: '',
    supervisorContact: '',
    startsOn: '',
    plannedEndOn: '',
    status: 'proposed' as 'proposed' | 'active',
    riskAssessedOn: '',
  });
  const [partTime, setPartTime] = useState(false);
  const person = useQuery({ ...queries.person(fixedPerson ?? ''), enabled: !!fixedPerson });
  const hosts = useQuery(queries.allHosts());
  const opportunities = useQuery({ ...queries.opportunities(form.hostId), enabled: !!form.hostId });
  const opportunity = opportunities.data?.find((o) => o.id === form.opportunityId);
  const create = useMutation({
    mutationFn: () =>
      read(
        client.POST('/placements', {
          body: asBody(
            given({
              ...form,
              opportunityId: form.opportunityId || undefined,
              hoursPerWeek: hours(form.hoursPerWeek),
              riskAssessedOn: form.status === 'active' ? form.riskAssessedOn : undefined,
              partTimeCompatible: partTime || undefined,
            }),
          ),
        }),
      ),
    onSuccess: (placement) => {
      void queryClient.invalidateQueries({ queryKey: ['placements'] });
      void queryClient.invalidateQueries({ queryKey: ['people', placement.personId] });
      void navigate(`/placements/${placement.id}`, { state: { created: true } });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  const who = fixedPerson ? person.data?.name : undefined;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <>
      <p>
        <Link to="/placements">Placements and hosts</Link>
      </p>
      <PageHeading>{who ? `Place ${who}` : 'Place a person'}</PageHeading>
      <form ref={formRef} onSubmit={submit} noValidate>
        <ErrorSummary error={fieldError(create.error)} summaryRef={summaryRef} idOf={idOf} order={ORDER} />
        <Refusal refusal={refusalOf(create.error, format, who)} />
        {!fixedPerson && <PersonPicker id={idOf('personId')} field="personId" value={form.personId} onChange={set('personId')} error={errorOf('personId')} />}
        <SelectField
          id={idOf('hostId')}
          field="hostId"
          label="Host organisation"
          value={form.hostId}
          onChange={(hostId) => setForm((f) => ({ ...f, hostId, opportunityId: '' }))}
          error={errorOf('hostId')}
        >
          <option value="">Choose a host</option>
          {(hosts.data?.items ?? []).map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={idOf('opportunityId')}
          field="opportunityId"
          label="Opportunity"
          hint="One of the host’s roles, with its hours and the checks it needs; or none, for a placement arranged directly."
          value={form.opportunityId}
          onChange={set('opportunityId')}
          error={errorOf('opportunityId')}
        >
          <option value="">None: arranged directly</option>
          {(opportunities.data ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.roleTitle} ({o.hoursPerWeek} hours a week, {o.places - o.placesTaken} of {o.places} places free)
            </option>
          ))}
        </SelectField>
        {opportunity && opportunity.requirements.length > 0 && (
          <div className="notice">
            <p>This role needs:</p>
            <ul>
              {opportunity.requirements.map((r) => (
                <li key={r}>{REQUIREMENTS.find((q) => q.value === r)?.label ?? r}</li>
              ))}
            </ul>
          </div>
        )}
        <TextField
          id={idOf('roleTitle')}
          field="roleTitle"
          label={opportunity ? 'Role (optional)' : 'Role'}
          hint={opportunity ? `Leave empty for the opportunity’s: ${opportunity.roleTitle}.` : undefined}
          value={form.roleTitle}
          onChange={set('roleTitle')}
          error={errorOf('roleTitle')}
        />
        <TextField
          id={idOf('hoursPerWeek')}
          field="hoursPerWeek"
          label={opportunity ? 'Hours a week (optional)' : 'Hours a week'}
          hint={`In quarter hours, such as 7.5 or 22.25.${opportunity ? ` Leave empty for the opportunity’s ${opportunity.hoursPerWeek}.` : ''}`}
          type="number"
          inputMode="decimal"
          step="0.25"
          min="0.25"
          className="width-4"
          value={form.hoursPerWeek}
          onChange={set('hoursPerWeek')}
          error={errorOf('hoursPerWeek')}
        />
        <TextField id={idOf('supervisorName')} field="supervisorName" label="Supervisor at the host" value={form.supervisorName} onChange={set('supervisorName')} error={errorOf('supervisorName')} />
        <TextField
          id={idOf('supervisorContact')}
          field="supervisorContact"
          label="Supervisor’s phone or email (optional)"
          value={form.supervisorContact}
          onChange={set('supervisorContact')}
          error={errorOf('supervisorContact')}
        />
        <TextField id={idOf('startsOn')} field="startsOn" label="Starts on" type="date" value={form.startsOn} onChange={set('startsOn')} error={errorOf('startsOn')} />
        <TextField id={idOf('plannedEndOn')} field="plannedEndOn" label="Planned to end on" type="date" value={form.plannedEndOn} onChange={set('plannedEndOn')} error={errorOf('plannedEndOn')} />
        <Checkbox field="partTimeCompatible" label="Part-time: may run on the same days as another part-time placement" checked={partTime} onChange={setPartTime} />
        <Radios
          id={idOf('status')}
          field="status"
          legend="Status"
          options={[
            { value: 'proposed', label: 'Proposed', hint: 'Agreed in principle; start it from its page when it begins.' },
            { value: 'active', label: 'Active now', hint: 'It has already started.' },
          ]}
          value={form.status}
          onChange={(status) => setForm((f) => ({ ...f, status }))}
          error={errorOf('status')}
          reveal={(option) =>
            option.value === 'active' ? (
              <TextField
                id={idOf('riskAssessedOn')}
                field="riskAssessedOn"
                label="Lone-working risk assessment done on (optional)"
                hint="Needed before a role with lone working starts."
                type="date"
                value={form.riskAssessedOn}
                onChange={set('riskAssessedOn')}
                error={errorOf('riskAssessedOn')}
              />
            ) : null
          }
        />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Create placement'}
        </button>
      </form>
    </>
  );
}
