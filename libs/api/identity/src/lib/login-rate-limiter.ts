import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { DomainError, ErrorCode } from '@quorum/api/errors';
import { REDIS_CLIENT } from '@quorum/api/queue';
import type Redis from 'ioredis';

/**
 * Counts failed logins per account and per address in Redis (shared by every API instance).
 * Too many failures in the window answer 429 with Retry-After, before the password is checked.
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

  async reset(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '-')[0].key).catch(() => undefined);
  }
}
