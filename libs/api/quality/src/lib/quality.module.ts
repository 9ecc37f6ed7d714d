import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { DeliveryModule } from '@quorum/api/delivery';
import { JobsModule } from '@quorum/api/jobs';
import { QualityService } from './quality.service';
import { ResultsController } from './results.controller';

@Module({
  controllers: [ResultsController],
  exports: [QualityService],
  imports: [AuditModule, DeliveryModule, JobsModule],
  providers: [QualityService],
})
export class QualityModule {}
