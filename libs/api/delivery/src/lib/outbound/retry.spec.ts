import { isRetryable, MAX_DELIVERY_ATTEMPTS, MAX_RETRY_DELAY_MS, nextRetryDelayMs, RETRY_SCHEDULE_MS, shouldRetry, type RetryableInput } from './retry';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('nextRetryDelayMs', () => {
  it('follows 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 1 h with no jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((a) => nextRetryDelayMs(a, () => 0));
    expect(delays).toEqual([10 * S, 30 * S, 2 * M, 10 * M, 30 * M, H, H]);
    expect(RETRY_SCHEDULE_MS).toHaveLength(MAX_DELIVERY_ATTEMPTS - 1);
  });

  it('jitters down by at most 20 %', () => {
    expect(nextRetryDelayMs(1, () => 0.5)).toBe(9 * S);
    expect(nextRetryDelayMs(1, () => 0.999999)).toBe(8 * S);
    for (let attempt = 1; attempt <= 7; attempt++) {
      for (let i = 0; i < 50; i++) {
        const d = nextRetryDelayMs(attempt);
        const base = RETRY_SCHEDULE_MS[attempt - 1];
        expect(d).toBeGreaterThanOrEqual(Math.round(base * 0.8));
        expect(d).toBeLessThanOrEqual(base);
      }
    }
  });

  it('never exceeds the 1 h cap, even far past the table or with a bad random source', () => {
    for (const attempt of [7, 8, 20, 1000]) {
      expect(nextRetryDelayMs(attempt, () => 0)).toBe(MAX_RETRY_DELAY_MS);
      expect(nextRetryDelayMs(attempt, () => -5)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
      expect(nextRetryDelayMs(attempt, () => 7)).toBeGreaterThan(0);
    }
  });

  it('is non-decreasing in the attempt number for a fixed random value', () => {
    let previous = 0;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const d = nextRetryDelayMs(attempt, () => 0.3);
      expect(d).toBeGreaterThanOrEqual(previous);
      previous = d;
    }
  });

  it('rejects attempt numbers that are not integers ≥ 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => nextRetryDelayMs(bad)).toThrow(RangeError);
  });
});

describe('isRetryable', () => {
  const http = (status: number): RetryableInput => ({ ok: false, status, errorCode: 'http_status' });

  it.each([408, 429, 500, 502, 503, 504, 599])('HTTP %i → retry', (status) => {
    expect(isRetryable(http(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 405, 409, 410, 413, 422, 451, 499, 600])('HTTP %i → give up', (status) => {
    expect(isRetryable(http(status))).toBe(false);
  });

  it('network errors, timeouts and DNS failures are retried', () => {
    expect(isRetryable({ ok: false, status: null, errorCode: 'network' })).toBe(true);
    expect(isRetryable({ ok: false, status: null, errorCode: 'timeout' })).toBe(true);
    expect(isRetryable({ ok: false, status: null, errorCode: 'dns_failed' })).toBe(true);
    expect(isRetryable({ ok: false, status: null })).toBe(true);
  });

  it('unsafe URLs, redirects and successes are not', () => {
    expect(isRetryable({ ok: false, status: null, errorCode: 'unsafe_url' })).toBe(false);
    expect(isRetryable({ ok: false, status: 302, errorCode: 'redirect' })).toBe(false);
    expect(isRetryable({ ok: false, status: 307, errorCode: 'redirect' })).toBe(false);
    expect(isRetryable({ ok: true, status: 200 })).toBe(false);
    expect(isRetryable({ ok: true, status: 204 })).toBe(false);
  });
});

describe('shouldRetry', () => {
  it('stops after the 8th attempt', () => {
    const failure: RetryableInput = { ok: false, status: 503, errorCode: 'http_status' };
    expect(shouldRetry(failure, 1)).toBe(true);
    expect(shouldRetry(failure, MAX_DELIVERY_ATTEMPTS - 1)).toBe(true);
    expect(shouldRetry(failure, MAX_DELIVERY_ATTEMPTS)).toBe(false);
    expect(shouldRetry({ ok: false, status: 404, errorCode: 'http_status' }, 1)).toBe(false);
  });
});
