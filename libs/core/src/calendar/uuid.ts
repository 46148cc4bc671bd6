/** A UUID in its textual form, in either case (PostgreSQL reads both). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID as this app and PostgreSQL write it: lower case only. Tokens that carry ids are made from
 * them and signed or hashed as text, so an upper-case copy is not the same token.
 */
export const LOWER_CASE_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
