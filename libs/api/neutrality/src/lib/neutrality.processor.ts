import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '@quorum/contracts';
import { JobHandlers, OutboxService, QueueProcessor } from '@quorum/api/queue';
import { NeutralityService } from './neutrality.service';

/** Re-evaluates conflicts when the registry or a policy changes, and expires waivers. */
@Processor(QUEUES.neutrality, { concurrency: 1 })
export class NeutralityProcessor extends QueueProcessor {
  readonly queueName = QUEUES.neutrality;
  readonly handlers: JobHandlers = {
    // Any registry change can move any (lab, vendor) pair: an upstream stake, a board seat, a contract.
    'registry.changed': async (_payload, job) => (this.neutrality.coveredSince(job.timestamp) ? { coalesced: true } : this.neutrality.evaluate()),
    'neutrality.evaluate': async (payload) => this.neutrality.evaluate({ labOrgId: payload.labOrgId }),
    'neutrality.expire-waivers': async () => ({ expired: await this.neutrality.expireWaivers() }),
  };

  constructor(
    outbox: OutboxService,
    private readonly neutrality: NeutralityService,
  ) {
    super(outbox);
  }
}
