import { Logger } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@quorum/contracts';
import type { Job } from 'bullmq';
import { OutboxService } from './outbox.service';

export type JobHandlers = { [N in JobName]?: (payload: JobPayloads[N], job: Job) => Promise<unknown> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One processor per queue. It names the jobs it handles; `process` dispatches by job name and,
 * for jobs that came from the outbox, marks the row processed once the handler succeeded.
 */
export abstract class QueueProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  abstract readonly queueName: QueueName;
  abstract readonly handlers: JobHandlers;

  constructor(protected readonly outbox: OutboxService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((payload: unknown, job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${this.queueName}"`);
    const started = Date.now();
    const result = await handler(job.data, job);
    if (job.id && UUID.test(job.id)) await this.outbox.markProcessed(job.id);
    this.logger.debug({ job: job.name, jobId: job.id, ms: Date.now() - started }, 'job done');
    return result;
  }
}

/**
 * Every job name must have exactly one handler, on the processor of its queue. Throws listing
 * every gap and duplicate so a worker with a missing handler never starts.
 */
export function assertJobCoverage(processors: Pick<QueueProcessor, 'queueName' | 'handlers'>[]): void {
  const problems: string[] = [];
  const owners = new Map<string, string[]>();
  for (const processor of processors) {
    for (const name of Object.keys(processor.handlers)) {
      owners.set(name, [...(owners.get(name) ?? []), processor.queueName]);
      const expected = JOB_QUEUE[name as JobName];
      if (!expected) problems.push(`handler for unknown job "${name}" on queue "${processor.queueName}"`);
      else if (expected !== processor.queueName) problems.push(`job "${name}" belongs to queue "${expected}" but is handled on "${processor.queueName}"`);
    }
  }
  for (const name of Object.keys(JOB_QUEUE)) {
    const handlers = owners.get(name) ?? [];
    if (handlers.length === 0) problems.push(`job "${name}" has no handler`);
    if (handlers.length > 1) problems.push(`job "${name}" has ${handlers.length} handlers`);
  }
  if (problems.length) throw new Error(`Job handler check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
