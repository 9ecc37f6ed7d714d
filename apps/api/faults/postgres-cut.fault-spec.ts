/**
 * "Postgres stops" as the API and worker see it: the proxy between them and Postgres drops every
 * connection and refuses new ones (the shared Postgres itself is never touched). While cut, health
 * and writes answer 503 problem+json promptly; after the proxy is back, both recover without a
 * restart, and a submit retried with its Idempotency-Key has exactly one effect.
 */
import { addAnnotators, Annotator, auditVerify, call, claim, createJob, Org, platformAdminToken, publish, registerOrg, registerVendor, submit, waitRouted } from './support/actors';
import { CLEANUP_MS, FaultStack, sleep, waitFor } from './support/stack';

/** A request while Postgres is away must come back within this (the pool's connect timeout is 3 s). */
const BOUNDED_MS = 10_000;

describe('Postgres cut (proxy) under the running API and worker', () => {
  let stack: FaultStack;
  let lab: Org;
  let annotators: Annotator[];
  let adminToken: string;
  let jobId: string;
  const ITEMS = 40;

  beforeAll(async () => {
    stack = await FaultStack.start();
    lab = await registerOrg(stack, 'lab');
    const vendors = [await registerVendor(stack), await registerVendor(stack), await registerVendor(stack)];
    annotators = (await Promise.all(vendors.map((v) => addAnnotators(stack, v, 3)))).flat();
    adminToken = await platformAdminToken(stack);
    jobId = await createJob(stack, lab, { items: ITEMS });
    await publish(stack, lab, jobId);
    await waitRouted(stack, jobId, ITEMS, 3, 60_000);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  }, CLEANUP_MS);

  it('answers 503 problem+json on health and writes while cut, then recovers without a restart; the retried submit counts once', () =>
    stack.diagnosed(async () => {
      const apiPid = stack.api.pid;
      const workerPid = stack.worker.pid;
      const [first, ...others] = annotators;
      const held = await claim(stack, first, jobId);
      expect(held.status).toBe(200);
      const key = `retry-${held.body.assignmentId}`;

      // Load in flight when the cut happens: every answer is a success or a 503, never a 500 or a hang.
      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      let slowest = 0;
      let stopLoad = false;
      const load = Promise.all(
        others.map(async (a) => {
          while (!stopLoad) {
            try {
              const c = await claim(stack, a, jobId);
              slowest = Math.max(slowest, c.ms);
              statuses.set(c.status, (statuses.get(c.status) ?? 0) + 1);
              if (c.status === 200) {
                // A client retries a 503 with the same Idempotency-Key until it gets an answer.
                for (;;) {
                  const s = await submit(stack, a, c.body.assignmentId, c.body.assignmentId);
                  slowest = Math.max(slowest, s.ms);
                  statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
                  if (s.status === 201) acknowledged.push(s.body.answerId);
                  if (s.status !== 503) break;
                  await sleep(200);
                }
              } else await sleep(100);
            } catch (error) {
              statuses.set(-1, (statuses.get(-1) ?? 0) + 1);
              console.log(`request failed without an answer: ${(error as Error).message}`);
            }
          }
        }),
      );
      await sleep(500);
      await stack.pgProxy.cut();
      const cutAt = Date.now();

      const health = await call<{
        status: string;
        info: { database: { status: string }; redis: { status: string } };
      }>(stack.baseUrl, 'GET', '/health', { timeoutMs: BOUNDED_MS });
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'error',
        info: { database: { status: 'down' }, redis: { status: 'up' } },
      });

      const writes = [
        await call(stack.baseUrl, 'POST', '/tasks/next', {
          token: first.token,
          body: { jobId },
          timeoutMs: BOUNDED_MS,
        }),
        // The same request the retry below sends (an item with a dissenting label would wait for review).
        await submit(stack, first, held.body.assignmentId, key),
        await call(stack.baseUrl, 'POST', '/jobs', {
          token: lab.token,
          body: {
            title: 'during the cut',
            instructions: 'x',
            taskType: 'classification',
            schema: { labels: ['a', 'b'] },
            overlap: 1,
            pricePerAnswer: 0.05,
          },
          timeoutMs: BOUNDED_MS,
        }),
      ];
      for (const w of writes) {
        expect(w.status).toBe(503);
        expect(w.contentType).toMatch(/^application\/problem\+json/);
        expect(w.body).toMatchObject({
          status: 503,
          type: 'https://quorum.dev/problems/dependency-down',
        });
        expect(w.ms).toBeLessThan(BOUNDED_MS);
      }
      const read = await call(stack.baseUrl, 'GET', `/jobs/${jobId}`, {
        token: lab.token,
        timeoutMs: BOUNDED_MS,
      });
      expect(read.status).toBe(503);
      await sleep(Math.max(0, 3000 - (Date.now() - cutAt)));

      await stack.pgProxy.restore();
      const restoredAt = Date.now();
      await waitFor(
        'health 200 again',
        async () =>
          (
            await call(stack.baseUrl, 'GET', '/health', {
              timeoutMs: BOUNDED_MS,
            })
          ).status === 200,
        20_000,
        200,
      );
      const recoveredMs = Date.now() - restoredAt;
      stopLoad = true;
      await load;
      console.log(
        `Postgres cut ${Math.round((restoredAt - cutAt) / 1000)} s: statuses under load ${JSON.stringify(Object.fromEntries(statuses))}, slowest ${Math.round(slowest)} ms; healthy ${recoveredMs} ms after the restore`,
      );
      expect([...statuses.keys()].filter((s) => ![200, 201, 204, 503].includes(s))).toEqual([]);
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(slowest).toBeLessThan(BOUNDED_MS);

      // Same processes: recovery came from the pool reconnecting, not from a restart.
      expect(stack.api.pid).toBe(apiPid);
      expect(stack.worker.pid).toBe(workerPid);
      expect(stack.api.exits).toEqual([]);
      expect(stack.worker.exits).toEqual([]);

      // The submit that got a 503 is retried with the same key: one answer, and replays agree.
      const retried = await submit(stack, first, held.body.assignmentId, key);
      expect(retried.status).toBe(201);
      const again = await submit(stack, first, held.body.assignmentId, key);
      expect(again).toMatchObject({
        status: 201,
        body: { answerId: retried.body.answerId },
      });
      const rows = await stack.query<{ id: string }>(`SELECT id FROM answers WHERE assignment_id = $1`, [held.body.assignmentId]);
      expect(rows).toEqual([{ id: retried.body.answerId }]);

      const created = await call<{ id: string }>(stack.baseUrl, 'POST', '/jobs', {
        token: lab.token,
        body: {
          title: 'after the cut',
          instructions: 'x',
          taskType: 'classification',
          schema: { labels: ['a', 'b'] },
          overlap: 1,
          pricePerAnswer: 0.05,
        },
      });
      expect(created.status).toBe(201);

      // The worker reconnected too: finish every item and the job completes through the queue.
      acknowledged.push(retried.body.answerId);
      await Promise.all(
        annotators.map(async (a) => {
          for (;;) {
            const c = await claim(stack, a, jobId);
            if (c.status === 204) return;
            expect(c.status).toBe(200);
            const s = await submit(stack, a, c.body.assignmentId, c.body.assignmentId);
            expect(s.status).toBe(201);
            acknowledged.push(s.body.answerId);
          }
        }),
      );
      // Every fully answered item is aggregated through the queue: the worker reconnected as well.
      const aggregated = async () =>
        (
          await stack.query<{
            answered: number;
            results: number;
            pending: number;
          }>(
            `SELECT (SELECT count(*)::int FROM items i WHERE i.job_id = $1 AND NOT EXISTS (SELECT 1 FROM slots s WHERE s.item_id = i.id AND s.status <> 'answered')) AS answered,
                    (SELECT count(*)::int FROM item_results WHERE job_id = $1) AS results,
                    (SELECT count(*)::int FROM outbox WHERE processed_at IS NULL) AS pending`,
            [jobId],
          )
        )[0];
      await waitFor(
        'aggregation after the cut',
        async () => {
          const f = await aggregated();
          return f.answered > 0 && f.answered === f.results && f.pending === 0;
        },
        60_000,
        250,
      );
      const [figures] = await stack.query<{
        answers: number;
        over: number;
        lost: number;
        leasedWithoutAssignment: number;
        leased: number;
      }>(
        `SELECT (SELECT count(*)::int FROM answers WHERE job_id = $1) AS answers,
                (SELECT count(*)::int FROM (SELECT item_id FROM answers WHERE job_id = $1 GROUP BY item_id HAVING count(*) > 3) d) AS over,
                (SELECT count(*)::int FROM unnest($2::uuid[]) k(id) WHERE NOT EXISTS (SELECT 1 FROM answers x WHERE x.id = k.id)) AS lost,
                (SELECT count(*)::int FROM slots s WHERE s.job_id = $1 AND s.status = 'leased') AS leased,
                (SELECT count(*)::int FROM slots s WHERE s.job_id = $1 AND s.status = 'leased' AND NOT EXISTS (
                   SELECT 1 FROM assignments g WHERE g.item_id = s.item_id AND g.slot_no = s.slot_no AND g.status = 'active')) AS "leasedWithoutAssignment"`,
        [jobId, acknowledged],
      );
      // A claim committed just as the connection dropped answered 503: its slot stays leased until the
      // lease runs out (the expiry sweep returns it), so not every item is finished here.
      console.log(`after the cut: ${figures.answers}/${ITEMS * 3} answers, ${figures.leased} slots leased by claims whose answer was lost in the cut`);
      expect(figures).toMatchObject({
        answers: ITEMS * 3 - figures.leased,
        over: 0,
        lost: 0,
        leasedWithoutAssignment: 0,
      });
      if (figures.leased === 0)
        await waitFor(
          'job completed',
          async () => (await stack.query<{ status: string }>(`SELECT status FROM jobs WHERE id = $1`, [jobId]))[0].status === 'completed',
          30_000,
          250,
        );
      expect(await auditVerify(stack, adminToken)).toMatchObject({
        valid: true,
        firstInvalidSeq: null,
      });
    }));
});
