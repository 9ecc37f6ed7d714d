import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@quorum/contracts';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxEntity } from './outbox.entity';

/** Rows left unprocessed this long after publishing are enqueued again (a lost Redis, a crash). */
const REPUBLISH_AFTER_SECONDS = 30;
/** Relays of a row whose job keeps failing all its retries, before it is set aside as dead. */
export const MAX_RELAYS = 5;

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Records a job in the caller's transaction. Call `publish` with the ids after the commit. */
  async add<N extends JobName>(manager: EntityManager, jobName: N, payload: JobPayloads[N]): Promise<string> {
    const row = manager.create(OutboxEntity, {
      queue: JOB_QUEUE[jobName],
      jobName,
      payload: payload as Record<string, unknown>,
    });
    await manager.save(row);
    return row.id;
  }

  /** Best effort after commit: if Redis is down the relay picks the rows up later. */
  async publish(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await this.dataSource.getRepository(OutboxEntity).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
    await this.enqueue(rows);
  }

  /** As `publish`, for a caller that already holds the rows it wrote (saves reading them back). */
  async publishRows(rows: Pick<OutboxEntity, 'id' | 'queue' | 'jobName' | 'payload'>[]): Promise<void> {
    if (rows.length) await this.enqueue(rows);
  }

  /**
   * Enqueues every row that is not processed and not recently published. Returns how many. A row
   * whose job is still in Redis is left alone unless that job failed all its retries: then it gets
   * a fresh run, up to MAX_RELAYS times, after which the row is marked dead (BullMQ would otherwise
   * ignore every re-add of the failed job's id, and the work would silently never finish).
   */
  async relayPending(limit = 500): Promise<number> {
    const rows: (Pick<OutboxEntity, 'id' | 'queue' | 'jobName' | 'payload' | 'attempts'> & { publishedAt: Date | null })[] = await this.dataSource.query(
      `SELECT id, queue, job_name AS "jobName", payload, attempts, published_at AS "publishedAt" FROM outbox
        WHERE processed_at IS NULL AND dead_at IS NULL
          AND (published_at IS NULL OR published_at < now() - make_interval(secs => $1))
        ORDER BY created_at LIMIT $2`,
      [REPUBLISH_AFTER_SECONDS, limit],
    );
    const toEnqueue: typeof rows = [];
    const stillQueued: string[] = [];
    for (const row of rows) {
      // Never published: nothing in Redis to look at.
      const job = row.publishedAt ? await this.queue(row.queue as QueueName).getJob(row.id) : undefined;
      if (!job) {
        toEnqueue.push(row);
      } else if (!(await job.isFailed())) {
        stillQueued.push(row.id); // waiting, delayed, active (a long job) or completing
      } else if (row.attempts >= MAX_RELAYS) {
        await this.dataSource.query('UPDATE outbox SET dead_at = now(), last_error = $2 WHERE id = $1', [row.id, (job.failedReason ?? 'failed').slice(0, 2000)]);
        this.logger.error({ outboxId: row.id, jobName: row.jobName, attempts: row.attempts, reason: job.failedReason }, 'outbox row is dead: its job failed every retry of every relay');
      } else {
        await job.remove();
        toEnqueue.push(row);
      }
    }
    // Looked at again after the same delay, without counting as a relay.
    if (stillQueued.length) await this.dataSource.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [stillQueued]);
    await this.enqueue(toEnqueue);
    return toEnqueue.length;
  }

  async markProcessed(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL', [id]);
  }

  private async enqueue(rows: Pick<OutboxEntity, 'id' | 'queue' | 'jobName' | 'payload'>[]): Promise<void> {
    const published: string[] = [];
    for (const row of rows) {
      try {
        // jobId = outbox id: BullMQ ignores an add whose id already exists, so a re-publish is harmless.
        await this.queue(row.queue as QueueName).add(row.jobName, row.payload, { jobId: row.id });
        published.push(row.id);
      } catch (error) {
        this.logger.warn({ err: error, outboxId: row.id }, 'could not enqueue outbox row; the relay will retry');
        break;
      }
    }
    if (published.length) {
      await this.dataSource.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])', [published]);
    }
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
