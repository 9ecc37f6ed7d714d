import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { NeutralityModule } from '@quorum/api/neutrality';
import { RoutingModule } from '@quorum/api/routing';
import { ItemImportService } from './item-import.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController],
  exports: [ItemImportService, JobsService],
  imports: [AuditModule, NeutralityModule, RoutingModule],
  providers: [ItemImportService, JobsService],
})
export class JobsModule {}
