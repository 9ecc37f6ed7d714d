import { Body, Controller, Get, Inject, Optional, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { VendorListItem } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, Principal, RequestMeta, Roles } from '@quorum/api/auth';
import { NeutralityService } from '@quorum/api/neutrality';
import { VendorProfileDto } from './vendor-profile.dto';
import { StoredVendorProfile, VendorProfileService } from './vendor-profile.service';
import { VENDOR_QUALITY, VendorQualitySource } from './vendor-quality';

@ApiTags('vendors')
@ApiBearerAuth()
@Controller()
export class VendorsController {
  constructor(
    private readonly neutrality: NeutralityService,
    private readonly profiles: VendorProfileService,
    @Optional() @Inject(VENDOR_QUALITY) private readonly quality?: VendorQualitySource,
  ) {}

  @Get('vendors')
  @ApiOperation({ summary: "The vendor marketplace for the caller's lab: profiles and neutrality with its reasons" })
  @ApiQuery({ name: 'labOrgId', required: false, description: 'platform staff only' })
  async vendors(@CurrentPrincipal() principal: Principal, @Query('labOrgId') labOrgId?: string): Promise<{ items: VendorListItem[]; nextCursor: null }> {
    const { vendors } = await this.neutrality.vendorsNeutralityForLab(principal, labOrgId);
    const ids = vendors.map((v) => v.orgId);
    const [profiles, quality] = await Promise.all([this.profiles.profiles(ids), this.quality ? this.quality.vendorQuality(ids) : Promise.resolve(new Map<string, number>())]);
    return {
      items: vendors.map((v) => {
        const p = profiles.get(v.orgId);
        return {
          ...v,
          skills: p?.skills ?? [],
          languages: p?.languages ?? [],
          capacityPerHour: p ? p.capacityPerHour : null,
          prices: (p?.prices ?? {}) as Record<string, number>,
          // Measured only once the vendor's annotators have answered gold items or abandoned leases.
          quality: quality.get(v.orgId) ?? null,
        };
      }),
      nextCursor: null,
    };
  }

  @Get('vendor/profile')
  @Roles('vendor_admin', 'annotator', 'reviewer')
  @ApiOperation({ summary: "The caller's vendor profile" })
  getProfile(@CurrentPrincipal() principal: Principal): Promise<StoredVendorProfile> {
    return this.profiles.get(principal);
  }

  @Put('vendor/profile')
  @Roles('vendor_admin')
  @ApiOperation({ summary: 'Skills (task types), languages, capacity per hour and prices per task type' })
  putProfile(@CurrentPrincipal() principal: Principal, @Body() dto: VendorProfileDto, @CurrentRequest() ctx: RequestMeta): Promise<StoredVendorProfile> {
    return this.profiles.put(principal, dto, ctx);
  }
}
