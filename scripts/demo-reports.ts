/**
 * The demo's programme report: the coordinator asks for one through the API, for the year up to
 * today (the demo's people registered today), and the worker produces it and emails a link to the
 * coordinators once it is done.
 */

type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: Record<string, unknown> }>;

export async function seedReports(call: Call, coordinatorToken: string): Promise<{ reportId: string }> {
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const requested = await call('POST', '/reports', { from: yearAgo, to: today, shared: false }, coordinatorToken);
  if (requested.status !== 202) throw new Error(`Demo report request failed (${requested.status}): ${JSON.stringify(requested.body).slice(0, 500)}`);
  return { reportId: requested.body.id as string };
}
