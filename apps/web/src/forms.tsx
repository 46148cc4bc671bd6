import { ChangeEvent, InputHTMLAttributes, MouseEvent, ReactNode, Ref, RefObject, SelectHTMLAttributes, TextareaHTMLAttributes, useEffect, useId, useRef, useState } from 'react';
import { ApiError, ErrorDetail, friendlyMessage } from './api';

/** The API's per-field refusals (400 `details[]`), or none for any other failure. */
export function fieldDetails(error: unknown): ErrorDetail[] {
  const details = error instanceof ApiError && error.status === 400 ? (error.body?.details ?? []) : [];
  return details.map((d) => ({ ...d, message: plainMessage(d) }));
}

/**
 * The API names fields as code does ("startsOn must be a date"); a person reads the question they
 * answered instead: the label on the page for that field, or the field's name in words.
 */
function plainMessage({ field, message }: ErrorDetail): string {
  // Nested fields are named by the path (`person.name`) or by their own name (`name must …`).
  const lead = [field, field.split('.').pop() ?? field].find((name) => message.startsWith(`${name} `));
  // A box that must be ticked (a consent) asks for the tick, not for "true".
  if (lead && message.startsWith(`${lead} must be true`)) return `Tick the box to agree${message.slice(`${lead} must be true`.length)}`;
  const named = lead ? `${labelOf(field) ?? labelOf(field.split('.')[0]) ?? inWords(field)}${message.slice(lead.length)}` : message;
  // Another field the rule compares with ("on or after opensOn") reads as its label too.
  return named.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => labelOf(word)?.toLowerCase() ?? word).replace(/, or null$/, ', or left empty');
}

function labelOf(field: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const control = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  if (!control) return undefined;
  // A radio's label is one answer; the question is its fieldset's legend.
  if (control instanceof HTMLInputElement && control.type === 'radio') return withoutOptional(control.closest('fieldset')?.querySelector('legend')?.textContent);
  const label = control.id ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  return withoutOptional((label ?? control.querySelector('legend'))?.textContent);
}

/** A label's words as a field's name: "(optional)" is for the person filling in the form. */
function withoutOptional(text: string | null | undefined): string | undefined {
  return text?.replace(/\s*\(optional\)\s*$/i, '').trim() || undefined;
}

