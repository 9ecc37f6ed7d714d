import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { QueueHealth } from '@quorum/contracts';
import { Roles } from '@quorum/api/auth';
import { QueueHealthService } from '@quorum/api/queue';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/queues')
@Roles('platform_admin', 'auditor')
export class QueueHealthController {
  constructor(private readonly queues: QueueHealthService) {}

  @Get()
  @ApiOperation({ summary: 'Jobs per queue (waiting, active, delayed, failed) and the outbox backlog' })
  health(): Promise<QueueHealth> {
    return this.queues.health();
  }
}
