/** Total attempts per delivery, the first one included. After the 8th failure the delivery is `failed`. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** Longest wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * Base wait after failed attempt n (index n-1): 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 1 h.
 * Roughly ×3–5 per step, capped at 1 h; 7 retries span about 2 h 53 min (less jitter).
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3_600_000];

/** Jitter takes up to this fraction off the base delay (never adds), so the 1 h cap always holds. */
export const RETRY_JITTER = 0.2;

/**
 * Delay before the next attempt, given how many attempts have been made so far (1 after the first
 * failure). Jitter is "down-only": uniform in [base × (1 − 0.2), base], which spreads a burst of failures
 * (an endpoint that was down for everyone) without ever exceeding the schedule or the cap. Attempts past
 * the table use the cap; callers stop at {@link MAX_DELIVERY_ATTEMPTS} via {@link shouldRetry}.
 *
 * @param random injectable for tests; must return [0, 1)
 */
export function nextRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError('attempt must be an integer ≥ 1');
  const base = Math.min(RETRY_SCHEDULE_MS[Math.min(attempt, RETRY_SCHEDULE_MS.length) - 1], MAX_RETRY_DELAY_MS);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(base * (1 - RETRY_JITTER * r));
}

/** Why an attempt failed. `http_status` carries the status in `status`. */
export type DeliveryErrorCode = 'unsafe_url' | 'dns_failed' | 'timeout' | 'network' | 'redirect' | 'http_status';

export interface RetryableInput {
  ok: boolean;
  status: number | null;
  errorCode?: DeliveryErrorCode;
}

/**
 * Whether a failed attempt is worth repeating.
 * - yes: network errors (incl. TLS), timeouts, DNS failures, 408, 429, 5xx
 * - no: success; any other 4xx (the receiver rejected the request: retrying sends the same bytes);
 *   3xx (we never follow redirects; the lab must fix the URL); an unsafe URL (policy, not a fault)
 */
export function isRetryable(result: RetryableInput): boolean {
  if (result.ok) return false;
  switch (result.errorCode) {
    case 'unsafe_url':
    case 'redirect':
      return false;
    case 'dns_failed':
    case 'timeout':
    case 'network':
      return true;
    case 'http_status':
    case undefined:
      break;
  }
  const status = result.status;
  if (status === null) return result.errorCode === undefined; // no response, unknown cause: treat as network
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599;
}

/** isRetryable and attempts remain. `attempt` = attempts made so far, this one included. */
export function shouldRetry(result: RetryableInput, attempt: number): boolean {
  return attempt < MAX_DELIVERY_ATTEMPTS && isRetryable(result);
}
