/** What must hold for a job after any fault: counted in Postgres, the source of truth. */
import type { FaultStack } from './stack';

export interface SlotFigures {
  items: number;
  /** Items whose slot count is not exactly the overlap. */
  wrongSlotCount: number;
  /** Items with two slots at the same vendor. */
  sameVendorTwice: number;
  unrouted: number;
}

export async function slotFigures(stack: FaultStack, jobId: string, overlap: number): Promise<SlotFigures> {
  const [row] = await stack.query<SlotFigures>(
    `SELECT count(*)::int AS items,
            count(*) FILTER (WHERE t.slots <> $2)::int AS "wrongSlotCount",
            count(*) FILTER (WHERE t.vendors <> t.routed)::int AS "sameVendorTwice",
            coalesce(sum(t.slots - t.routed), 0)::int AS unrouted
       FROM (SELECT i.id, count(s.slot_no) AS slots, count(s.vendor_org_id) AS routed, count(DISTINCT s.vendor_org_id) AS vendors
               FROM items i LEFT JOIN slots s ON s.item_id = i.id WHERE i.job_id = $1 AND NOT i.is_gold GROUP BY i.id) t`,
    [jobId, overlap],
  );
  return row;
}

export interface AnswerFigures {
  answers: number;
  /** Items with more answers than the overlap. */
  overOverlap: number;
  /** (annotator, item) pairs answered more than once. */
  duplicatePairs: number;
  /** Acknowledged answer ids (a 201 was sent) with no row. */
  lostAcknowledged: number;
  /** Answered slots without an answer, or answers whose slot is not answered. */
  slotMismatch: number;
}

export async function answerFigures(stack: FaultStack, jobId: string, overlap: number, acknowledged: string[]): Promise<AnswerFigures> {
  const [a] = await stack.query<Omit<AnswerFigures, 'lostAcknowledged'>>(
    `SELECT (SELECT count(*)::int FROM answers WHERE job_id = $1 AND NOT is_gold) AS answers,
            (SELECT count(*)::int FROM (SELECT item_id FROM answers WHERE job_id = $1 AND NOT is_gold GROUP BY item_id HAVING count(*) > $2) d) AS "overOverlap",
            (SELECT count(*)::int FROM (SELECT 1 FROM answers WHERE job_id = $1 GROUP BY annotator_id, item_id HAVING count(*) > 1) d) AS "duplicatePairs",
            (SELECT count(*)::int FROM slots s WHERE s.job_id = $1 AND (s.status = 'answered') <> EXISTS (
               SELECT 1 FROM answers x JOIN assignments g ON g.id = x.assignment_id WHERE g.item_id = s.item_id AND g.slot_no = s.slot_no)) AS "slotMismatch"`,
    [jobId, overlap],
  );
  const [{ lost }] = await stack.query<{ lost: number }>(
    `SELECT count(*)::int AS lost FROM unnest($1::uuid[]) AS k(id) WHERE NOT EXISTS (SELECT 1 FROM answers x WHERE x.id = k.id)`,
    [[...new Set(acknowledged)]],
  );
  return { ...a, lostAcknowledged: lost };
}

export interface EffectFigures {
  itemResults: number;
  /** Items with more than one quality.aggregate outbox row. */
  aggregateEnqueuedTwice: number;
  /** Items with more than one item.completed webhook delivery (per webhook). */
  itemCompletedTwice: number;
  itemCompletedDeliveries: number;
  aggregatedItems: number;
  jobCompletedDeliveries: number;
  jobCompletedAuditEvents: number;
  /** The job's outbox rows (routing, aggregation, its webhook deliveries) not processed yet. */
  unprocessedOutbox: number;
  /** The job's outbox rows enqueued more than once (by the relay). */
  republishedOutbox: number;
}

export async function effectFigures(stack: FaultStack, jobId: string): Promise<EffectFigures> {
  const [row] = await stack.query<EffectFigures>(
    `WITH job_outbox AS (
       SELECT processed_at, attempts FROM outbox
        WHERE payload->>'jobId' = $2
           OR payload->>'itemId' IN (SELECT id::text FROM items WHERE job_id = $1)
           OR payload->>'deliveryId' IN (SELECT id::text FROM webhook_deliveries WHERE payload->>'jobId' = $2))
     SELECT (SELECT count(*)::int FROM item_results WHERE job_id = $1) AS "itemResults",
            (SELECT count(*) FILTER (WHERE status = 'aggregated')::int FROM item_results WHERE job_id = $1) AS "aggregatedItems",
            (SELECT count(*)::int FROM (SELECT payload->>'itemId' FROM outbox WHERE job_name = 'quality.aggregate'
               AND payload->>'itemId' IN (SELECT id::text FROM items WHERE job_id = $1) GROUP BY 1 HAVING count(*) > 1) d) AS "aggregateEnqueuedTwice",
            (SELECT count(*)::int FROM (SELECT 1 FROM webhook_deliveries WHERE event = 'item.completed' AND payload->>'jobId' = $2
               GROUP BY webhook_id, payload->>'itemId' HAVING count(*) > 1) d) AS "itemCompletedTwice",
            (SELECT count(*)::int FROM webhook_deliveries WHERE event = 'item.completed' AND payload->>'jobId' = $2) AS "itemCompletedDeliveries",
            (SELECT count(*)::int FROM webhook_deliveries WHERE event = 'job.completed' AND payload->>'jobId' = $2) AS "jobCompletedDeliveries",
            (SELECT count(*)::int FROM audit_events WHERE type = 'job.completed' AND subject = 'job:' || $2) AS "jobCompletedAuditEvents",
            (SELECT count(*) FILTER (WHERE processed_at IS NULL)::int FROM job_outbox) AS "unprocessedOutbox",
            (SELECT count(*) FILTER (WHERE attempts > 1)::int FROM job_outbox) AS "republishedOutbox"`,
    [jobId, jobId],
  );
  return row;
}

export async function jobStatus(stack: FaultStack, jobId: string): Promise<string> {
  const [row] = await stack.query<{ status: string }>(`SELECT status FROM jobs WHERE id = $1`, [jobId]);
  return row.status;
}
