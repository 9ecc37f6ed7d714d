import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES, QueueHealth, QueueName } from '@quorum/contracts';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** Counts per queue from Redis, and what the outbox still holds (work Redis has not confirmed). */
@Injectable()
export class QueueHealthService {
  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async health(): Promise<QueueHealth> {
    const queues = await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        const [counts, paused] = await Promise.all([queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'), queue.isPaused()]);
        return { name: name as QueueName, waiting: counts['waiting'] ?? 0, active: counts['active'] ?? 0, delayed: counts['delayed'] ?? 0, failed: counts['failed'] ?? 0, completed: counts['completed'] ?? 0, paused };
      }),
    );
    const [outbox] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE dead_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE dead_at IS NULL))::float AS "oldestPendingSeconds"
         FROM outbox WHERE processed_at IS NULL`,
    );
    return {
      queues,
      outbox: { pending: outbox.pending, dead: outbox.dead, oldestPendingSeconds: outbox.oldestPendingSeconds === null ? null : Math.round(outbox.oldestPendingSeconds) },
      checkedAt: new Date().toISOString(),
    };
  }
}
