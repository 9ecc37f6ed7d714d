import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { RoutingModule } from '@quorum/api/routing';
import { ItemImportService } from './item-import.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController],
  exports: [ItemImportService, JobsService],
  imports: [AuditModule, RoutingModule],
  providers: [ItemImportService, JobsService],
})
export class JobsModule {}
