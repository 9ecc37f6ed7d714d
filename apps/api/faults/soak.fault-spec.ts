/**
 * A bounded soak against the built stack over HTTP: 200 simulated annotators across 8 vendors
 * (overlap 3) claim and submit for SOAK_SECONDS (default 60), with skips, abandoned claims and
 * retried submits (same Idempotency-Key, in sequence and in parallel). Alongside, on vendors of
 * their own, annotators abandon leases on a second job: under that load, the expired leases
 * return their slots, others are served them, and that job finishes with exact counts.
 */
import { addAnnotators, Annotator, auditVerify, call, claim, createJob, LABELS, Org, platformAdminToken, publish, registerOrg, registerVendor, submit, waitRouted } from './support/actors';
import { answerFigures, slotFigures } from './support/invariants';
import { CLEANUP_MS, FaultStack, sleep, waitFor } from './support/stack';

const SOAK_SECONDS = Number(process.env['SOAK_SECONDS'] ?? 60);
const VENDORS = 8;
const PER_VENDOR = 25;
const SOAK_ITEMS = Number(process.env['SOAK_ITEMS'] ?? 6000);
/** The lease job speaks a language only its own vendors cover, so the two jobs never share annotators. */
const LEASE_LANGUAGE = 'ay';
const LEASE_SECONDS = 30; // the smallest lease a job may set
const LEASE_ITEMS = 30;

interface Tally {
  requests: number;
  byRoute: Record<string, Record<number, number>>;
  transportErrors: string[];
  latencies: number[];
  acknowledged: string[];
  /** A retried submit answered with another answer id than the first. */
  replayMismatches: number;
  pairs: number;
  skips: number;
  abandoned: number;
}

function record(t: Tally, route: string, status: number, ms: number): void {
  t.requests += 1;
  t.latencies.push(ms);
  t.byRoute[route] ??= {};
  t.byRoute[route][status] = (t.byRoute[route][status] ?? 0) + 1;
}

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}

