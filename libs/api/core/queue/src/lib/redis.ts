import type { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL. BullMQ workers need maxRetriesPerRequest: null. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname && parsed.pathname !== '/' ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Keep retrying with a cap: a Redis restart must not kill the API or the worker.
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
  };
}

/**
 * BullMQ keeps locks and job state in Redis: a policy that evicts keys under memory pressure drops
 * them silently (double processing, lost schedules). Only `noeviction` is safe.
 */
export function evictionProblem(policy: string | null): string | null {
  if (policy === null || policy === 'noeviction') return null;
  return `Redis maxmemory-policy is "${policy}"; queues need "noeviction" (CONFIG SET maxmemory-policy noeviction, or set it in redis.conf)`;
}
