import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, friendlyMessage } from '../../../api';
import { SelectField, TextField } from '../../../forms';
import { Schema } from '../../../types';
import { queries } from '../../../queries';

/** A placement as its own page shows it (the list's fields and the rest of the API's view). */
export type PlacementDetail = Schema<'PlacementView'>;
export type Host = Schema<'HostOrganisationView'>;
export type Opportunity = Schema<'OpportunityView'>;
export type SupervisionRecord = Schema<'SupervisionRecordView'>;

/** What each requirement an opportunity can set means, in words. */
export type Requirement = NonNullable<Schema<'OpportunityDto'>['requirements']>[number];
export const REQUIREMENTS: Array<{ value: Requirement; label: string }> = [
  { value: 'lone-working-risk-assessment', label: 'A lone-working risk assessment before the placement starts' },
  { value: 'dbs-check', label: 'A DBS check' },
  { value: 'enhanced-dbs-check', label: 'An enhanced DBS check' },
  { value: 'enhanced-dbs-barred-list-check', label: 'An enhanced DBS check with the barred list' },
  { value: 'references', label: 'Two references' },
  { value: 'right-to-work', label: 'A right to work check' },
  { value: 'safeguarding-training', label: 'Safeguarding training' },
  { value: 'completed-training', label: 'Completed the programme’s training' },
  { value: 'driving-licence', label: 'A driving licence' },
];

export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Hours typed as "22.5" go as a number; an empty box is left out so the API names it. */
export const hours = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

interface MissingCheck {
  label: string;
  reason: 'missing' | 'expired';
  expiredOn: string | null;
}

/**
 * A refusal that is not about one field, in words: the safety checks a person lacks are named one by
 * one (with when an expired one ran out), anything else as the API says it.
 */
export function refusalOf(error: unknown, format: { date: (iso: string | null) => string }, who = 'This person'): { lead: string; items: string[] } | null {
  if (!(error instanceof ApiError) || error.status === 400) return null;
  const missing = error.body?.code === 'REQUIREMENT_NOT_MET' ? (error.body.missingChecks as MissingCheck[] | undefined) : undefined;
  if (missing?.length) {
    return {
      lead: `${who} cannot take this placement yet. The role needs safety checks they do not hold:`,
      items: missing.map((m) => (m.reason === 'expired' && m.expiredOn ? `${capitalise(m.label)}: it expired on ${format.date(m.expiredOn)}` : `${capitalise(m.label)}: none on record`)),
    };
  }
  if (error.body?.code === 'REQUIREMENT_NOT_MET' && error.body.details?.some((d) => d.field === 'riskAssessedOn')) {
    return { lead: 'This role involves lone working: give the date of the lone-working risk assessment before the placement starts.', items: [] };
  }
  if (error.body?.code === 'OVERLAPPING_PLACEMENT') {
    const dates = /from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(error.body.message ?? '');
    const other = /as (.+) from \d{4}/.exec(error.body.message ?? '')?.[1];
    return {
      lead: `${who} already has a placement on some of these days${other ? ` (${other}${dates ? `, ${format.date(dates[1])} to ${format.date(dates[2])}` : ''})` : ''}. End that one first, or mark both as part-time so they can run side by side.`,
      items: [],
    };
  }
  return { lead: friendlyMessage(error), items: [] };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The field errors for the summary: only a 400 names fields; other refusals go to Refusal. */
export const fieldError = (error: unknown): unknown => (error instanceof ApiError && error.status === 400 ? error : null);

/** A refusal in words, taking focus when it appears so a keyboard or screen-reader user hears it. */
export function Refusal({ refusal }: { refusal: { lead: string; items: string[] } | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const said = refusal ? [refusal.lead, ...refusal.items].join(' ') : '';
  useEffect(() => {
    if (said) ref.current?.focus();
  }, [said]);
  if (!refusal) return null;
  return (
    <div className="error" role="alert" tabIndex={-1} ref={ref}>
      <p>{refusal.lead}</p>
      {refusal.items.length > 0 && (
        <ul>
          {refusal.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Finding a person by name: type part of it, then choose from those that match. */
export function PersonPicker({ id, field, value, onChange, error }: { id: string; field: string; value: string; onChange: (personId: string) => void; error?: string }) {
  const [q, setQ] = useState('');
  const people = useQuery(queries.personSearch(q));
  const hits = people.data?.items ?? [];
  return (
    <>
      <TextField id={`${id}-search`} field={`${field}-search`} label="Find the person" hint="Type at least two letters of their name." value={q} onChange={setQ} autoComplete="off" />
      <SelectField id={id} field={field} label="Person" value={value} onChange={onChange} error={error}>
        <option value="">{q.trim().length < 2 ? 'Type a name above first' : people.isPending ? 'Searching…' : `${hits.length} found: choose one`}</option>
        {hits.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
