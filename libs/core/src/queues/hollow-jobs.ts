import { Queue } from 'bullmq';
import Redis from 'ioredis';

/**
 * Removes the jobs among `jobIds` whose hash has lost its name: what is left when Redis loses a
 * queue's keys while a worker is still busy with one of its jobs, and that worker's late writes
 * (finishing, failing, retrying) recreate the hash with bookkeeping fields only. Such a hollow job
 * holds its deterministic id, so adding the real job again under that id would be a silent no-op
 * and the work would never run. Answers how many were removed; one that is locked right now (being
 * processed) is left for the next pass.
 */
export async function removeHollowJobs(queue: Queue, jobIds: readonly string[]): Promise<number> {
  if (!jobIds.length) return 0;
  // The queue's own connection: its keys carry no client-side prefix (the app's plain client's do).
  const redis = (await queue.backend.connection.client) as unknown as Redis;
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.exists(queue.toKey(id)).hexists(queue.toKey(id), 'name');
  const answers = (await pipeline.exec()) ?? [];
  // Two answers per id: whether its hash exists, and whether the hash has a name.
  const hollow = jobIds.filter((_, i) => answers[2 * i]?.[1] === 1 && answers[2 * i + 1]?.[1] === 0);
  let removed = 0;
  for (const id of hollow) {
    try {
      removed += (await queue.remove(id)) ? 1 : 0;
    } catch {
      // Locked by a worker at this moment; the next reconcile removes it once it has finished.
    }
  }
  return removed;
}
