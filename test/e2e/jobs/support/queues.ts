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
