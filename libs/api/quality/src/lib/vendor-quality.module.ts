import { Global, Module } from '@nestjs/common';
import { VENDOR_QUALITY } from '@quorum/api/routing';
import { QualityModule } from './quality.module';
import { QualityService } from './quality.service';

/** Hands measured vendor quality to routing (which only knows the VENDOR_QUALITY token). */
@Global()
@Module({
  imports: [QualityModule],
  providers: [{ provide: VENDOR_QUALITY, useExisting: QualityService }],
  exports: [VENDOR_QUALITY],
})
export class VendorQualityModule {}
