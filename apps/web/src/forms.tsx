import { InputHTMLAttributes, ReactNode, RefObject, useEffect, useRef } from 'react';
import { ApiError, ErrorDetail, friendlyMessage } from './api';

/** The API's per-field refusals (400 `details[]`), or none for any other failure. */
export function fieldDetails(error: unknown): ErrorDetail[] {
  return error instanceof ApiError && error.status === 400 ? (error.body?.details ?? []) : [];
}

/**
 * A refused form's errors: each field reads its own message (nested fields such as
 * `localityCapacities.0.capacity` count for their group), and focus moves to the first field the
 * API named so a keyboard or screen-reader user lands where the fix is; with no field to name, the
 * summary takes focus instead.
 */
export function useFormErrors(error: unknown, attempt: number) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const details = fieldDetails(error);
  const errorOf = (field: string) => details.find((d) => d.field === field || d.field.startsWith(`${field}.`))?.message;
  useEffect(() => {
    if (!error) return;
    const first = fieldDetails(error)
      .map((d) => formRef.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(d.field)}"], [data-field="${CSS.escape(d.field.split('.')[0])}"]`))
      .find(Boolean);
    (first ?? summaryRef.current)?.focus();
  }, [error, attempt]);
  return { formRef, summaryRef, details, errorOf };
}

/** The alert above a refused form: the API's messages, each a link to its field. */
export function ErrorSummary({ error, summaryRef, idOf }: { error: unknown; summaryRef: RefObject<HTMLDivElement | null>; idOf: (field: string) => string }) {
  if (!error) return null;
  const details = fieldDetails(error);
  return (
    <div className="error" role="alert" tabIndex={-1} ref={summaryRef}>
      <p>{details.length > 0 ? 'Please check these answers:' : friendlyMessage(error)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={`${d.field}:${d.rule}`}>
              <a href={`#${idOf(d.field.split('.')[0])}`}>{d.message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'>;

interface FieldProps {
  id: string;
  field: string;
  label: ReactNode;
  hint?: string;
  error?: string;
}

/**
 * The label, hint and the API's message around one control, and the attributes that tie them to it
 * (aria-describedby, aria-invalid, data-field for moving focus to the first error).
 */
function Field({ id, field, label, hint, error, control }: FieldProps & { control: (wiring: Record<string, unknown>) => ReactNode }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {control({
        id,
        'data-field': field,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined,
      })}
    </div>
  );
}

/** A labelled input with its hint and the API's message for it. */
export function TextField({ id, field, label, hint, error, value, onChange, ...input }: FieldProps & { value: string; onChange: (value: string) => void } & InputProps) {
  return <Field id={id} field={field} label={label} hint={hint} error={error} control={(wiring) => <input {...input} {...wiring} value={value} onChange={(event) => onChange(event.target.value)} />} />;
}

/** A labelled select, with the same hint and error wiring as TextField. */
export function SelectField({ id, field, label, hint, error, value, onChange, children, required }: FieldProps & { value: string; onChange: (value: string) => void; children: ReactNode; required?: boolean }) {
  return (
    <Field
      id={id}
      field={field}
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => (
        <select {...wiring} required={required} value={value} onChange={(event) => onChange(event.target.value)}>
          {children}
        </select>
      )}
    />
  );
}

/** Whole numbers typed into a form go to the API as numbers; an empty box is left out so the API names it. */
export const wholeNumber = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/** Only the answers given: the API tells apart a missing field from an empty one. */
export function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
