import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import { JobHandlers, OutboxService, QueueProcessor } from '@quorum/api/queue';

/** Housekeeping jobs: the periodic recomputation of the audit hash chain and its signed checkpoints. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends QueueProcessor {
  readonly queueName = QUEUES.maintenance;
  readonly handlers: JobHandlers = {
    'audit.verify': async () => {
      const result = await this.audit.verify();
      if (!result.valid) this.logger.error({ firstInvalidSeq: result.firstInvalidSeq, length: result.length }, 'AUDIT CHAIN BROKEN');
      else this.logger.log({ length: result.length, headHash: result.headHash }, 'audit chain verified');
      return result;
    },
    'audit.checkpoint': async () => {
      const checkpoint = await this.audit.createCheckpointIfMoved();
      if (checkpoint) this.logger.log({ seq: checkpoint.seq, headHash: checkpoint.headHash }, 'audit checkpoint signed');
      return checkpoint;
    },
  };

  constructor(
    outbox: OutboxService,
    private readonly audit: AuditService,
  ) {
    super(outbox);
  }
}
