import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '@quorum/contracts';
import { JobHandlers, OutboxService, QueueProcessor } from '@quorum/api/queue';
import { TasksService } from './tasks.service';

@Processor(QUEUES.tasks)
export class TasksProcessor extends QueueProcessor {
  readonly queueName = QUEUES.tasks;
  readonly handlers: JobHandlers = {
    'tasks.expire-leases': async () => this.tasks.expireLeases(),
  };

  constructor(
    outbox: OutboxService,
    private readonly tasks: TasksService,
  ) {
    super(outbox);
  }
}
