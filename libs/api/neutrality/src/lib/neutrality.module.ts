import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { RegistryModule } from '@quorum/api/registry';
import { NeutralityController } from './neutrality.controller';
import { NeutralityService } from './neutrality.service';

@Module({
  controllers: [NeutralityController],
  exports: [NeutralityService],
  imports: [AuditModule, RegistryModule],
  providers: [NeutralityService],
})
export class NeutralityModule {}
