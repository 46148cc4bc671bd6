import { applyDecorators, BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, registerDecorator, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';
import { trim } from './transforms';

/** A UUID path parameter; anything else is a 400 that names the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new BadRequestException({ message: `${name} must be a UUID`, details: [{ field: name, rule: 'isUuid', message: `${name} must be a UUID` }] }),
    }),
  );

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
TIME_ZONES.add('UTC');

export function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/London`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && TIME_ZONES.has(value) },
    });
}

/** ONS codes of local authorities in England (E06–E09) and Wales (W06). */
export const BOROUGH_CODE = /^(E0[6-9]|W06)\d{6}$/;

/**
 * One nested object of the given DTO, validated by its own rules. ValidateNested alone lets a list
 * through (it validates each of none), which reached services as a list where an object belonged.
 */
export const NestedObject = (type: () => new () => object) =>
  applyDecorators(
    // A missing value is left to the field's own IsDefined or IsOptional, so it is named once.
    ValidateBy({
      name: 'isObject',
      validator: { validate: (value: unknown) => value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)), defaultMessage: () => '$property must be an object' },
    }),
    ValidateNested(),
    Type(type),
  );

/**
 * Hours a week in quarter hours (22.5, 37.5 and 7.25 are ordinary contracts), from a quarter of an
 * hour up to `max`.
 */
export const WeeklyHours = (max: number) =>
  ValidateBy({
    name: 'isWeeklyHours',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value * 4) && value >= 0.25 && value <= max,
      defaultMessage: (args) => `${args?.property} must be a number of hours a week in quarter hours (such as 22.5 or 37.25), from 0.25 to ${max}`,
    },
  });

/*
 * Free text as people type it: trimmed, a string, and no longer than `max`. Listed as stacked
 * decorators would run (bottom first), so the messages come in the order they always have.
 */

/** Required free text: trimmed, and not empty once trimmed. */
export const RequiredText = (max: number) => applyDecorators(MaxLength(max), IsNotEmpty(), IsString(), Transform(trim));

/** Optional free text: absent or null is allowed; otherwise trimmed, up to `max`. */
export const OptionalText = (max: number) => applyDecorators(MaxLength(max), IsString(), Transform(trim), IsOptional());

/** The version of a record the client loaded (optimistic locking): optional, a whole number from 1. */
export const LoadedVersion = () => applyDecorators(Min(1), IsInt(), IsOptional());

/** An id in the body or query string: a UUID, or a 400 that names the field. */
export const IsUuid = () => IsUUID('all', { message: '$property must be a UUID' });

/** An optional id: absent or null is allowed; otherwise a UUID. */
export const OptionalUuid = () => applyDecorators(IsUuid(), IsOptional());
