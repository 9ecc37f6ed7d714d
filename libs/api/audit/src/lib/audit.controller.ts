import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuditCheckpointVerifyResponse, AuditCheckpointView, AuditEventView, AuditVerifyResponse, Page } from '@quorum/contracts';
import { Roles } from '@quorum/api/auth';
import { VerifyCheckpointDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('platform_admin', 'auditor')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit events, newest first' })
  @ApiQuery({ name: 'subject', required: false, description: 'e.g. org:<uuid>, interest:<uuid>' })
  @ApiQuery({ name: 'type', required: false, description: 'e.g. auth.login_failed, interest.recorded' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(
    @Query('subject') subject?: string,
    @Query('type') type?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<Page<AuditEventView>> {
    return this.audit.list({ subject, type, cursor, limit });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain, compare it with the signed checkpoints, and name the first bad event' })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints of the chain head, newest first. Keep copies outside Quorum.' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  checkpoints(@Query('cursor') cursor?: string, @Query('limit') limit?: string): Promise<Page<AuditCheckpointView>> {
    return this.audit.listCheckpoints({ cursor, limit });
  }

  @Post('checkpoints')
  @ApiOperation({ summary: 'Verify the chain and sign its current head now (409 when the chain is broken)' })
  checkpoint(): Promise<AuditCheckpointView> {
    return this.audit.createCheckpoint();
  }

  @Post('checkpoints/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a kept checkpoint against the chain as it is now (detects removal of the newest events)' })
  verifyCheckpoint(@Body() body: VerifyCheckpointDto): Promise<AuditCheckpointVerifyResponse> {
    return this.audit.verifyCheckpoint(body);
  }
}
