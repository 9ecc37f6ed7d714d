/**
 * Worker and Redis faults against the built stack: the worker killed with SIGKILL in the middle of
 * routing and of aggregation, and the run's Redis keys deleted while jobs are being processed.
 * After each, the work completes exactly once: Postgres (unique keys, the outbox) carries it.
 */
import { addAnnotators, Annotator, answerAll, auditVerify, call, createJob, Org, platformAdminToken, publish, registerOrg, registerVendor, waitRouted } from './support/actors';
import { answerFigures, effectFigures, jobStatus, slotFigures } from './support/invariants';
import { CLEANUP_MS, FaultStack, PORTS, sleep, waitFor } from './support/stack';
import { WebhookReceiver } from './support/webhook-receiver';

// A stalled BullMQ job comes back after its lock (30 s) lapses and a stalled check (every 30 s) sees it.
const RECOVERY_MS = 150_000;

describe('queue faults (worker SIGKILL, Redis loss)', () => {
  let stack: FaultStack;
  let receiver: WebhookReceiver;
  let lab: Org;
  let vendors: Org[];
  let annotators: Annotator[];
  let adminToken: string;

  beforeAll(async () => {
    stack = await FaultStack.start();
    receiver = new WebhookReceiver(PORTS.webhooks);
    await receiver.start();
    lab = await registerOrg(stack, 'lab');
    vendors = [await registerVendor(stack), await registerVendor(stack), await registerVendor(stack)];
    annotators = (await Promise.all(vendors.map((v) => addAnnotators(stack, v, 8)))).flat();
    adminToken = await platformAdminToken(stack);
    const hook = await call(stack.baseUrl, 'POST', '/webhooks', {
      token: lab.token,
      body: { url: receiver.url, events: ['item.completed', 'job.completed'] },
    });
    if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${JSON.stringify(hook.body)}`);
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
  }, CLEANUP_MS);

  it('SIGKILL in the middle of routing: after a restart every item has exactly its overlap of slots, routed once', () =>
    stack.diagnosed(async () => {
      const ITEMS = 20_000;
      const jobId = await createJob(stack, lab, { items: ITEMS });
      await publish(stack, lab, jobId);
      // The routing pass is one transaction; "in the middle" is while its slot INSERT runs.
      await waitFor(
        'routing INSERT running',
        async () =>
          (
            await stack.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'quorum-worker' AND state = 'active' AND query LIKE '%INSERT INTO slots%'`,
              [stack.name],
            )
          ).length > 0,
        60_000,
        10,
      );
      const killedAt = Date.now();
      await stack.worker.stop('SIGKILL');
      // Postgres rolls the killed session back once it notices the client is gone.
      await waitFor(
        'killed worker sessions gone',
        async () => (await stack.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'quorum-worker'`, [stack.name])).length === 0,
        60_000,
      );
      const [{ n: slotsAfterKill }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM slots WHERE job_id = $1`, [jobId]);
      expect(slotsAfterKill).toBe(0);

      await stack.restartWorker();
      await waitRouted(stack, jobId, ITEMS, 3, RECOVERY_MS);
      console.log(`routing kill: routed again ${Math.round((Date.now() - killedAt) / 1000)} s after the SIGKILL`);

      expect(await slotFigures(stack, jobId, 3)).toEqual({
        items: ITEMS,
        wrongSlotCount: 0,
        sameVendorTwice: 0,
        unrouted: 0,
      });
      const [{ n: planned }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'routing.planned' AND subject = $1`, [`job:${jobId}`]);
      expect(planned).toBe(1);
      const routes = await stack.query<{ processed: boolean }>(
        `SELECT processed_at IS NOT NULL AS processed FROM outbox WHERE job_name = 'routing.route' AND payload->>'jobId' = $1`,
        [jobId],
      );
      expect(routes).toEqual([{ processed: true }]);
      expect(await auditVerify(stack, adminToken)).toMatchObject({
        valid: true,
        firstInvalidSeq: null,
      });
    }));

  it('SIGKILL in the middle of aggregation: after a restart every item is aggregated once, no answer lost, one webhook per item', () =>
    stack.diagnosed(async () => {
      const ITEMS = 300;
      const jobId = await createJob(stack, lab, { items: ITEMS });
      await publish(stack, lab, jobId);
      await waitRouted(stack, jobId, ITEMS, 3, 60_000);
      // With the worker stopped, every finished item's aggregation waits in Redis.
      await stack.worker.stop('SIGTERM');
      const acknowledged = await answerAll(stack, annotators, jobId);
      expect(acknowledged).toHaveLength(ITEMS * 3);

      stack.worker.start();
      const atKill = await waitFor(
        'aggregation under way',
        async () => {
          const [{ n }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_results WHERE job_id = $1`, [jobId]);
          return n >= ITEMS * 0.1 ? n : null;
        },
        60_000,
        10,
      );
      await stack.worker.stop('SIGKILL');
      const killedAt = Date.now();
      expect(atKill).toBeLessThan(ITEMS);

      await stack.restartWorker();
      await waitFor('job completed', async () => (await jobStatus(stack, jobId)) === 'completed', RECOVERY_MS, 250);
      await waitFor('outbox drained', async () => (await effectFigures(stack, jobId)).unprocessedOutbox === 0, 60_000, 250);
      console.log(`aggregation kill: ${atKill}/${ITEMS} aggregated at the SIGKILL, job completed ${Math.round((Date.now() - killedAt) / 1000)} s later`);

      expect(await answerFigures(stack, jobId, 3, acknowledged)).toEqual({
        answers: ITEMS * 3,
        overOverlap: 0,
        duplicatePairs: 0,
        lostAcknowledged: 0,
        slotMismatch: 0,
      });
      const effects = await effectFigures(stack, jobId);
      expect(effects).toMatchObject({
        itemResults: ITEMS,
        aggregateEnqueuedTwice: 0,
        itemCompletedTwice: 0,
        jobCompletedDeliveries: 1,
        jobCompletedAuditEvents: 1,
        unprocessedOutbox: 0,
      });
      expect(effects.itemCompletedDeliveries).toBe(effects.aggregatedItems);
      // Every delivery reaches the lab (at least once; the delivery id lets it drop repeats).
      await waitFor(
        'webhooks delivered',
        async () =>
          (await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE payload->>'jobId' = $1 AND status <> 'delivered'`, [jobId]))[0].n === 0,
        60_000,
        250,
      );
      const ids = await stack.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE payload->>'jobId' = $1`, [jobId]);
      const seen = new Set(receiver.received.map((r) => r.deliveryId));
      expect(ids.filter((d) => !seen.has(d.id))).toEqual([]);
      expect(await auditVerify(stack, adminToken)).toMatchObject({
        valid: true,
        firstInvalidSeq: null,
      });
    }));

  it('Redis loss while jobs run: the outbox relay re-enqueues what was lost and the job completes with no answer lost', () =>
    stack.diagnosed(async () => {
      const ITEMS = 300;
      const jobId = await createJob(stack, lab, { items: ITEMS });
      await publish(stack, lab, jobId);
      await waitRouted(stack, jobId, ITEMS, 3, 60_000);
      await stack.worker.stop('SIGTERM');
      const acknowledged = await answerAll(stack, annotators, jobId);
      expect(acknowledged).toHaveLength(ITEMS * 3);

      stack.worker.start();
      await waitFor(
        'aggregation under way',
        async () => (await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_results WHERE job_id = $1`, [jobId]))[0].n >= ITEMS * 0.1,
        60_000,
        10,
      );
      const deleted = await stack.deleteRedisKeys();
      const lostAt = Date.now();
      const [{ n: atLoss }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_results WHERE job_id = $1`, [jobId]);
      expect(deleted).toBeGreaterThan(0);
      expect(atLoss).toBeLessThan(ITEMS);

      await waitFor('job completed', async () => (await jobStatus(stack, jobId)) === 'completed', RECOVERY_MS, 250);
      await waitFor('outbox drained', async () => (await effectFigures(stack, jobId)).unprocessedOutbox === 0, 60_000, 250);
      const republished = (await effectFigures(stack, jobId)).republishedOutbox;
      console.log(
        `Redis loss: ${deleted} keys deleted with ${atLoss}/${ITEMS} aggregated; job completed ${Math.round((Date.now() - lostAt) / 1000)} s later; ${republished} outbox rows re-enqueued by the relay`,
      );
      // The relay, not luck, brought the lost jobs back.
      expect(republished).toBeGreaterThan(0);

      expect(await answerFigures(stack, jobId, 3, acknowledged)).toEqual({
        answers: ITEMS * 3,
        overOverlap: 0,
        duplicatePairs: 0,
        lostAcknowledged: 0,
        slotMismatch: 0,
      });
      const effects = await effectFigures(stack, jobId);
      expect(effects).toMatchObject({
        itemResults: ITEMS,
        aggregateEnqueuedTwice: 0,
        itemCompletedTwice: 0,
        jobCompletedDeliveries: 1,
        jobCompletedAuditEvents: 1,
      });
      expect(effects.itemCompletedDeliveries).toBe(effects.aggregatedItems);
      // The API kept answering throughout.
      expect((await call(stack.baseUrl, 'GET', '/health')).status).toBe(200);
      await sleep(0);
      expect(await auditVerify(stack, adminToken)).toMatchObject({
        valid: true,
        firstInvalidSeq: null,
      });
    }));
});
