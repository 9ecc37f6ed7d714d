import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { QUEUES } from '@quorum/contracts';
import type { DefaultJobOptions } from 'bullmq';
import Redis from 'ioredis';
import { OutboxService } from './outbox.service';
import { QueueHealthService } from './queue-health.service';
import { redisOptionsFromUrl } from './redis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Defaults for every job: retried with backoff, history kept long enough to debug. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptionsFromUrl(config.redisUrl),
        prefix: config.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new Redis({ ...redisOptionsFromUrl(config.redisUrl), lazyConnect: false }),
    },
    OutboxService,
    QueueHealthService,
  ],
  exports: [BullModule, REDIS_CLIENT, OutboxService, QueueHealthService],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
