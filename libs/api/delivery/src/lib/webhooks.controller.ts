import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WebhookDeliveryView, WebhookView } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, Principal, RequestMeta } from '@quorum/api/auth';
import { UuidPipe } from '@quorum/api/errors';
import { CreateWebhookDto } from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Register a URL for job.completed, item.completed, conflict.opened (the signing secret is shown once)' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto, @CurrentRequest() ctx: RequestMeta): Promise<WebhookView> {
    return this.webhooks.create(principal, dto, ctx);
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: WebhookView[]; nextCursor: null }> {
    return { items: await this.webhooks.list(principal), nextCursor: null };
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<{ id: string; active: false }> {
    return this.webhooks.disable(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log' })
  async deliveries(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<{ items: WebhookDeliveryView[]; nextCursor: null }> {
    return { items: await this.webhooks.deliveries(principal, id), nextCursor: null };
  }

  @Post('deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivered or failed event again' })
  replay(@CurrentPrincipal() principal: Principal, @Param('deliveryId', UuidPipe) deliveryId: string): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(principal, deliveryId);
  }
}
