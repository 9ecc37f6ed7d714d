import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AnnotatorStats, ReviewView, SubmitAnswerResponse, TaskView, VendorEarnings } from '@quorum/contracts';
import { CurrentPrincipal, Principal } from '@quorum/api/auth';
import { UuidPipe } from '@quorum/api/errors';
import { QualityService } from '@quorum/api/quality';
import type { FastifyReply } from 'fastify';
import { NextTaskDto, ReviewDecisionDto, SubmitAnswerDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly quality: QualityService,
  ) {}

  @Post('tasks/next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the next task (204 when there is none for this annotator)' })
  async next(@CurrentPrincipal() principal: Principal, @Body() dto: NextTaskDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskView | undefined> {
    const task = await this.tasks.next(principal, dto.jobId);
    if (!task) {
      void reply.status(204);
      return undefined;
    }
    return task;
  }

  @Post('tasks/:id/submit')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → same answer id, never a second answer' })
  @ApiOperation({ summary: 'Submit an answer (validated against the task schema)' })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SubmitAnswerDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<SubmitAnswerResponse> {
    return this.tasks.submit(principal, id, dto, key);
  }

  @Post('tasks/:id/skip')
  @HttpCode(200)
  @ApiOperation({ summary: 'Skip: the item is never served to this annotator again' })
  skip(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<{ skipped: true }> {
    return this.tasks.skip(principal, id);
  }

  @Post('tasks/:id/heartbeat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the lease while still working' })
  heartbeat(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<{ leaseExpiresAt: string }> {
    return this.tasks.heartbeat(principal, id);
  }

  @Get('tasks/stats')
  @ApiOperation({ summary: "The annotator's answers, gold accuracy, abandonment and earnings" })
  stats(@CurrentPrincipal() principal: Principal): Promise<AnnotatorStats> {
    return this.tasks.stats(principal);
  }

  @Get('vendor/earnings')
  @ApiOperation({ summary: "The vendor's earnings per annotator and per job, with gold accuracy and abandonment" })
  earnings(@CurrentPrincipal() principal: Principal): Promise<VendorEarnings> {
    return this.tasks.vendorEarnings(principal);
  }

  @Post('reviews/next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the next escalated item to review (204 when none)' })
  async nextReview(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReviewView | undefined> {
    const review = await this.quality.nextReview(principal);
    if (!review) {
      void reply.status(204);
      return undefined;
    }
    return review;
  }

  @Post('reviews/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: "Decide an escalated item's result (in the task type's answer shape)" })
  decide(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Body() dto: ReviewDecisionDto): Promise<{ status: 'reviewed' }> {
    return this.quality.decide(principal, id, dto.aggregate);
  }
}
