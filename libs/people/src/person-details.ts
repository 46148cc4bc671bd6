import { ISO_DATE_PATTERN } from '@steppingstone/core';
import { ContactChannel } from './entities/person.entity';

/** The contact details of a person as the API, the public form and the CSV import all take them. */
export interface PersonDetails {
  name: string;
  preferredName?: string | null;
  email?: string | null;
  phone?: string | null;
  postcode?: string | null;
  /** Lines of a postal address, separated by new lines. */
  address?: string | null;
  localityId?: string | null;
  dateOfBirth?: string | null;
  contactPreferences?: ContactChannel[];
}

/** UK postcodes, loosely: the outward code, a space (optional), the inward code. */
export const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;
export const PHONE = /^\+?[0-9 ()-]{7,20}$/;
export const ADDRESS_MAX_LENGTH = 500;

/** One spelling of each detail, so that duplicates are found however they were typed. */
export function normalisePersonDetails(details: PersonDetails): PersonDetails {
  const tidy = (value: string | null | undefined) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') || null : (value ?? null));
  const postcode =
    tidy(details.postcode)
      ?.toUpperCase()
      .replace(/^(.+?) ?(\d[A-Z]{2})$/, '$1 $2') ?? null;
  return {
    ...details,
    name: tidy(details.name) ?? '',
    preferredName: tidy(details.preferredName),
    email: tidy(details.email)?.toLowerCase() ?? null,
    phone: tidy(details.phone),
    postcode,
    address: tidyAddress(details.address),
    localityId: details.localityId ?? null,
    dateOfBirth: details.dateOfBirth ?? null,
  };
}

/** Each line trimmed and its spaces folded, blank lines dropped; null when nothing is left. */
export function tidyAddress(address: string | null | undefined): string | null {
  if (typeof address !== 'string') return address ?? null;
  const lines = address
    .split(/\r?\n|,(?=\s*\S)/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  return lines.length ? lines.join('\n') : null;
}

/** How someone can be reached from what they gave: the channels their details allow. */
export function reachableBy(details: Pick<PersonDetails, 'email' | 'phone' | 'address'>): ContactChannel[] {
  return [...(details.email ? ['email' as const] : []), ...(details.phone ? ['phone' as const] : []), ...(details.address ? ['post' as const] : [])];
}

export function phoneDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/[^0-9]/g, '');
  return digits || null;
}

/**
 * The digit strings one UK number may have been stored as: "+44 7700 900123", "0044 7700 900123" and
 * "07700 900123" are the same phone, so a duplicate check looks for all of them.
 */
export function phoneDigitVariants(phone: string | null | undefined): string[] {
  const digits = phoneDigits(phone);
  if (!digits) return [];
  const national = digits.replace(/^(?:00)?44(?=[1-9])/, '0');
  const variants = [digits, national];
  if (/^0[1-9]/.test(national)) variants.push(`44${national.slice(1)}`, `0044${national.slice(1)}`);
  return [...new Set(variants)];
}

/** The same folding in SQL, for comparing stored numbers with each other. */
export const NATIONAL_PHONE_SQL = (column: string) => `regexp_replace(${column}, '^(00)?44([1-9])', '0\\2')`;

/** A date of birth that is a real calendar date, in the past, for someone aged under 120. */
export function isPlausibleDateOfBirth(value: string, today = new Date()): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  const years = (today.getTime() - date.getTime()) / (365.25 * 24 * 3600 * 1000);
  return years > 0 && years < 120;
}
