import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '@quorum/contracts';
import { JobHandlers, OutboxService, QueueProcessor } from '@quorum/api/queue';
import { WebhooksService } from './webhooks.service';

/** Webhook deliveries; a retryable failure throws so BullMQ retries with exponential backoff. */
@Processor(QUEUES.delivery, { concurrency: 8 })
export class DeliveryProcessor extends QueueProcessor {
  readonly queueName = QUEUES.delivery;
  readonly handlers: JobHandlers = {
    'webhook.deliver': async (payload, job) => {
      const result = await this.webhooks.deliver(payload.deliveryId);
      if (result.delivered) return result;
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (result.retry && !last) throw new Error(`webhook delivery failed (${result.status ?? result.error}); retrying`);
      await this.webhooks.markFailed(payload.deliveryId);
      return result;
    },
  };

  constructor(
    outbox: OutboxService,
    private readonly webhooks: WebhooksService,
  ) {
    super(outbox);
  }
}
