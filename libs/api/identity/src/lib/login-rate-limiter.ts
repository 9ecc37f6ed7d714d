import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { DomainError, ErrorCode } from '@quorum/api/errors';
import { REDIS_CLIENT } from '@quorum/api/queue';
import type Redis from 'ioredis';

/**
 * Counts failed logins, and registrations, per account and per address in Redis (shared by every
 * API instance). Too many in the window answer 429 with Retry-After, before any password work.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger(LoginRateLimiter.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): { key: string; limit: number }[] {
    const { attempts } = this.config.loginRateLimit;
    const prefix = `${this.config.queuePrefix}:ratelimit:login`;
    return [
      { key: `${prefix}:account:${createHash('sha256').update(email).digest('hex')}`, limit: attempts },
      // An address may front many people (an office NAT): allow more before blocking it.
      { key: `${prefix}:ip:${ip}`, limit: attempts * 5 },
    ];
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    try {
      for (const { key, limit } of this.keys(email, ip)) {
        const count = Number((await this.redis.get(key)) ?? 0);
        if (count >= limit) {
          const ttl = await this.redis.ttl(key);
          const retryAfter = String(ttl > 0 ? ttl : this.config.loginRateLimit.windowSeconds);
          throw new DomainError(ErrorCode.RateLimited, `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`, undefined, { 'retry-after': retryAfter });
        }
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Redis down: keep sign-in available; argon2's cost still slows guessing.
      this.logger.warn({ err: error }, 'login rate limiter unavailable');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    try {
      const pipeline = this.redis.multi();
      for (const { key } of this.keys(email, ip)) {
        pipeline.incr(key).expire(key, this.config.loginRateLimit.windowSeconds, 'NX');
      }
      await pipeline.exec();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not record a failed login');
    }
  }

  /**
   * Every registration attempt counts (not only failures): sign-ups are how spam organisations and
   * email enumeration get in, and argon2 makes each attempt costly for us.
   */
  async assertRegistrationAllowed(email: string, ip: string): Promise<void> {
    const { perIp, perAccount, windowSeconds } = this.config.registerRateLimit;
    const prefix = `${this.config.queuePrefix}:ratelimit:register`;
    const buckets = [
      { key: `${prefix}:account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`, limit: perAccount },
      { key: `${prefix}:ip:${ip}`, limit: perIp },
    ];
    let counts: number[];
    try {
      const pipeline = this.redis.multi();
      for (const { key } of buckets) pipeline.incr(key).expire(key, windowSeconds, 'NX');
      const replies = (await pipeline.exec()) ?? [];
      counts = buckets.map((_, i) => Number(replies[i * 2]?.[1] ?? 0));
    } catch (error) {
      this.logger.warn({ err: error }, 'registration rate limiter unavailable');
      return;
    }
    const over = buckets.findIndex((bucket, i) => counts[i] > bucket.limit);
    if (over >= 0) {
      const ttl = await this.redis.ttl(buckets[over].key).catch(() => -1);
      const retryAfter = String(ttl > 0 ? ttl : windowSeconds);
      throw new DomainError(ErrorCode.RateLimited, `Too many registrations ${over === 0 ? 'for this email address' : 'from this address'}. Try again in ${retryAfter} seconds.`, undefined, { 'retry-after': retryAfter });
    }
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '-')[0].key).catch(() => undefined);
  }
}
