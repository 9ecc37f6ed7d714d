import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { DeliveryModule } from '@quorum/api/delivery';
import { RegistryModule } from '@quorum/api/registry';
import { NeutralityController } from './neutrality.controller';
import { NeutralityService } from './neutrality.service';

@Module({
  controllers: [NeutralityController],
  exports: [NeutralityService],
  imports: [AuditModule, DeliveryModule, RegistryModule],
  providers: [NeutralityService],
})
export class NeutralityModule {}
