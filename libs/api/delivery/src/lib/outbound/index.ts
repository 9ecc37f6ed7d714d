export { classifyAddress, isPublicAddress, type AddressCategory } from './ip';
export {
  assertPublicUrl,
  MAX_URL_LENGTH,
  UnsafeUrlError,
  UrlResolutionError,
  type AssertPublicUrlOptions,
  type PublicUrl,
  type Resolver,
  type UnsafeUrlReason,
} from './url-policy';
export {
  buildWebhookBody,
  DEFAULT_TOLERANCE_SECONDS,
  signWebhook,
  unixSeconds,
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
  WEBHOOK_USER_AGENT,
  webhookHeaders,
  type WebhookEnvelope,
  type WebhookHeaderInput,
} from './signature';
export {
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  MAX_RESPONSE_SNIPPET_BYTES,
  postWebhook,
  type PostWebhook,
  type PostWebhookOptions,
  type WebhookDeliveryResult,
  type WebhookEventRef,
  type WebhookTarget,
} from './post-webhook';
export {
  isRetryable,
  MAX_DELIVERY_ATTEMPTS,
  MAX_RETRY_DELAY_MS,
  nextRetryDelayMs,
  RETRY_SCHEDULE_MS,
  shouldRetry,
  type DeliveryErrorCode,
} from './retry';
// Deliberately NOT exported: createWebhookPoster / checkUrl (take an address policy: tests only),
// sendPinned / pinnedLookup (no policy of their own; only safe after checkUrl).
