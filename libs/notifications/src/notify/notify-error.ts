/** A refusal from Notify's API, with its HTTP status and Notify's own error names. */
export class NotifyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errors: Array<{ error: string; message: string }>,
  ) {
    super(`${status} ${errors.map((e) => `${e.error}: ${e.message}`).join('; ') || 'Notify refused the message'}`);
  }
}

/** Not set up, so retrying cannot help until an admin sets the key or the template. */
export class NotifyNotConfigured extends Error {}

/**
 * Notify's 400 (a bad number, a missing personalisation field) and 403 (a refused key) do not
 * change by retrying; 429 (rate or daily limit) and 5xx do. A refused key is recorded and the
 * admin retries from the delivery log once it is put right.
 */
export function isPermanentNotifyFailure(error: unknown): boolean {
  if (error instanceof NotifyNotConfigured) return true;
  return error instanceof NotifyRefusal && (error.status === 400 || error.status === 403);
}
