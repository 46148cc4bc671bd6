import { ErrorDetail } from './domain-error';

/**
 * JSON bodies nest no deeper than this. The deepest DTO is three or four levels; past this a body is
 * an attack on the recursive code that copies and validates it (a stack overflow answered 500).
 */
export const MAX_INPUT_DEPTH = 32;
/** Enough to name every bad field a person could fix at once, without echoing a hostile body back. */
const MAX_DETAILS = 20;

/**
 * Problems with an input no DTO rule can see, found before anything copies or validates it:
 * a NUL character (PostgreSQL refuses it in text, so it would reach the database as a 500) in any
 * string or property name, and nesting deeper than MAX_INPUT_DEPTH. Walks without recursion, so
 * the walk itself cannot overflow. Fields are named as validation names them (`person.name`,
 * `entries.0.note`); `input` names the whole input (`body`, `query`) and `parameter` the one
 * parameter a handler asked for, if it did.
 */
export function unsafeInputDetails(value: unknown, input: string, parameter?: string): ErrorDetail[] {
  const fieldOf = (path: string[]) => [...(parameter ? [parameter] : []), ...path].join('.') || input;
  const details: ErrorDetail[] = [];
  const stack: Array<{ value: unknown; path: string[]; depth: number }> = [{ value, path: [], depth: 0 }];
  while (stack.length && details.length < MAX_DETAILS) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) details.push(noNul(fieldOf(path)));
      continue;
    }
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      // Named by its outermost property (a list is named as a whole): the full path of a hostile
      // nesting is itself the attack.
      const field = fieldOf(Array.isArray(value) ? [] : path.slice(0, 1));
      details.push({ field, rule: 'maxDepth', message: `${field} must not be nested more than ${MAX_INPUT_DEPTH} levels deep` });
      continue;
    }
    const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      if (key.includes('\u0000')) {
        details.push(noNul(fieldOf(path), 'property names'));
        continue;
      }
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return details;
}

const noNul = (field: string, where = ''): ErrorDetail => ({ field, rule: 'noNulCharacter', message: `${field} must not contain a NUL character (\\u0000)${where ? ` in its ${where}` : ''}` });
