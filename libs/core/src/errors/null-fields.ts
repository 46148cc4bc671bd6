import { ErrorDetail } from './domain-error';

/** Where @nestjs/swagger keeps each DTO property's documentation (ApiProperty), read here as it writes it. */
const API_PROPERTY = 'swagger/apiModelProperties';

interface ApiPropertyMetadata {
  required?: boolean;
  nullable?: boolean;
  type?: unknown;
}

type Class = abstract new (...args: never[]) => unknown;

/**
 * A DTO class a property holds, from its documentation (`type: Dto`, `type: () => Dto`, `[Dto]`) or
 * its declared TypeScript type; undefined for text, numbers and lists of them.
 */
function nestedClass(prototype: object, key: string, metadata: ApiPropertyMetadata): Class | undefined {
  let type = metadata.type ?? Reflect.getMetadata('design:type', prototype, key);
  if (Array.isArray(type)) type = type[0];
  // A lazy `() => Dto` is an arrow function: it has no prototype of its own.
  if (typeof type === 'function' && !type.prototype) type = (type as () => unknown)();
  return typeof type === 'function' ? (type as Class) : undefined;
}

/**
 * Null sent for an optional property the API documents as not nullable. class-validator's
 * @IsOptional lets null through as if the property were absent, so a service would write null into
 * a column that holds none (a 500) or read it as "no change"; the OpenAPI document decides instead:
 * null is accepted exactly where the property is documented `nullable`. Required properties are
 * left to their own rules. Walks nested DTOs (objects and lists of them) to name the field.
 */
export function nullFieldDetails(value: unknown, dto: Class, path: string[] = []): ErrorDetail[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nullFieldDetails(item, dto, [...path, String(i)]));
  const prototype = dto.prototype as object;
  return Object.entries(value).flatMap(([key, child]) => {
    const metadata = Reflect.getMetadata(API_PROPERTY, prototype, key) as ApiPropertyMetadata | undefined;
    if (!metadata) return [];
    const field = [...path, key].join('.');
    if (child === null) return metadata.required === false && !metadata.nullable ? [{ field, rule: 'notNull', message: `${field} must not be null: leave it out instead` }] : [];
    const nested = nestedClass(prototype, key, metadata);
    return nested ? nullFieldDetails(child, nested, [...path, key]) : [];
  });
}
