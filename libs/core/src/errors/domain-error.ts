/** One problem with one input field: which field, which rule, and a sentence a person can act on. */
export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

/**
 * A refusal a domain lib raises on purpose. Each lib subclasses it with its own code enum; the api
 * maps every code to an HTTP status in one exhaustive switch.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly domain: string;
  constructor(
    readonly code: Code,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
