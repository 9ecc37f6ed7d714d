import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ConflictPolicyView, ConflictView, NeutralityMatrix, Page } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, Principal, RequestMeta, Roles } from '@quorum/api/auth';
import { UuidPipe } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictPolicyDto, WaiveConflictDto } from './neutrality.dto';
import { NeutralityService } from './neutrality.service';

@ApiTags('neutrality')
@ApiBearerAuth()
@Controller()
export class NeutralityController {
  constructor(
    private readonly neutrality: NeutralityService,
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('labs/:labOrgId/conflict-policy')
  @ApiOperation({ summary: "A lab's conflict policy (defaults until the lab sets one)" })
  getPolicy(@CurrentPrincipal() principal: Principal, @Param('labOrgId', UuidPipe) labOrgId: string): Promise<ConflictPolicyView> {
    return this.neutrality.getPolicy(principal, labOrgId);
  }

  @Put('labs/:labOrgId/conflict-policy')
  @ApiOperation({ summary: "Replace a lab's conflict policy (a new version); conflicts are re-evaluated" })
  putPolicy(@CurrentPrincipal() principal: Principal, @Param('labOrgId', UuidPipe) labOrgId: string, @Body() dto: ConflictPolicyDto, @CurrentRequest() ctx: RequestMeta): Promise<ConflictPolicyView> {
    return this.neutrality.putPolicy(principal, labOrgId, dto, ctx);
  }

  @Get('conflicts')
  @ApiOperation({ summary: 'Conflicts, newest first (a lab sees its own; platform staff all)' })
  @ApiQuery({ name: 'labOrgId', required: false })
  @ApiQuery({ name: 'vendorOrgId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'acknowledged', 'waived', 'resolved'] })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('labOrgId') labOrgId?: string,
    @Query('vendorOrgId') vendorOrgId?: string,
    @Query('status') status?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<Page<ConflictView>> {
    return this.neutrality.listConflicts(principal, { labOrgId, vendorOrgId, status, cursor, limit });
  }

  @Post('conflicts/:id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a conflict (it keeps blocking or flagging)' })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @CurrentRequest() ctx: RequestMeta): Promise<ConflictView> {
    return this.neutrality.acknowledge(principal, id, ctx);
  }

  @Post('conflicts/:id/waive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive a conflict with a justification and an expiry; a blocking conflict needs a second approver' })
  waive(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Body() dto: WaiveConflictDto, @CurrentRequest() ctx: RequestMeta): Promise<ConflictView> {
    return this.neutrality.waive(principal, id, dto, ctx);
  }

  @Post('conflicts/:id/waiver/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve a pending waiver (four eyes: not the requester)" })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @CurrentRequest() ctx: RequestMeta): Promise<ConflictView> {
    return this.neutrality.approveWaiver(principal, id, ctx);
  }

  @Get('neutrality/matrix')
  @Roles('platform_admin', 'auditor')
  @ApiOperation({ summary: 'Lab × vendor decisions' })
  matrix(): Promise<NeutralityMatrix> {
    return this.neutrality.matrix();
  }

  @Post('neutrality/evaluate')
  @HttpCode(202)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Queue a full re-evaluation of every lab and vendor' })
  async evaluate(): Promise<{ queued: true }> {
    const id = await this.dataSource.transaction((manager) => this.outbox.add(manager, 'neutrality.evaluate', { reason: 'manual' }));
    await this.outbox.publish([id]);
    return { queued: true };
  }
}
