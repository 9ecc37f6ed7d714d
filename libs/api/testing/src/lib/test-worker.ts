import type { INestApplicationContext, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@quorum/api/audit';
import { APP_CONFIG, AppConfig, ConfigModule } from '@quorum/api/config';
import { DeliveryModule, DeliveryProcessor } from '@quorum/api/delivery';
import { JobsModule, RoutingProcessor } from '@quorum/api/jobs';
import { QualityModule, QualityProcessor, VendorQualityModule } from '@quorum/api/quality';
import { TasksModule, TasksProcessor } from '@quorum/api/tasks';
import { NeutralityModule, NeutralityProcessor } from '@quorum/api/neutrality';
import { OutboxRelay, QueueModule } from '@quorum/api/queue';
import { quorumDataSourceOptions } from '@quorum/api/schema';

/**
 * The worker's processors from the domain libs, in-process, on the run's database and Redis:
 * jobs go through the real BullMQ queues exactly as they do in apps/worker.
 */
export async function startTestWorker(processors: Provider[] = [DeliveryProcessor, NeutralityProcessor, QualityProcessor, RoutingProcessor, TasksProcessor]): Promise<INestApplicationContext> {
  @Module({
    imports: [
      AuditModule,
      ConfigModule,
      DeliveryModule,
      JobsModule,
      NeutralityModule,
      QualityModule,
      QueueModule,
      TasksModule,
      VendorQualityModule,
      TypeOrmModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => quorumDataSourceOptions({ url: config.databaseUrl, poolSize: 4, applicationName: 'test-worker' }),
      }),
    ],
    providers: [...processors, OutboxRelay],
  })
  class TestWorkerModule {}

  const app = await NestFactory.createApplicationContext(TestWorkerModule, { logger: false });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Polls until `check` returns something truthy; fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until the worker has processed every outbox job (the effects of the writes so far are in). */
export async function outboxSettled(dataSource: { query: (sql: string) => Promise<{ n: number }[]> }, timeoutMs = 15_000): Promise<void> {
  await eventually(async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL'))[0].n === 0, timeoutMs);
}
