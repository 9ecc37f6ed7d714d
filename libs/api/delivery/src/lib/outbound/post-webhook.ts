import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { WebhookEvent } from '@quorum/contracts';
import { classifyAddress } from './ip';
import type { DeliveryErrorCode } from './retry';
import { assertDeliveryId, buildWebhookBody, isWebhookEvent, unixSeconds, webhookHeaders } from './signature';
import { sendPinned, TransportError } from './transport';
import { checkUrl, UnsafeUrlError, UrlResolutionError, type AddressPolicy, type PublicUrl, type Resolver } from './url-policy';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
export const MAX_RESPONSE_SNIPPET_BYTES = 4096;
const MAX_ERROR_CHARS = 500;

export interface WebhookTarget {
  url: string;
  /** One secret, or the new and old secrets during rotation. */
  secret: string | readonly string[];
}

export interface PostWebhookOptions {
  /** Overall budget: DNS + connect + TLS + response headers + capped body read. Default 5000 ms. */
  timeoutMs?: number;
  /** Injected for tests; defaults to the system resolver on the absolute name. */
  resolve?: Resolver;
  /** Allow http:// targets. Default false. */
  allowHttp?: boolean;
  /** The delivery-log row id (alternatively pass `{ id, event }`). Reuse it across retries so receivers can de-duplicate. Default: a new uuid. */
  deliveryId?: string;
  /** When the event happened (goes into the signed body). Default: now. */
  createdAt?: Date | string;
  /** Clock for the signature timestamp, in ms. Default Date.now. */
  now?: () => number;
}

export interface WebhookDeliveryResult {
  /** A 2xx response was received. */
  ok: boolean;
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  durationMs: number;
  /** Human-readable cause when !ok; safe to store (no NULs, bounded length). */
  error?: string;
  errorCode?: DeliveryErrorCode;
  /** First ≤ 4 KB of the response body as text (NUL/control characters replaced), for the delivery log. */
  responseSnippet: string;
  /** The refused redirect target, when status is 3xx. */
  location?: string;
  deliveryId: string;
  /** The `Quorum-Timestamp` that was signed, when the request was sent. */
  timestamp?: number;
  /** The checked address that was actually contacted. */
  address?: string;
}

/** Postgres text rejects NUL; control characters make log UIs misbehave. */
export function sanitizeForLog(text: string, maxChars = MAX_ERROR_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
  return clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
}

function validateTimeout(timeoutMs: number): void {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 60_000) throw new RangeError('timeoutMs must be in (0, 60000]');
}

/** The event of one delivery-log row: its id becomes the delivery id (`Quorum-Delivery`, body `id`). */
export interface WebhookEventRef {
  id: string;
  event: WebhookEvent;
  /** When the event happened; keeps the signed body identical across retries. Default: now. */
  createdAt?: Date | string;
}

export type PostWebhook = (
  target: WebhookTarget,
  event: WebhookEvent | WebhookEventRef,
  payload: unknown,
  opts?: PostWebhookOptions,
) => Promise<WebhookDeliveryResult>;

/**
 * Builds a poster with an explicit address policy. NOT exported from the library: production code gets
 * {@link postWebhook}, which is fixed to the strict policy. Tests use this to let one loopback test server
 * count as "public" without any bypass flag existing on the public API.
 */
export function createWebhookPoster(policy: AddressPolicy): PostWebhook {
  return async (target, eventOrRef, payload, opts = {}) => {
    // Programming/configuration errors throw; everything about the remote end becomes a result.
    const ref = typeof eventOrRef === 'object' && eventOrRef !== null ? eventOrRef : undefined;
    const event = ref ? ref.event : eventOrRef;
    if (!isWebhookEvent(event)) throw new TypeError(`unknown webhook event: ${String(event)}`);
    if (ref && opts.deliveryId !== undefined && opts.deliveryId !== ref.id) {
      throw new TypeError('deliveryId given twice with different values');
    }
    const deliveryId = ref?.id ?? opts.deliveryId ?? randomUUID();
    assertDeliveryId(deliveryId);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    validateTimeout(timeoutMs);
    const createdAt = ref?.createdAt ?? opts.createdAt ?? new Date();
    const body = buildWebhookBody({ deliveryId, event, createdAt, data: payload });

    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const failure = (errorCode: DeliveryErrorCode, error: string, extra: Partial<WebhookDeliveryResult> = {}): WebhookDeliveryResult => ({
      ok: false,
      status: null,
      durationMs: elapsed(),
      error: sanitizeForLog(error),
      errorCode,
      responseSnippet: '',
      deliveryId,
      ...extra,
    });

    let checked: PublicUrl;
    try {
      checked = await checkUrl(target.url, { resolve: opts.resolve, allowHttp: opts.allowHttp, resolveTimeoutMs: timeoutMs }, policy);
    } catch (e) {
      if (e instanceof UnsafeUrlError) return failure('unsafe_url', `${e.reason}: ${e.message}`);
      if (e instanceof UrlResolutionError) return failure(e.timedOut ? 'timeout' : 'dns_failed', e.message);
      throw e;
    }

    const remaining = timeoutMs - (performance.now() - started);
    if (remaining <= 0) return failure('timeout', `no response within ${timeoutMs} ms`);

    const timestamp = unixSeconds((opts.now ?? Date.now)());
    const headers = webhookHeaders({ secret: target.secret, event, deliveryId, body, timestamp });

    try {
      const res = await sendPinned({
        url: checked.url,
        addresses: checked.addresses,
        headers,
        body: Buffer.from(body, 'utf8'),
        timeoutMs: remaining,
        maxResponseBytes: MAX_RESPONSE_SNIPPET_BYTES,
      });
      const responseSnippet = sanitizeForLog(res.body.toString('utf8'), MAX_RESPONSE_SNIPPET_BYTES);
      const base = { status: res.status, durationMs: elapsed(), responseSnippet, deliveryId, timestamp, address: res.remoteAddress };
      if (res.status >= 200 && res.status <= 299) return { ok: true, ...base };
      if (res.status >= 300 && res.status <= 399) {
        const location = res.location === undefined ? undefined : sanitizeForLog(res.location);
        return { ok: false, ...base, errorCode: 'redirect', location, error: `redirect not followed (${res.status}${location ? ` to ${location}` : ''})` };
      }
      return { ok: false, ...base, errorCode: 'http_status', error: `HTTP ${res.status}` };
    } catch (e) {
      if (e instanceof TransportError) {
        return failure(e.kind, e.code ? `${e.code}: ${e.message}` : e.message, { timestamp });
      }
      throw e;
    }
  };
}

/**
 * Signs and POSTs one webhook event. The URL is checked (https only unless `allowHttp`; every resolved
 * address must be public) and the connection is pinned to a checked address, so a DNS answer that changes
 * after the check (rebinding) is never used. Redirects are not followed (3xx is a failure with its
 * Location), the response read stops at 4 KB, and the whole exchange is bounded by `timeoutMs`.
 *
 * Never throws for remote-side problems: the result says what happened, and {@link isRetryable} says
 * whether to try again. Throws only for invalid arguments (unknown event, bad delivery id, payload that
 * is not JSON-serialisable, empty secret, timeout out of range).
 */
export const postWebhook: PostWebhook = createWebhookPoster(classifyAddress);
