import { Queue } from 'bullmq';

/** What the reminders scheduler does on each tick, done now rather than waiting for the quarter-hour. */
export async function runReconciler(queue: Queue): Promise<void> {
  await queue.add('reconcile-reminders', {});
}

/** Until nothing is waiting or running (delayed jobs may wait minutes for a stale claim, so they are not counted). */
export async function drained(queue: Queue, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    if (Date.now() > deadline) throw new Error(`The reminders queue did not drain within ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs the reconciler every `everyMs`, as the scheduler does every quarter-hour, until `done()`:
 * work that a pass could not put back (a job Redis lost mid-flight whose hollow hash still held its
 * id) is put back by a later one.
 */
export async function reconcileUntil(queue: Queue, done: () => boolean, timeoutMs: number, everyMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Not done within ${timeoutMs} ms of reconciling every ${everyMs} ms`);
    await runReconciler(queue);
    const pass = Date.now() + everyMs;
    while (!done() && Date.now() < pass) await new Promise((r) => setTimeout(r, 100));
  }
}
