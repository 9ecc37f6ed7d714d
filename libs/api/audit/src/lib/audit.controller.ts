import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuditEventView, AuditVerifyResponse, Page } from '@quorum/contracts';
import { Roles } from '@quorum/api/auth';
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
  @ApiOperation({ summary: 'Recompute the hash chain and name the first bad event' })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }
}
