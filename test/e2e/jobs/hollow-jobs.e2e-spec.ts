import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { queuePrefix, redisOptions, removeHollowJobs } from '@steppingstone/core';
import { deleteKeys } from '../../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A worker busy with a job when Redis lost the queue's keys writes its bookkeeping back afterwards,
 * leaving a hash without a name under the job's id; re-adding the job under that id would do nothing.
 */
describe('hollow jobs left by Redis losing a queue mid-flight', () => {
  const prefix = `ss-test-hollow-${randomBytes(4).toString('hex')}`;
  let queue: Queue;
  let redis: Redis;

  beforeAll(async () => {
    queue = new Queue('reminders', { connection: redisOptions(REDIS_URL), prefix: queuePrefix(prefix) });
    redis = new Redis(redisOptions(REDIS_URL));
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await deleteKeys(REDIS_URL, prefix);
  });

  it('are removed so the real job can be added again, while whole jobs and unknown ids are left alone', async () => {
    await redis.hset(queue.toKey('hollow-1'), 'attemptsMade', '1', 'failedReason', 'No handler for job undefined');
    await redis.zadd(queue.toKey('failed'), Date.now(), 'hollow-1');
    await queue.add('session-tomorrow', { personId: 'p2' }, { jobId: 'whole-2' });

    // Before: adding under the hollow id is a no-op.
    await queue.add('session-tomorrow', { personId: 'p1' }, { jobId: 'hollow-1' });
    expect((await queue.getJob('hollow-1'))?.name).toBeUndefined();

    expect(await removeHollowJobs(queue, ['hollow-1', 'whole-2', 'never-added-3'])).toBe(1);
    expect(await redis.exists(queue.toKey('hollow-1'))).toBe(0);
    expect(await queue.getJobState('hollow-1')).toBe('unknown');
    expect((await queue.getJob('whole-2'))?.data).toEqual({ personId: 'p2' });

    await queue.add('session-tomorrow', { personId: 'p1' }, { jobId: 'hollow-1' });
    expect(await queue.getJob('hollow-1')).toMatchObject({ name: 'session-tomorrow', data: { personId: 'p1' } });
  });
});