describe('soak: 200 concurrent annotators, with expired leases under the load', () => {
  let stack: FaultStack;
  let lab: Org;
  let soakAnnotators: Annotator[];
  let abandoners: Annotator[];
  let leaseWorkers: Annotator[];
  let adminToken: string;
  let soakJob: string;
  let leaseJob: string;

  beforeAll(async () => {
    stack = await FaultStack.start();
    lab = await registerOrg(stack, 'lab');
    const soakVendors = await Promise.all(Array.from({ length: VENDORS }, () => registerVendor(stack)));
    const leaseVendors = await Promise.all(Array.from({ length: 3 }, () => registerVendor(stack, [LEASE_LANGUAGE])));
    soakAnnotators = (await Promise.all(soakVendors.map((v) => addAnnotators(stack, v, PER_VENDOR, 3)))).flat();
    const leasePeople = await Promise.all(leaseVendors.map((v) => addAnnotators(stack, v, 6, 3)));
    abandoners = leasePeople.flatMap((p) => p.slice(0, 2));
    leaseWorkers = leasePeople.flatMap((p) => p.slice(2));
    adminToken = await platformAdminToken(stack);
    soakJob = await createJob(stack, lab, { items: SOAK_ITEMS, leaseSeconds: LEASE_SECONDS, title: 'soak' });
    leaseJob = await createJob(stack, lab, { items: LEASE_ITEMS, leaseSeconds: LEASE_SECONDS, title: 'leases', language: LEASE_LANGUAGE });
    await publish(stack, lab, soakJob);
    await publish(stack, lab, leaseJob);
    await waitRouted(stack, soakJob, SOAK_ITEMS, 3, 60_000);
    await waitRouted(stack, leaseJob, LEASE_ITEMS, 3, 60_000);
  }, 240_000);

  afterAll(async () => {
    await stack?.close();
  }, CLEANUP_MS);

  it(`holds every invariant for ${SOAK_SECONDS} s of load, and abandoned leases return their slots under it`, () =>
    stack.diagnosed(async () => {
      expect(soakAnnotators).toHaveLength(VENDORS * PER_VENDOR);
      const [soak, leases] = await Promise.all([runSoak(), runLeases()]);

      // Soak: nothing over-assigned, duplicated or lost; no 5xx and no dropped connection.
      const figures = await answerFigures(stack, soakJob, 3, soak.acknowledged);
      const count = (pick: (status: number) => boolean) =>
        Object.values(soak.byRoute).reduce((n, statuses) => n + Object.entries(statuses).filter(([s]) => pick(Number(s))).reduce((m, [, c]) => m + c, 0), 0);
      const fiveXX = count((s) => s >= 500 && s !== 503);
      const unavailable = count((s) => s === 503);
      const seconds = SOAK_SECONDS;
      console.log(
        [
          `soak: ${soakAnnotators.length} annotators, ${VENDORS} vendors, overlap 3, ${seconds} s`,
          `  requests ${soak.requests} (${Math.round(soak.requests / seconds)}/s), claim+submit pairs ${soak.pairs} (${(soak.pairs / seconds).toFixed(1)} pairs/s), skips ${soak.skips}, abandoned claims ${soak.abandoned}`,
          `  latency p50 ${percentile(soak.latencies, 50)} ms, p99 ${percentile(soak.latencies, 99)} ms, max ${percentile(soak.latencies, 100)} ms`,
          `  statuses by route ${JSON.stringify(soak.byRoute)}`,
          `  5xx other than 503: ${fiveXX}; 503 (pool wait over 3 s, retried by the client): ${unavailable} (${((100 * unavailable) / Math.max(soak.requests, 1)).toFixed(2)}% of requests)`,
          `  transport errors ${soak.transportErrors.length}, replay mismatches ${soak.replayMismatches}`,
          `  answers ${figures.answers}, items over overlap ${figures.overOverlap}, duplicate (annotator, item) answers ${figures.duplicatePairs}, acknowledged ${new Set(soak.acknowledged).size} / lost ${figures.lostAcknowledged}, slot/answer mismatches ${figures.slotMismatch}`,
          `leases: ${leases.expired} abandoned leases expired, their slots answered by others ${leases.reserved}, job ${leases.status} in ${leases.seconds} s`,
        ].join('\n'),
      );
      expect(soak.transportErrors).toEqual([]);
      expect(fiveXX).toBe(0);
      expect(soak.replayMismatches).toBe(0);
      expect(soak.pairs).toBeGreaterThan(0);
      expect(figures).toMatchObject({ overOverlap: 0, duplicatePairs: 0, lostAcknowledged: 0, slotMismatch: 0 });
      expect(figures.answers).toBe(new Set(soak.acknowledged).size);
      expect(await slotFigures(stack, soakJob, 3)).toMatchObject({ items: SOAK_ITEMS, wrongSlotCount: 0, sameVendorTwice: 0 });

      // Leases: every abandoned lease expired, its slot went to someone else, and the job finished exactly.
      expect(leases.expired).toBe(abandoners.length);
      expect(leases.reserved).toBe(abandoners.length);
      expect(leases.status).toBe('completed');
      expect(await answerFigures(stack, leaseJob, 3, leases.acknowledged)).toEqual({
        answers: LEASE_ITEMS * 3,
        overOverlap: 0,
        duplicatePairs: 0,
        lostAcknowledged: 0,
        slotMismatch: 0,
      });
      const [{ abandoned }] = await stack.query<{ abandoned: number }>(`SELECT coalesce(sum(abandoned), 0)::int AS abandoned FROM annotator_quality WHERE annotator_id = ANY($1::uuid[])`, [
        abandoners.map((a) => a.id),
      ]);
      expect(abandoned).toBe(abandoners.length);

      expect(await auditVerify(stack, adminToken)).toMatchObject({ valid: true, firstInvalidSeq: null });
    }));

  async function runSoak(): Promise<Tally> {
    const t: Tally = { requests: 0, byRoute: {}, transportErrors: [], latencies: [], acknowledged: [], replayMismatches: 0, pairs: 0, skips: 0, abandoned: 0 };
    const deadline = Date.now() + SOAK_SECONDS * 1000;
    // A 503 (the pool could not hand out a connection within its 3 s bound) is retried the way a
    // client would: the same request, the same Idempotency-Key. Every one is counted and reported.
    const guarded = async <T>(route: string, request: () => Promise<{ status: number; ms: number; body: T; contentType: string }>) => {
      for (;;) {
        try {
          const r = await request();
          record(t, route, r.status, r.ms);
          if (r.status === 503 && /problem\+json/.test(r.contentType) && Date.now() < deadline + 30_000) {
            await sleep(250);
            continue;
          }
          return r;
        } catch (error) {
          t.transportErrors.push(`${route}: ${(error as Error).message}`);
          return null;
        }
      }
    };
    const annotate = async (a: Annotator) => {
      while (Date.now() < deadline) {
        const c = await guarded('claim', () => claim(stack, a, soakJob));
        if (!c) continue;
        if (c.status === 204) {
          await sleep(200);
          continue;
        }
        if (c.status !== 200) continue;
        const id = c.body.assignmentId;
        const roll = Math.random();
        if (roll < 0.02) {
          // Walk away: the lease expires and the sweep returns the slot.
          t.abandoned += 1;
          continue;
        }
        if (roll < 0.07) {
          const s = await guarded('skip', () => call(stack.baseUrl, 'POST', `/tasks/${id}/skip`, { token: a.token }));
          if (s?.status === 200) t.skips += 1;
          continue;
        }
        const key = `soak-${id}`;
        const label = LABELS[Math.floor(Math.random() * LABELS.length)];
        let answerIds: (string | undefined)[];
        if (roll < 0.12) {
          // A double click: the same request twice at once.
          const both = await Promise.all([guarded('submit', () => submit(stack, a, id, key, label)), guarded('submit', () => submit(stack, a, id, key, label))]);
          answerIds = both.filter((r) => r?.status === 201).map((r) => (r?.body as { answerId: string }).answerId);
        } else if (roll < 0.2) {
          // A retry after a lost response: the same request again.
          const first = await guarded('submit', () => submit(stack, a, id, key, label));
          const again = await guarded('submit', () => submit(stack, a, id, key, label));
          answerIds = [first, again].filter((r) => r?.status === 201).map((r) => (r?.body as { answerId: string }).answerId);
        } else {
          const once = await guarded('submit', () => submit(stack, a, id, key, label));
          answerIds = once?.status === 201 ? [once.body.answerId] : [];
        }
        if (new Set(answerIds).size > 1) t.replayMismatches += 1;
        if (answerIds.length) {
          t.pairs += 1;
          t.acknowledged.push(...(answerIds as string[]));
        }
      }
    };
    await Promise.all(soakAnnotators.map(annotate));
    return t;
  }

  async function runLeases(): Promise<{ expired: number; reserved: number; status: string; seconds: number; acknowledged: string[] }> {
    const started = Date.now();
    // Each abandoner claims one task and never comes back.
    const retry503 = async <T extends { status: number }>(request: () => Promise<T>): Promise<T> => {
      for (;;) {
        const r = await request();
        if (r.status !== 503) return r;
        await sleep(250);
      }
    };
    for (const a of abandoners) expect((await retry503(() => claim(stack, a, leaseJob))).status).toBe(200);
    const acknowledged: string[] = [];
    const done = async () => (await stack.query<{ status: string }>(`SELECT status FROM jobs WHERE id = $1`, [leaseJob]))[0].status === 'completed';
    const deadline = started + (LEASE_SECONDS + 60) * 1000;
    await Promise.all(
      leaseWorkers.map(async (a) => {
        while (Date.now() < deadline) {
          const c = await retry503(() => claim(stack, a, leaseJob));
          if (c.status === 204) {
            if (await done()) return;
            await sleep(500);
            continue;
          }
          expect(c.status).toBe(200);
          const s = await retry503(() => submit(stack, a, c.body.assignmentId, c.body.assignmentId));
          expect(s.status).toBe(201);
          acknowledged.push(s.body.answerId);
        }
      }),
    );
    await waitFor('lease job completed', done, 30_000, 250).catch(() => undefined);
    const [row] = await stack.query<{ expired: number; reserved: number; status: string }>(
      `SELECT (SELECT count(*)::int FROM assignments g WHERE g.job_id = $1 AND g.status = 'expired' AND g.annotator_id = ANY($2::uuid[])) AS expired,
              (SELECT count(*)::int FROM assignments g WHERE g.job_id = $1 AND g.status = 'expired' AND g.annotator_id = ANY($2::uuid[])
                 AND EXISTS (SELECT 1 FROM assignments o JOIN answers x ON x.assignment_id = o.id
                              WHERE o.item_id = g.item_id AND o.slot_no = g.slot_no AND o.annotator_id <> g.annotator_id)) AS reserved,
              (SELECT status FROM jobs WHERE id = $1) AS status`,
      [leaseJob, abandoners.map((a) => a.id)],
    );
    return { ...row, seconds: Math.round((Date.now() - started) / 1000), acknowledged };
  }
});
