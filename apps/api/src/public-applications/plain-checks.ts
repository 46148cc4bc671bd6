import { registerDecorator } from 'class-validator';

/** One rule a field must meet, with the sentence a member of the public reads when it fails. */
export interface PlainCheck {
  rule: string;
  test: (value: unknown, dto: object) => boolean;
  message: string;
}

/**
 * The checks of one field of a public form, in order, reporting only the first that fails: a
 * member of the public reads one clear sentence per field (GOV.UK's pattern), never a pile of
 * rules ("must be an email", "must be shorter than ...") about the same box.
 */
export function Checks(...checks: PlainCheck[]): PropertyDecorator {
  return (target, propertyName) => {
    checks.forEach((check, index) =>
      registerDecorator({
        name: check.rule,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message: check.message },
        validator: { validate: (value: unknown, args) => checks.slice(0, index).some((earlier) => !earlier.test(value, args!.object)) || check.test(value, args!.object) },
      }),
    );
  };
}

/** A check that an optional field passes when left out (absent or null). */
export const optional = (check: PlainCheck): PlainCheck => ({ ...check, test: (value, dto) => value === undefined || value === null || check.test(value, dto) });

/** A box left blank is a question not answered, not a wrong answer. */
export const blankToUndefined = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

export const isText = (max: number) => (value: unknown) => typeof value === 'string' && value.length <= max;
