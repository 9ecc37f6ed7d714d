import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { WebhookDeliveryView, WebhookEvent, WebhookView } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import type { Principal, RequestMeta } from '@quorum/api/auth';
import { conflict, forbidden, notFound, validationFailed } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { DataSource } from 'typeorm';
import { classifyAddress, isRetryable, postWebhook, PostWebhook, UnsafeUrlError, UrlResolutionError } from './outbound';
// The address-policy seams are internal to this library: only the development/test switch below uses them.
import { createWebhookPoster } from './outbound/post-webhook';
import { AddressPolicy, checkUrl } from './outbound/url-policy';

/**
 * WEBHOOK_ALLOW_PRIVATE_TARGETS (refused in production by the config) lets a receiver on this
 * machine or the local network take deliveries in development and tests. Anything else is as strict.
 */
const LOCAL_TARGETS_ALLOWED: AddressPolicy = (address) => {
  const category = classifyAddress(address);
  return category === 'loopback' || category === 'private' ? 'public' : category;
};
import type { CreateWebhookDto } from './webhooks.dto';


interface DeliveryRow {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  payload: Record<string, unknown>;
  status: WebhookDeliveryView['status'];
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

const toDeliveryView = (d: DeliveryRow): WebhookDeliveryView => ({
  id: d.id,
  webhookId: d.webhookId,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});

@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get allowHttp(): boolean {
    return this.config.nodeEnv !== 'production';
  }

  private get policy(): AddressPolicy {
    return this.config.webhookAllowPrivateTargets ? LOCAL_TARGETS_ALLOWED : classifyAddress;
  }

  private get post(): PostWebhook {
    return this.config.webhookAllowPrivateTargets ? createWebhookPoster(LOCAL_TARGETS_ALLOWED) : postWebhook;
  }

  private assertLabAdmin(principal: Principal): void {
    if (principal.orgKind !== 'lab' || !principal.roles.includes('lab_admin')) throw forbidden("Only the lab's admin manages its webhooks");
  }

  async create(principal: Principal, dto: CreateWebhookDto, ctx: RequestMeta): Promise<WebhookView> {
    this.assertLabAdmin(principal);
    try {
      await checkUrl(dto.url, { allowHttp: this.allowHttp }, this.policy);
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw validationFailed([{ path: 'url', message: `url is refused: ${error.message}` }]);
      if (error instanceof UrlResolutionError) throw validationFailed([{ path: 'url', message: 'url: the host name does not resolve' }]);
      throw error;
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const row = await this.dataSource.transaction(async (manager) => {
      const [created] = await manager.query(
        `INSERT INTO webhooks (lab_org_id, url, secret, events, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, url, events, active, created_at AS "createdAt"`,
        [principal.orgId, dto.url, secret, dto.events, principal.userId],
      );
      await this.audit.append(manager, { actor: { userId: principal.userId, orgId: principal.orgId, roles: principal.roles, requestId: ctx.requestId, ip: ctx.ip }, type: 'webhook.created', subject: `webhook:${created.id}`, data: { url: dto.url, events: dto.events } });
      return created;
    });
    return { id: row.id, url: row.url, events: row.events, active: row.active, createdAt: row.createdAt.toISOString(), secret };
  }

  async list(principal: Principal): Promise<WebhookView[]> {
    if (principal.orgKind !== 'lab') throw forbidden('Webhooks belong to labs');
    const rows = await this.dataSource.query(`SELECT id, url, events, active, created_at AS "createdAt" FROM webhooks WHERE lab_org_id = $1 ORDER BY created_at`, [principal.orgId]);
    return rows.map((r: { id: string; url: string; events: WebhookEvent[]; active: boolean; createdAt: Date }) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  private async webhookFor(principal: Principal, id: string): Promise<{ id: string; active: boolean }> {
    const [hook] = await this.dataSource.query(`SELECT id, active, lab_org_id AS "labOrgId" FROM webhooks WHERE id = $1`, [id]);
    if (!hook || hook.labOrgId !== principal.orgId) throw notFound('Webhook');
    return hook;
  }

  async disable(principal: Principal, id: string): Promise<{ id: string; active: false }> {
    this.assertLabAdmin(principal);
    await this.webhookFor(principal, id);
    await this.dataSource.query(`UPDATE webhooks SET active = false WHERE id = $1`, [id]);
    return { id, active: false };
  }

  async deliveries(principal: Principal, id: string): Promise<WebhookDeliveryView[]> {
    await this.webhookFor(principal, id);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, webhook_id AS "webhookId", event, payload, status, attempts, last_status AS "lastStatus", last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"
         FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [id],
    );
    return rows.map(toDeliveryView);
  }

  /** Sends the same event again, as a new delivery (the log keeps both). */
  async replay(principal: Principal, deliveryId: string): Promise<WebhookDeliveryView> {
    this.assertLabAdmin(principal);
    const [original] = await this.dataSource.query(
      `SELECT d.webhook_id AS "webhookId", d.event, d.payload, w.lab_org_id AS "labOrgId", w.active FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (!original || original.labOrgId !== principal.orgId) throw notFound('Delivery');
    if (!original.active) throw conflict('The webhook is disabled');
    const { row, outboxId } = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO webhook_deliveries (webhook_id, event, payload) VALUES ($1, $2, $3)
         RETURNING id, webhook_id AS "webhookId", event, payload, status, attempts, last_status AS "lastStatus", last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`,
        [original.webhookId, original.event, JSON.stringify(original.payload)],
      );
      return { row: row as DeliveryRow, outboxId: await this.outbox.add(manager, 'webhook.deliver', { deliveryId: row.id }) };
    });
    await this.outbox.publish([outboxId]);
    return toDeliveryView(row);
  }

  /**
   * Worker: one attempt. The URL is checked again after DNS resolution and the connection pinned to
   * the checked address; redirects are failures. Returns `retry: true` when another attempt may help.
   */
  async deliver(deliveryId: string): Promise<{ delivered: boolean; retry: boolean; status: number | null; error?: string }> {
    const [d] = await this.dataSource.query(
      `SELECT d.id, d.event, d.payload, d.status, d.created_at AS "createdAt", w.url, w.secret, w.active FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (!d || d.status === 'delivered') return { delivered: true, retry: false, status: null };
    if (!d.active) {
      await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook disabled' WHERE id = $1`, [deliveryId]);
      return { delivered: false, retry: false, status: null, error: 'webhook disabled' };
    }
    // createdAt from the row: every retry sends (and signs) the same body.
    const result = await this.post({ url: d.url, secret: d.secret }, { id: d.id, event: d.event, createdAt: d.createdAt }, d.payload, { allowHttp: this.allowHttp });
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $2, last_error = $3,
              status = CASE WHEN $4 THEN 'delivered' ELSE status END, delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [deliveryId, result.status ?? null, result.error ?? null, result.ok],
    );
    if (!result.ok) this.logger.warn({ deliveryId, status: result.status, error: result.error }, 'webhook delivery failed');
    return { delivered: result.ok, retry: !result.ok && isRetryable(result), status: result.status ?? null, error: result.error };
  }

  async markFailed(deliveryId: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [deliveryId]);
  }
}
