import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ImportReport, JobView, Page, VendorWorkItem } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, Principal, RequestMeta } from '@quorum/api/auth';
import { DomainError, ErrorCode, UuidPipe } from '@quorum/api/errors';
import type { FastifyRequest } from 'fastify';
import { CreateJobDto } from './job.dto';
import { ItemImportService, UploadFormat } from './item-import.service';
import { JobsService } from './jobs.service';

function uploadFormat(request: FastifyRequest): UploadFormat {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/jsonl') return 'jsonl';
  if (type === 'text/csv') return 'csv';
  throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send items as application/x-ndjson (JSON Lines) or text/csv');
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller()
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly items: ItemImportService,
  ) {}

  @Post('jobs')
  @ApiOperation({ summary: 'Create a draft job (schema validated per task type)' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateJobDto, @CurrentRequest() ctx: RequestMeta): Promise<JobView> {
    return this.jobs.create(principal, dto, ctx);
  }

  @Get('jobs')
  @ApiOperation({ summary: "The lab's jobs, newest first" })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query('status') status?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string): Promise<Page<JobView>> {
    return this.jobs.list(principal, { status, cursor, limit });
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'A job with its progress and routing split' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<JobView> {
    return this.jobs.get(principal, id);
  }

  @Post('jobs/:id/items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stream items as JSON Lines or CSV; bad lines are reported by number' })
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiBody({ schema: { type: 'string', example: '{"externalId":"a1","data":{"text":"I lost my card"}}' } })
  uploadItems(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest, @CurrentRequest() ctx: RequestMeta): Promise<ImportReport> {
    return this.items.import(principal, id, request.body, uploadFormat(request), false, ctx);
  }

  @Post('jobs/:id/gold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stream gold items (each line with its answer); gold answers never leave the server' })
  @ApiConsumes('application/x-ndjson', 'text/csv')
  uploadGold(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest, @CurrentRequest() ctx: RequestMeta): Promise<ImportReport> {
    return this.items.import(principal, id, request.body, uploadFormat(request), true, ctx);
  }

  @Post('jobs/:id/publish')
  @HttpCode(202)
  @ApiOperation({ summary: 'Publish: checks the budget, then routing runs on the worker' })
  publish(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @CurrentRequest() ctx: RequestMeta): Promise<{ id: string; status: 'published' }> {
    return this.jobs.publish(principal, id, ctx);
  }

  @Post('jobs/:id/pause')
  @HttpCode(200)
  pause(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @CurrentRequest() ctx: RequestMeta): Promise<JobView> {
    return this.jobs.transition(principal, id, 'pause', ctx);
  }

  @Post('jobs/:id/resume')
  @HttpCode(200)
  resume(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @CurrentRequest() ctx: RequestMeta): Promise<JobView> {
    return this.jobs.transition(principal, id, 'resume', ctx);
  }

  @Post('jobs/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @CurrentRequest() ctx: RequestMeta): Promise<JobView> {
    return this.jobs.transition(principal, id, 'cancel', ctx);
  }

  @Get('vendor/work')
  @ApiOperation({ summary: "Jobs routed to the caller's vendor, with its slots" })
  async work(@CurrentPrincipal() principal: Principal): Promise<{ items: VendorWorkItem[]; nextCursor: null }> {
    return { items: await this.jobs.vendorWork(principal), nextCursor: null };
  }

  @Post('vendor/work/:jobId/accept')
  @HttpCode(200)
  accept(@CurrentPrincipal() principal: Principal, @Param('jobId', UuidPipe) jobId: string, @CurrentRequest() ctx: RequestMeta): Promise<VendorWorkItem> {
    return this.jobs.respond(principal, jobId, 'accept', ctx);
  }

  @Post('vendor/work/:jobId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline: the open slots are re-routed to other vendors' })
  decline(@CurrentPrincipal() principal: Principal, @Param('jobId', UuidPipe) jobId: string, @CurrentRequest() ctx: RequestMeta): Promise<VendorWorkItem> {
    return this.jobs.respond(principal, jobId, 'decline', ctx);
  }
}
