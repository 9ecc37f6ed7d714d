import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@quorum/contracts';

/** Scheme tag in `Quorum-Signature`; a future scheme gets a new tag and both are sent during migration. */
export const SIGNATURE_SCHEME = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const WEBHOOK_HEADERS = {
  signature: 'Quorum-Signature',
  timestamp: 'Quorum-Timestamp',
  event: 'Quorum-Event',
  delivery: 'Quorum-Delivery',
} as const;

export const WEBHOOK_USER_AGENT = 'Quorum-Webhooks/1.0';

/** Delivery ids go into a header: keep them to a boring, header-safe alphabet (uuids fit). */
const DELIVERY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_SIGNATURES_IN_HEADER = 8;

/** Current unix time in whole seconds. */
export function unixSeconds(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000);
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError('timestamp must be a non-negative integer number of seconds');
  }
}

function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('webhook secret must be a non-empty string');
}

function hmac(secret: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
}

/**
 * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the Stripe construction. The body is the exact
 * string sent on the wire (UTF-8); the timestamp is unix seconds and is also sent in `Quorum-Timestamp`.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  assertSecret(secret);
  assertTimestamp(timestamp);
  if (typeof body !== 'string') throw new TypeError('body must be the raw string that is sent');
  return `${SIGNATURE_SCHEME}=${hmac(secret, timestamp, body).toString('hex')}`;
}

/**
 * Receiver-side check (also used by our tests and any internal consumer). `header` may carry several
 * comma-separated `v1=` values (secret rotation); any match verifies. The comparison is constant-time.
 * Fails when |now − timestamp| > toleranceSeconds, in either direction, to bound replay and clock skew.
 *
 * @param timestamp the `Quorum-Timestamp` header value (string of digits) or a number
 * @param now       current unix time in seconds
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  timestamp: string | number | null | undefined,
  body: string,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
  now: number = unixSeconds(),
): boolean {
  if (typeof secret !== 'string' || secret.length === 0) return false;
  if (typeof header !== 'string' || typeof body !== 'string') return false;
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0 || !Number.isFinite(now)) return false;

  let ts: number;
  if (typeof timestamp === 'number') ts = timestamp;
  else if (typeof timestamp === 'string' && /^\d{1,15}$/.test(timestamp.trim())) ts = Number(timestamp.trim());
  else return false;
  if (!Number.isSafeInteger(ts) || ts < 0) return false;
  if (Math.abs(now - ts) > toleranceSeconds) return false;

  const expected = hmac(secret, ts, body);
  const candidates = header
    .split(',')
    .slice(0, MAX_SIGNATURES_IN_HEADER)
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_SCHEME}=`))
    .map((part) => part.slice(SIGNATURE_SCHEME.length + 1));

  let matched = false;
  for (const hex of candidates) {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) continue;
    // Both buffers are 32 bytes, so timingSafeEqual never throws and the loop does not short-circuit.
    if (timingSafeEqual(expected, Buffer.from(hex, 'hex'))) matched = true;
  }
  return matched;
}

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export function assertDeliveryId(deliveryId: string): void {
  if (typeof deliveryId !== 'string' || !DELIVERY_ID.test(deliveryId)) {
    throw new TypeError('deliveryId must match /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/');
  }
}

export interface WebhookHeaderInput {
  /** One secret, or several during rotation (each produces a `v1=` entry). */
  secret: string | readonly string[];
  event: WebhookEvent;
  deliveryId: string;
  /** The exact body string that will be sent. */
  body: string;
  /** Unix seconds. Default: now. Each attempt (and each replay) is signed afresh. */
  timestamp?: number;
}

/** The headers of one signed delivery attempt. */
export function webhookHeaders(input: WebhookHeaderInput): Record<string, string> {
  if (!isWebhookEvent(input.event)) throw new TypeError(`unknown webhook event: ${String(input.event)}`);
  assertDeliveryId(input.deliveryId);
  const timestamp = input.timestamp ?? unixSeconds();
  const secrets = typeof input.secret === 'string' ? [input.secret] : [...input.secret];
  if (secrets.length === 0 || secrets.length > MAX_SIGNATURES_IN_HEADER) {
    throw new RangeError(`between 1 and ${MAX_SIGNATURES_IN_HEADER} secrets are required`);
  }
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': WEBHOOK_USER_AGENT,
    [WEBHOOK_HEADERS.event]: input.event,
    [WEBHOOK_HEADERS.delivery]: input.deliveryId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: secrets.map((s) => signWebhook(s, timestamp, input.body)).join(','),
  };
}

export interface WebhookEnvelope<T = unknown> {
  /** Same as `Quorum-Delivery`; stable across retries and replays, so receivers can de-duplicate. */
  id: string;
  event: WebhookEvent;
  /** When the event happened (ISO 8601), not when this attempt was sent. */
  createdAt: string;
  data: T;
}

/**
 * The signed body. Event type and delivery id are inside it so that they are covered by the signature
 * (the `Quorum-Event`/`Quorum-Delivery` headers are unauthenticated routing conveniences).
 */
export function buildWebhookBody(input: { deliveryId: string; event: WebhookEvent; createdAt: Date | string; data: unknown }): string {
  if (!isWebhookEvent(input.event)) throw new TypeError(`unknown webhook event: ${String(input.event)}`);
  assertDeliveryId(input.deliveryId);
  const created = input.createdAt instanceof Date ? input.createdAt : new Date(input.createdAt);
  if (Number.isNaN(created.getTime())) throw new RangeError('createdAt is not a valid date');
  const envelope: WebhookEnvelope = { id: input.deliveryId, event: input.event, createdAt: created.toISOString(), data: input.data ?? null };
  const body = JSON.stringify(envelope);
  if (typeof body !== 'string') throw new TypeError('payload is not JSON-serialisable');
  return body;
}
