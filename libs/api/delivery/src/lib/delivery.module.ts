import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { WebhookEvents } from './webhook-events';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  controllers: [WebhooksController],
  exports: [WebhookEvents, WebhooksService],
  imports: [AuditModule],
  providers: [WebhookEvents, WebhooksService],
})
export class DeliveryModule {}
