import { QueueName } from '@steppingstone/core';
import { registryProblems } from './job-registry-check';

const expected = {
  [QueueName.Email]: ['invitation'],
  [QueueName.Maintenance]: ['purge'],
  [QueueName.Outbox]: ['relay'],
  [QueueName.Reminders]: [],
  [QueueName.Reports]: [],
  [QueueName.Selections]: [],
} as const;
const handler = async () => undefined;

describe('job registry check', () => {
  it('passes when every job has exactly one handler', () => {
    expect(
      registryProblems(
        [
          { queue: QueueName.Email, handlers: { invitation: handler } },
          { queue: QueueName.Maintenance, handlers: { purge: handler } },
          { queue: QueueName.Outbox, handlers: { relay: handler } },
        ],
        expected,
      ),
    ).toEqual([]);
  });
  it('names missing, duplicate and undeclared handlers', () => {
    const problems = registryProblems(
      [
        { queue: QueueName.Email, handlers: { invitation: handler, stray: handler } },
        { queue: QueueName.Email, handlers: { invitation: handler } },
        { queue: QueueName.Outbox, handlers: { relay: handler } },
      ],
      expected,
    );
    expect(problems).toEqual(['email/invitation has 2 handlers', 'email/stray is handled but not declared in JOB_NAMES', 'maintenance/purge has no handler']);
  });
});
