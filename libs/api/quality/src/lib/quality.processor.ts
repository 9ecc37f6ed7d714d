import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '@quorum/contracts';
import { JobHandlers, OutboxService, QueueProcessor } from '@quorum/api/queue';
import { QualityService } from './quality.service';

@Processor(QUEUES.quality, { concurrency: 4 })
export class QualityProcessor extends QueueProcessor {
  readonly queueName = QUEUES.quality;
  readonly handlers: JobHandlers = {
    'quality.aggregate': async (payload) => this.quality.aggregate(payload.itemId),
  };

  constructor(
    outbox: OutboxService,
    private readonly quality: QualityService,
  ) {
    super(outbox);
  }
}
