import { Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { QUEUES } from '@quorum/contracts';
import type { DefaultJobOptions } from 'bullmq';
import Redis from 'ioredis';
import { OutboxService } from './outbox.service';
import { QueueHealthService } from './queue-health.service';
import { evictionProblem, redisOptionsFromUrl } from './redis';

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
export class QueueModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(QueueModule.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /** Refuses to start on an evicting Redis; an unreachable one or a managed one that hides CONFIG is not a reason to stay down. */
  async onModuleInit(): Promise<void> {
    let policy: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = (await Promise.race([
        this.redis.config('GET', 'maxmemory-policy'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), 2000);
        }),
      ])) as string[];
      policy = reply[1] ?? null;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read Redis maxmemory-policy; make sure it is noeviction');
    } finally {
      clearTimeout(timer);
    }
    const problem = evictionProblem(policy);
    if (problem) throw new Error(problem);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
