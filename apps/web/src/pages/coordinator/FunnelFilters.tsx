import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { queries } from '../../queries';
import { fieldDetails, SelectField, TextField } from '../../forms';

export interface FunnelFilter {
  programmeId: string;
  registeredFrom: string;
  registeredTo: string;
  localityId: string;
}

export const NO_FILTER: FunnelFilter = { programmeId: '', registeredFrom: '', registeredTo: '', localityId: '' };

/** A period whose end comes before its start would quietly show nobody, so it is refused before asking. */
function periodProblem(filter: FunnelFilter): string | undefined {
  return filter.registeredFrom && filter.registeredTo && filter.registeredTo < filter.registeredFrom ? 'The end of the period must be on or after its start' : undefined;
}

/** The funnel for the filters chosen; the last figures stay on screen while new ones load. */
export function useFunnel(filter: FunnelFilter) {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  return useQuery({
    ...queries.funnel({ ...filter }, query.toString()),
    enabled: !periodProblem(filter),
    placeholderData: keepPreviousData,
  });
}

export function FunnelFilters({ filter, onChange, error }: { filter: FunnelFilter; onChange: (filter: FunnelFilter) => void; error: unknown }) {
  const ids = useId();
  const programmes = useQuery(queries.programmes());
  const localities = useQuery(queries.localities());
  const details = fieldDetails(error);
  const errorOf = (field: string) => details.find((d) => d.field === field)?.message;
  const set = (key: keyof FunnelFilter) => (value: string) => onChange({ ...filter, [key]: value });
  const active = Object.values(filter).some((v) => v !== '');
  return (
    <fieldset className="field funnel-filters">
      <legend>Show the funnel for</legend>
      <div className="inline-fields">
        <SelectField id={`${ids}-programme`} field="programmeId" label="Programme" value={filter.programmeId} onChange={set('programmeId')} error={errorOf('programmeId')}>
          <option value="">All programmes</option>
          {(programmes.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField id={`${ids}-from`} field="registeredFrom" label="Registered from" type="date" value={filter.registeredFrom} onChange={set('registeredFrom')} error={errorOf('registeredFrom')} />
        <TextField
          id={`${ids}-to`}
          field="registeredTo"
          label="Registered to"
          type="date"
          value={filter.registeredTo}
          onChange={set('registeredTo')}
          error={errorOf('registeredTo') ?? periodProblem(filter)}
        />
        <SelectField id={`${ids}-locality`} field="localityId" label="Locality" value={filter.localityId} onChange={set('localityId')} error={errorOf('localityId')}>
          <option value="">All localities</option>
          {(localities.data ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        {active && (
          <button type="button" className="button secondary" onClick={() => onChange(NO_FILTER)}>
            Clear filters
          </button>
        )}
      </div>
      {(programmes.isError || localities.isError) && <p className="field-error">Some choices could not be loaded; reload the page to try again.</p>}
    </fieldset>
  );
}
