import { Injectable } from '@nestjs/common';
import type { WebhookEvent } from '@quorum/contracts';
import { OutboxService } from '@quorum/api/queue';
import type { EntityManager } from 'typeorm';

/**
 * Records an event for every active webhook of the lab that subscribed to it, in the caller's
 * transaction, with a `webhook.deliver` job in the outbox: the event survives a Redis loss and is
 * sent after the change commits. Returns the outbox ids to publish after the commit.
 */
@Injectable()
export class WebhookEvents {
  constructor(private readonly outbox: OutboxService) {}

  async emit(manager: EntityManager, labOrgId: string, event: WebhookEvent, payload: Record<string, unknown>): Promise<string[]> {
    const deliveries: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload)
       SELECT id, $2, $3 FROM webhooks WHERE lab_org_id = $1 AND active AND $2 = ANY(events)
       RETURNING id`,
      [labOrgId, event, JSON.stringify(payload)],
    );
    const ids: string[] = [];
    for (const d of deliveries) ids.push(await this.outbox.add(manager, 'webhook.deliver', { deliveryId: d.id }));
    return ids;
  }
}
