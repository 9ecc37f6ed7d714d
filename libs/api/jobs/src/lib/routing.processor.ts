import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '@quorum/contracts';
import { JobHandlers, OutboxService, QueueProcessor } from '@quorum/api/queue';
import { JobsService } from './jobs.service';

/** Places and moves job slots: after publish, new items, declines, capacity and neutrality changes. */
@Processor(QUEUES.routing, { concurrency: 2 })
export class RoutingProcessor extends QueueProcessor {
  readonly queueName = QUEUES.routing;
  readonly handlers: JobHandlers = {
    'routing.route': async (payload) => this.jobs.routeJob(payload.jobId, payload.reason),
    'routing.neutrality-changed': async (payload) => this.jobs.onNeutralityChanged(payload.labOrgId, payload.vendorOrgId, payload.from, payload.to),
  };

  constructor(
    outbox: OutboxService,
    private readonly jobs: JobsService,
  ) {
    super(outbox);
  }
}