/** `entries.0.startsOn` → "Starts on". */
function inWords(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  const spaced = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A form's answers and `set(key)`, the change handler of the field for one of them. */
export function useAnswers<T extends object>(initial: T | (() => T)) {
  const [values, setValues] = useState<T>(initial);
  const set = (key: keyof T) => (value: string) => setValues((current) => ({ ...current, [key]: value }));
  return { values, setValues, set };
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

/**
 * Following a summary link moves focus into the field itself (a fragment alone only scrolls), as
 * the GOV.UK error summary does, so a keyboard user can type the fix at once.
 */
export function focusField(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/**
 * The alert above a refused form: the API's messages, each a link to its field. `idOf` gets the
 * field's first part (`localityCapacities`) and, for forms with nested fields, the whole path
 * (`person.phone`) as its second argument.
 */
export function ErrorSummary({
  error,
  summaryRef,
  idOf,
  title,
  order,
}: {
  error: unknown;
  summaryRef: RefObject<HTMLDivElement | null>;
  idOf: (field: string, path: string) => string;
  title?: string;
  order?: string[];
}) {
  if (!error) return null;
  // In the order the fields come on the page, when the form says what that is.
  const rank = (field: string) => (order?.includes(field) ? order.indexOf(field) : (order?.length ?? 0));
  const details = [...fieldDetails(error)].sort((a, b) => rank(a.field) - rank(b.field));
  return (
    <div className="error" role="alert" tabIndex={-1} ref={summaryRef}>
      <p>{details.length > 0 ? (title ?? 'Please check these answers:') : friendlyMessage(error)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d) => {
            const id = idOf(d.field.split('.')[0], d.field);
            return (
              <li key={`${d.field}:${d.rule}`}>
                <a href={`#${id}`} onClick={(event) => focusField(event, id)}>
                  {d.message}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'>;

interface FieldProps {
  id: string;
  /** The API's name for the answer, which moves focus here when the API refuses it; none for a control the API never names. */
  field?: string;
  label: ReactNode;
  /** A label read out but not shown, where the page already says what the control is for (a table's row, a column). */
  labelHidden?: boolean;
  hint?: string;
  error?: string;
  /** The wrapper's class: `field` unless the control sits somewhere else (a header, a table cell). */
  fieldClass?: string;
  /** The API's message is announced as it appears, for a refusal that comes after the answer is chosen (an upload). */
  errorAlert?: boolean;
  /** Another element that describes the control (a live count of matches), named after the hint and the error. */
  'aria-describedby'?: string;
}

/** What a control's (or a fieldset's) aria-describedby names: its hint and its error, when it shows them, then anything else the page names. */
function describedBy(id: string, hint: ReactNode, error: string | undefined, also?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : '', also ?? ''].filter(Boolean).join(' ') || undefined;
}

/** The hint and the API's message under a label or legend, with the ids `describedBy` names. */
function HintAndError({ id, hint, error, errorAlert }: { id: string; hint?: ReactNode; error?: string; errorAlert?: boolean }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role={errorAlert ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </>
  );
}

/** The wrapper's classes: `field` (or the page's own) and `has-error` while the API's message shows. */
function wrapperClass(fieldClass: string | undefined, error: string | undefined): string | undefined {
  return [fieldClass ?? 'field', error ? 'has-error' : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * The label, hint and the API's message around one control, and the attributes that tie them to it
 * (aria-describedby, aria-invalid, data-field for moving focus to the first error). `after` comes
 * under the control (what was chosen, an upload's progress).
 */
function Field({
  id,
  field,
  label,
  labelHidden,
  hint,
  error,
  fieldClass,
  errorAlert,
  'aria-describedby': also,
  control,
  after,
}: FieldProps & { control: (wiring: Record<string, unknown>) => ReactNode; after?: ReactNode }) {
  return (
    <div className={wrapperClass(fieldClass, error)}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} errorAlert={errorAlert} />
      {control({
        id,
        'data-field': field,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(id, hint, error, also),
      })}
      {after}
    </div>
  );
}

const FIELD_PROPS = ['id', 'field', 'label', 'labelHidden', 'hint', 'error', 'fieldClass', 'errorAlert', 'aria-describedby'] as const satisfies ReadonlyArray<keyof FieldProps>;

/** A field's props in two: those for the label, hint and error around the control, and the rest for the control itself. */
function splitField<P extends FieldProps>(props: P): [FieldProps, Omit<P, keyof FieldProps>] {
  const isOwn = (key: string) => (FIELD_PROPS as readonly string[]).includes(key);
  const entries = Object.entries(props);
  return [Object.fromEntries(entries.filter(([key]) => isOwn(key))) as unknown as FieldProps, Object.fromEntries(entries.filter(([key]) => !isOwn(key))) as Omit<P, keyof FieldProps>];
}

/** A labelled input with its hint and the API's message for it. Without `onChange` it is read-only (a link to copy). */
export function TextField({ value, onChange, ...props }: FieldProps & { value: string; onChange?: (value: string) => void } & Omit<InputProps, 'aria-describedby'>) {
  const [own, input] = splitField(props);
  return (
    <Field {...own} control={(wiring) => <input {...input} {...wiring} value={value} readOnly={onChange ? input.readOnly : true} onChange={onChange && ((event) => onChange(event.target.value))} />} />
  );
}

/** A labelled multi-line box (a postal address), with the same hint and error wiring as TextField. */
export function TextAreaField({
  value,
  onChange,
  ...props
}: FieldProps & { value: string; onChange: (value: string) => void; ref?: Ref<HTMLTextAreaElement> } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    'id' | 'onChange' | 'value' | 'aria-describedby'
  >) {
  const [own, area] = splitField(props);
  return <Field {...own} control={(wiring) => <textarea {...area} {...wiring} value={value} onChange={(event) => onChange(event.target.value)} />} />;
}

/**
 * A labelled file input with the same hint and error wiring as TextField. `onChange` gets the
 * event, so the page can clear the input after taking the file (to choose the same file again).
 * `children` come under the input: the file chosen, or the upload's progress.
 */
export function FileField({
  onChange,
  children,
  ...props
}: FieldProps & { onChange: (event: ChangeEvent<HTMLInputElement>) => void; children?: ReactNode; ref?: Ref<HTMLInputElement> } & Omit<InputProps, 'type' | 'aria-describedby' | 'children'>) {
  const [own, input] = splitField(props);
  return <Field {...own} after={children} control={(wiring) => <input {...input} {...wiring} type="file" onChange={onChange} />} />;
}

/**
 * One box to tick, as the GOV.UK Design System lays it out: the label beside the box, the API's
 * message above it and a hint under its label. `bare` leaves out the field around it, for a box in
 * a group or in a row with other controls; with no `label`, the box is named by its own
 * aria-label (a row's box in a table, named after the row).
 */
export function Checkbox({
  id,
  field,
  label,
  hint,
  error,
  checked,
  onChange,
  bare,
  ...input
}: {
  id?: string;
  field?: string;
  label?: ReactNode;
  hint?: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  bare?: boolean;
} & Omit<InputProps, 'type' | 'checked' | 'children'>) {
  const own = useId();
  const boxId = id ?? own;
  const box = (
    <input
      {...input}
      type="checkbox"
      id={boxId}
      data-field={field}
      checked={checked}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(boxId, hint, error, input['aria-describedby'])}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
  if (label === undefined) return box;
  const item = (
    <>
      {error && (
        <p className="field-error" id={`${boxId}-error`}>
          {error}
        </p>
      )}
      <label className="choice" htmlFor={boxId}>
        {box}
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${boxId}-hint`}>
          {hint}
        </p>
      )}
    </>
  );
  return bare ? item : <div className={wrapperClass(undefined, error)}>{item}</div>;
}

export interface CheckboxOption<V extends string = string> {
  value: V;
  label: ReactNode;
}

/**
 * A question answered by ticking any number of boxes: a fieldset whose legend is the question, its
 * hint and the API's message, then a box for each option. The fieldset carries the id the error
 * summary links to (it takes focus, and its legend names the field in messages).
 */
export function Checkboxes<V extends string>({
  id,
  field,
  legend,
  hint,
  error,
  options,
  values,
  onChange,
}: {
  id: string;
  field?: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  options: Array<CheckboxOption<V>>;
  values: V[];
  onChange: (values: V[]) => void;
}) {
  return (
    <fieldset className={wrapperClass(undefined, error)} id={id} data-field={field} tabIndex={-1} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option, index) => (
        <Checkbox
          key={option.value}
          id={`${id}-${index}`}
          bare
          label={option.label}
          checked={values.includes(option.value)}
          onChange={(checked) => onChange(checked ? [...values, option.value] : values.filter((v) => v !== option.value))}
        />
      ))}
    </fieldset>
  );
}

export interface RadioOption<V extends string = string> {
  value: V;
  label: ReactNode;
  hint?: string;
}

/**
 * One question answered by one choice: a fieldset whose legend is the question, radios each with
 * its label (and hint), and the API's message above them. The first radio carries the id the error
 * summary links to. `reveal` shows a follow-up (a write-in) under the chosen answer.
 */
export function Radios<V extends string>({
  id,
  field,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  reveal,
  small,
  tiles,
}: {
  id: string;
  field: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  options: Array<RadioOption<V>>;
  value: V;
  onChange: (value: V) => void;
  reveal?: (option: RadioOption<V>) => ReactNode;
  small?: boolean;
  /** Short answers as a grid of big buttons, for a thumb on a phone; the follow-up comes under the grid. */
  tiles?: boolean;
}) {
  const radio = (option: RadioOption<V>, index: number, optionId: string) => (
    <input
      type="radio"
      id={optionId}
      name={id}
      value={option.value}
      checked={value === option.value}
      onChange={() => onChange(option.value)}
      data-field={index === 0 ? field : undefined}
      aria-describedby={option.hint ? `${optionId}-hint` : undefined}
    />
  );
  const optionIdOf = (index: number) => (index === 0 ? id : `${id}-${index}`);
  if (tiles) {
    const chosen = options.find((option) => option.value === value);
    return (
      <fieldset className={`field choices-field${error ? ' has-error' : ''}`} aria-describedby={describedBy(id, hint, error)}>
        <legend>{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className="quick-choices">
          {options.map((option, index) => (
            <label key={option.value} className="quick-choice" htmlFor={optionIdOf(index)}>
              {radio(option, index, optionIdOf(index))}
              <span>{option.label}</span>
            </label>
          ))}
        </div>
        {chosen && reveal ? reveal(chosen) : null}
      </fieldset>
    );
  }
  return (
    <fieldset className={`field radios${small ? ' small' : ''}${error ? ' has-error' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option, index) => {
        const optionId = optionIdOf(index);
        return (
          <div key={option.value} className="radio">
            {radio(option, index, optionId)}
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint && (
              <p className="hint radio-hint" id={`${optionId}-hint`}>
                {option.hint}
              </p>
            )}
            {value === option.value && reveal ? <div className="reveal">{reveal(option)}</div> : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * A date as the GOV.UK pattern asks it: day, month and year in three boxes (no calendar to fight
 * on a phone). Sent as YYYY-MM-DD once all three are filled; partly filled, it is sent as typed so
 * the API names the problem.
 */
export function DateParts({
  id,
  field,
  legend,
  hint,
  error,
  value,
  onChange,
  autoCompletePrefix,
}: {
  id: string;
  field: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  value: DateValue;
  onChange: (value: DateValue) => void;
  autoCompletePrefix?: 'bday';
}) {
  const part = (key: keyof DateValue, label: string, width: string, autoComplete?: string, first = false) => (
    <div className="date-part">
      <label htmlFor={first ? id : `${id}-${key}`}>{label}</label>
      <input
        id={first ? id : `${id}-${key}`}
        className={width}
        inputMode="numeric"
        autoComplete={autoComplete}
        data-field={first ? field : undefined}
        aria-invalid={error ? true : undefined}
        value={value[key]}
        onChange={(event) => onChange({ ...value, [key]: event.target.value })}
      />
    </div>
  );
  return (
    <fieldset className="field" aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="date-parts">
        {part('day', 'Day', 'width-2', autoCompletePrefix && `${autoCompletePrefix}-day`, true)}
        {part('month', 'Month', 'width-2', autoCompletePrefix && `${autoCompletePrefix}-month`)}
        {part('year', 'Year', 'width-4', autoCompletePrefix && `${autoCompletePrefix}-year`)}
      </div>
    </fieldset>
  );
}

export interface DateValue {
  day: string;
  month: string;
  year: string;
}

export const NO_DATE: DateValue = { day: '', month: '', year: '' };

/** YYYY-MM-DD from the three boxes; undefined when all are empty (the question was not answered). */
export function isoDate({ day, month, year }: DateValue): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return undefined;
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** A labelled select, with the same hint and error wiring as TextField. */
export function SelectField({
  value,
  onChange,
  children,
  ...props
}: FieldProps & { value: string; onChange: (value: string) => void; children: ReactNode } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value' | 'aria-describedby'>) {
  const [own, select] = splitField(props);
  return (
    <Field
      {...own}
      control={(wiring) => (
        <select {...select} {...wiring} value={value} onChange={(event) => onChange(event.target.value)}>
          {children}
        </select>
      )}
    />
  );
}

/** Whole numbers typed into a form go to the API as numbers; an empty box is left out so the API names it. */
export const wholeNumber = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/**
 * A form's answers as an operation's request body. A required field left blank is left out on
 * purpose, so the api refuses it with its own message, shown beside the field; the names and types
 * of what is sent are still checked against the document.
 */
export function asBody<Body>(answers: NoInfer<{ [K in keyof NonNullable<Body>]?: NonNullable<Body>[K] }>): NonNullable<Body> {
  return answers as NonNullable<Body>;
}

/** Only the answers given: the API tells apart a missing field from an empty one. */
export function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
