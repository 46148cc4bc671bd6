import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JOB_NAMES, QueueName } from '@steppingstone/core';
import { JobHandlers } from './job-handlers';

export const ALL_JOB_HANDLERS = Symbol('ALL_JOB_HANDLERS');

export function registryProblems(processors: Pick<JobHandlers, 'queue' | 'handlers'>[], expected: Record<QueueName, readonly string[]> = JOB_NAMES): string[] {
  const problems: string[] = [];
  for (const queue of Object.values(QueueName)) {
    const names = processors.filter((p) => p.queue === queue).flatMap((p) => Object.keys(p.handlers));
    for (const name of expected[queue]) {
      const count = names.filter((n) => n === name).length;
      if (count === 0) problems.push(`${queue}/${name} has no handler`);
      if (count > 1) problems.push(`${queue}/${name} has ${count} handlers`);
    }
    for (const name of names) if (!expected[queue].includes(name)) problems.push(`${queue}/${name} is handled but not declared in JOB_NAMES`);
  }
  return problems;
}

@Injectable()
export class JobRegistryCheck implements OnModuleInit {
  constructor(@Inject(ALL_JOB_HANDLERS) private readonly processors: JobHandlers[]) {}
  onModuleInit(): void {
    const problems = registryProblems(this.processors);
    if (problems.length) throw new Error(`The worker's job registry is inconsistent: ${problems.join('; ')}`);
  }
}
