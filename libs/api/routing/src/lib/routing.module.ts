import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { NeutralityModule } from '@quorum/api/neutrality';
import { RoutingService } from './routing.service';
import { VendorProfileService } from './vendor-profile.service';
import { VendorsController } from './vendors.controller';

@Module({
  controllers: [VendorsController],
  exports: [RoutingService, VendorProfileService],
  imports: [AuditModule, NeutralityModule],
  providers: [RoutingService, VendorProfileService],
})
export class RoutingModule {}
