/** What every part of the demo seeding shares: the public API as a function, and the calendar. */

export type DemoCall = (method: string, path: string, body?: unknown, token?: string, contentType?: string) => Promise<{ status: number; body: Record<string, unknown> }>;

/** The demo goes through the public API only; a refusal stops it with what the API said. */
export function must(response: { status: number; body: Record<string, unknown> }, expected: number, what: string): Record<string, unknown> {
  if (response.status !== expected) throw new Error(`Demo ${what} failed (${response.status}): ${JSON.stringify(response.body).slice(0, 500)}`);
  return response.body;
}

export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week `days` from today, so a weekly schedule lines up with a cohort's start date. */
export function mondayFromToday(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
