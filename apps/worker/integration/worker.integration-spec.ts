import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { QUEUES } from '@quorum/contracts';
import { AuditService, SYSTEM_ACTOR } from '@quorum/api/audit';
import { loadAppConfig } from '@quorum/api/config';
import { assertJobCoverage, MAX_RELAYS, OutboxRelay, OutboxService, QueueHealthService } from '@quorum/api/queue';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { PROCESSORS, WorkerModule } from '../src/app/worker.module';

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('worker (real Postgres + Redis + BullMQ)', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let outbox: OutboxService;
  let maintenance: Queue;

  beforeAll(async () => {
    const migrator = new DataSource(quorumDataSourceOptions({ url: loadAppConfig().databaseUrl, poolSize: 1, applicationName: 'worker-test-migrate' }));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    app.enableShutdownHooks();
    await app.init();
    dataSource = app.get<DataSource>(getDataSourceToken());
    outbox = app.get(OutboxService);
    maintenance = app.get<Queue>(getQueueToken(QUEUES.maintenance));
  });

  afterAll(async () => {
    await maintenance.obliterate({ force: true }).catch(() => undefined);
    await app.close();
  });

  const processedAt = async (id: string): Promise<Date | null> => {
    const [row] = await dataSource.query('SELECT processed_at FROM outbox WHERE id = $1', [id]);
    return row?.processed_at ?? null;
  };

  it('has exactly one handler for every job name', () => {
    expect(() => assertJobCoverage(PROCESSORS.map((p) => app.get(p)))).not.toThrow();
  });

  it('runs a job written to the outbox and marks it processed', async () => {
    const id = await dataSource.transaction((manager) => outbox.add(manager, 'audit.verify', {}));
    await outbox.publish([id]);
    expect(await waitFor(() => processedAt(id))).toBeInstanceOf(Date);
  });

  it('relays a job that never reached Redis', async () => {
    // Committed to the outbox, but the API crashed (or Redis was down) before publishing it.
    const id = await dataSource.transaction((manager) => outbox.add(manager, 'audit.verify', {}));
    await app.get(OutboxRelay).tick();
    expect(await waitFor(() => processedAt(id))).toBeInstanceOf(Date);
  });

  it('recovers a job lost with Redis after it was published', async () => {
    await maintenance.pause();
    const id = await dataSource.transaction((manager) => outbox.add(manager, 'audit.verify', {}));
    await outbox.publish([id]);
    expect(await maintenance.getJob(id)).toBeDefined();
    // Redis loses everything it held for this queue.
    await maintenance.obliterate({ force: true });
    await maintenance.resume();
    expect(await maintenance.getJob(id)).toBeUndefined();
    expect(await processedAt(id)).toBeNull();
    // The relay re-enqueues rows left unprocessed long after publishing.
    await dataSource.query(`UPDATE outbox SET published_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    await app.get(OutboxRelay).tick();
    expect(await waitFor(() => processedAt(id))).toBeInstanceOf(Date);
    const [row] = await dataSource.query('SELECT attempts FROM outbox WHERE id = $1', [id]);
    expect(row.attempts).toBe(2);
  });

  it('signs a checkpoint of the audit chain when its head moved, and only then', async () => {
    const count = async () => Number((await dataSource.query('SELECT count(*)::int AS n FROM audit_checkpoints'))[0].n);
    const latest = async () => (await dataSource.query('SELECT seq, head_hash AS "headHash" FROM audit_checkpoints ORDER BY id DESC LIMIT 1'))[0];
    const run = async () => {
      const id = await dataSource.transaction((manager) => outbox.add(manager, 'audit.checkpoint', {}));
      await outbox.publish([id]);
      await waitFor(() => processedAt(id));
    };
    await run();
    const signed = await count();
    await run();
    expect(await count()).toBe(signed);
    const event = await app.get(AuditService).appendStandalone({ actor: SYSTEM_ACTOR('worker-test'), type: 'test.head-moved', subject: 'test' });
    await run();
    expect(await count()).toBe(signed + 1);
    expect(await latest()).toEqual({ seq: String(event.seq), headHash: event.hash });
  });

  it('gives a job that failed all its retries a fresh run when relayed, and sets the row aside as dead after MAX_RELAYS', async () => {
    const routing = app.get<Queue>(getQueueToken(QUEUES.routing));
    // A payload the handler cannot process: every attempt fails at once.
    const failing = async (attempts: number) => {
      const payload = { jobId: 'not-a-uuid', reason: 'published' as const };
      // Marked published in the same transaction, so the relay leaves it to this test's own add.
      const id = await dataSource.transaction(async (manager) => {
        const added = await outbox.add(manager, 'routing.route', payload);
        await manager.query('UPDATE outbox SET published_at = now() WHERE id = $1', [added]);
        return added;
      });
      await routing.add('routing.route', payload, { jobId: id, attempts: 1 });
      await waitFor(async () => (await routing.getJob(id))?.isFailed());
      await dataSource.query(`UPDATE outbox SET published_at = now() - interval '5 minutes', attempts = $2 WHERE id = $1`, [id, attempts]);
      return id;
    };
    const retried = await failing(1);
    const firstRun = (await routing.getJob(retried))?.timestamp ?? 0;
    const exhausted = await failing(MAX_RELAYS);
    // The worker's own relay timer may get there first; either way one relay happens.
    await app.get(OutboxRelay).tick();

    const [retriedRow] = await dataSource.query('SELECT attempts, dead_at FROM outbox WHERE id = $1', [retried]);
    expect(retriedRow).toEqual({ attempts: 2, dead_at: null });
    // A new job under the same id (the failed one was removed), not the failed one left in place.
    const rerun = await routing.getJob(retried);
    expect(rerun?.timestamp).toBeGreaterThan(firstRun);

    const [deadRow] = await dataSource.query('SELECT attempts, dead_at, last_error FROM outbox WHERE id = $1', [exhausted]);
    expect(deadRow.attempts).toBe(MAX_RELAYS);
    expect(deadRow.dead_at).toBeInstanceOf(Date);
    expect(deadRow.last_error).toMatch(/uuid/i);
    // Dead rows are no longer relayed, and they are counted where an admin looks.
    await app.get(OutboxRelay).tick();
    expect((await dataSource.query('SELECT attempts FROM outbox WHERE id = $1', [exhausted]))[0].attempts).toBe(MAX_RELAYS);
    const health = await app.get(QueueHealthService).health();
    expect(health.outbox.dead).toBeGreaterThanOrEqual(1);
  });
});
