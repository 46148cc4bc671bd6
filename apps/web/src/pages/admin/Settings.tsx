import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { Checkboxes, ErrorSummary, SelectField, TextField, useFormErrors } from '../../forms';
import { ME_QUERY } from '../../session';
import { PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';
import { Schema } from '../../types';

export type Organisation = Schema<'OrganisationView'>;
export type CensusDataset = Schema<'CensusDatasetView'>;
/** The roles that see special-category data, the only ones a second step can be required of. */
type TwoStepRole = NonNullable<Schema<'UpdateOrganisationDto'>['secondFactorRequiredRoles']>[number];

const TWO_STEP_ROLES: Array<[TwoStepRole, string]> = [
  ['admin', 'Administrators'],
  ['coordinator', 'Coordinators'],
];

/** Every zone the browser knows, so the choice is always a real IANA name. */
function timeZones(current: string): string[] {
  const known = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([current, 'Europe/London', ...known])].sort();
}

function SettingsForm({ organisation, datasets }: { organisation: Organisation; datasets: CensusDataset[] }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(organisation.name);
  const [timeZone, setTimeZone] = useState(organisation.timeZone);
  const [retention, setRetention] = useState(organisation.retentionMonths === null ? '' : String(organisation.retentionMonths));
  const [twoStep, setTwoStep] = useState<TwoStepRole[]>(organisation.secondFactorRequiredRoles.filter((r): r is TwoStepRole => TWO_STEP_ROLES.some(([role]) => role === r)));
  const [dataset, setDataset] = useState(organisation.defaultCensusDatasetId ?? '');
  // Anything but whole months goes as typed, so the API names the field rather than it being read as "keep records".
  const save = useMutation({
    mutationFn: () =>
      read(
        client.PATCH('/organisation', {
          body: {
            name,
            timeZone,
            // Not a number then, on purpose: the API refuses it and names the field.
            retentionMonths: retention.trim() === '' ? null : /^\d+$/.test(retention.trim()) ? Number(retention) : (retention as unknown as number),
            secondFactorRequiredRoles: twoStep,
            defaultCensusDatasetId: dataset || null,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['admin', 'organisation'], saved);
      // The banner shows the name and dates follow the time zone: the session's copy must follow.
      void queryClient.invalidateQueries({ queryKey: ME_QUERY });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <ErrorSummary error={save.error} summaryRef={summaryRef} idOf={idOf} />
      <TextField id={idOf('name')} field="name" label="Organisation name" value={name} onChange={setName} error={errorOf('name')} />
      <SelectField
        id={idOf('timeZone')}
        field="timeZone"
        label="Time zone"
        hint="Reminders go out by this clock, never before 08:00, and dates show in it."
        value={timeZone}
        onChange={setTimeZone}
        error={errorOf('timeZone')}
      >
        {timeZones(organisation.timeZone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <TextField
        id={idOf('retentionMonths')}
        field="retentionMonths"
        label="Keep people’s records for (months)"
        hint="After this many months without activity, a person’s record is anonymised overnight. Leave empty to keep records until you change this."
        inputMode="numeric"
        value={retention}
        onChange={setRetention}
        error={errorOf('retentionMonths')}
      />
      <Checkboxes
        id={idOf('secondFactorRequiredRoles')}
        field="secondFactorRequiredRoles"
        legend="Who must use two-step sign-in"
        hint="These roles can see people’s equality answers, so they can be made to sign in with a code from an app as well as a password."
        error={errorOf('secondFactorRequiredRoles')}
        options={TWO_STEP_ROLES.map(([value, label]) => ({ value, label }))}
        values={twoStep}
        onChange={setTwoStep}
      />
      <SelectField
        id={idOf('defaultCensusDatasetId')}
        field="defaultCensusDatasetId"
        label="Census figures to compare with"
        hint="Used by reports and gap analyses when a programme names no dataset of its own."
        value={dataset}
        onChange={setDataset}
        error={errorOf('defaultCensusDatasetId')}
      >
        <option value="">The newest dataset with figures for the borough</option>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}, version {d.version}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save settings'}
      </button>
      {save.isSuccess && (
        <p className="success" role="status">
          The settings have been saved.
        </p>
      )}
    </form>
  );
}

export function Settings() {
  const organisation = useQuery(queries.organisation());
  const datasets = useQuery(queries.censusDatasets());
  return (
    <>
      <PageHeading>Organisation settings</PageHeading>
      <QueryState query={organisation} what="Loading the settings">
        {(org) => (
          <QueryState query={datasets} what="Loading the census datasets">
            {(list) => (
              <>
                <p>Borough: {org.boroughCode}</p>
                <SettingsForm organisation={org} datasets={list} />
              </>
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
