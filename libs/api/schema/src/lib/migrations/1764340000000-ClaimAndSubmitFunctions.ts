import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annotators' hot path as two functions, one round trip each: `claim_next` (lock, pick, gold
 * decision, slot lease, assignment, and what the task view needs) and `submit_answer` (re-check
 * under the assignment's lock, answer, slot, completion, outbox, gold quality). Answer validation
 * stays in TypeScript, before the call.
 *
 * The pick statements are copies of CLAIM_PICK_ANY_SQL, CLAIM_PICK_JOB_SQL and CLAIM_GOLD_SQL in
 * libs/api/tasks/src/lib/claim.sql.ts (frozen here: a migration never changes after it ships); the
 * claim-plan integration spec fails when the installed function and those constants differ.
 */
export class ClaimAndSubmitFunctions1764340000000 implements MigrationInterface {
  name = 'ClaimAndSubmitFunctions1764340000000';

  async up(q: QueryRunner): Promise<void> {
    // A job-scoped claim walks only that job's open slots (the vendor-wide index would walk every
    // older job's open slots first).
    await q.query(`CREATE INDEX ix_slots_claim_job ON slots (vendor_org_id, job_id, item_seq, slot_no) WHERE status = 'open'`);
    // Gold items of a job without scanning all of its items.
    await q.query(`CREATE INDEX ix_items_gold ON items (job_id) WHERE is_gold`);

    await q.query(`CREATE FUNCTION claim_next(p_annotator uuid, p_vendor uuid, p_job uuid)
RETURNS TABLE (assignment_id uuid, job_id uuid, item_id uuid, lease_expires_at timestamptz, job_title text, task_type text, task_schema jsonb, instructions text, item_data jsonb, is_gold boolean, gold_answer jsonb)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_item uuid;
  v_slot smallint;
  v_job uuid;
  v_gold_ratio float8;
  v_lease int;
  v_gold uuid;
  v_assignment uuid;
  v_expires timestamptz;
BEGIN
  -- One claim at a time per annotator: the pick then sees the previous claim's assignment (two tabs
  -- racing would otherwise pick the same item and hit the unique (annotator, item) index).
  PERFORM pg_advisory_xact_lock(hashtext('claim:' || $1::text));
  IF $3 IS NULL THEN
    SELECT s.item_id, s.slot_no, s.job_id
    FROM slots s
   WHERE s.vendor_org_id = $2 AND s.status = 'open'
     AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = s.job_id AND j.status IN ('published', 'in_progress') OFFSET 0)
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $1 AND a.item_id = s.item_id OFFSET 0)
   ORDER BY s.item_seq, s.slot_no
   LIMIT 1
   FOR UPDATE SKIP LOCKED
      INTO v_item, v_slot, v_job;
  ELSE
    PERFORM FROM jobs j WHERE j.id = $3 AND j.status IN ('published', 'in_progress');
    IF NOT FOUND THEN
      RETURN;
    END IF;
    SELECT s.item_id, s.slot_no, s.job_id
    FROM slots s
   WHERE s.vendor_org_id = $2 AND s.job_id = $3 AND s.status = 'open'
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $1 AND a.item_id = s.item_id OFFSET 0)
   ORDER BY s.item_seq, s.slot_no
   LIMIT 1
   FOR UPDATE SKIP LOCKED
      INTO v_item, v_slot, v_job;
  END IF;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT j.gold_ratio::float8, j.lease_seconds INTO v_gold_ratio, v_lease FROM jobs j WHERE j.id = v_job;
  -- Gold only where there is real work, at the job's ratio, shaped exactly like a real item.
  IF v_gold_ratio > 0 AND random() < v_gold_ratio THEN
    p_job := v_job;
    SELECT i.id
    FROM items i
   WHERE i.job_id = $3 AND i.is_gold
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $1 AND a.item_id = i.id OFFSET 0)
   ORDER BY random()
   LIMIT 1
      INTO v_gold;
  END IF;
  IF v_gold IS NOT NULL THEN
    v_item := v_gold;
    v_slot := NULL;
  ELSE
    UPDATE slots s SET status = 'leased' WHERE s.item_id = v_item AND s.slot_no = v_slot;
  END IF;
  INSERT INTO assignments AS a (job_id, item_id, slot_no, annotator_id, vendor_org_id, is_gold, expires_at)
  VALUES (v_job, v_item, v_slot, $1, $2, v_gold IS NOT NULL, now() + make_interval(secs => v_lease))
  RETURNING a.id, a.expires_at INTO v_assignment, v_expires;
  RETURN QUERY
    SELECT v_assignment, v_job, v_item, v_expires, j.title, j.task_type, j.schema, j.instructions, i.data, i.is_gold, i.gold_answer
      FROM jobs j, items i
     WHERE j.id = v_job AND i.id = v_item;
END
$fn$`);

    // Outcomes: 'replay' (answer_id and request_hash of the annotator's answer under this key),
    // 'ok' (answer_id; outbox_id when this answer completed item_id), 'missing' (no such assignment
    // for this annotator), 'submitted' (answer_id and request_hash of the answer already there),
    // 'skipped' / 'expired' (the assignment's status), 'lease_expired'.
    await q.query(`CREATE FUNCTION submit_answer(
  p_assignment uuid, p_annotator uuid, p_answer jsonb, p_time_spent_ms int, p_gold_score numeric,
  p_idempotency_key text, p_request_hash text, p_outbox_queue text, p_outbox_job text)
RETURNS TABLE (outcome text, answer_id uuid, request_hash text, outbox_id uuid, item_id uuid)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_a assignments%ROWTYPE;
  v_answer uuid;
  v_outbox uuid;
  v_remaining int;
BEGIN
  SELECT * INTO v_a FROM assignments a WHERE a.id = p_assignment FOR UPDATE;
  -- After the lock: a request with the same key that held it has committed and is seen here.
  IF p_idempotency_key IS NOT NULL THEN
    RETURN QUERY SELECT 'replay'::text, x.id, x.request_hash::text, NULL::uuid, NULL::uuid
      FROM answers x WHERE x.annotator_id = p_annotator AND x.idempotency_key = p_idempotency_key;
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;
  IF v_a.id IS NULL OR v_a.annotator_id <> p_annotator THEN
    RETURN QUERY SELECT 'missing'::text, NULL::uuid, NULL::text, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  IF v_a.status = 'submitted' THEN
    RETURN QUERY SELECT 'submitted'::text, x.id, x.request_hash::text, NULL::uuid, NULL::uuid FROM answers x WHERE x.assignment_id = p_assignment;
    RETURN;
  END IF;
  IF v_a.status <> 'active' THEN
    RETURN QUERY SELECT v_a.status, NULL::uuid, NULL::text, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  IF v_a.expires_at <= clock_timestamp() THEN
    RETURN QUERY SELECT 'lease_expired'::text, NULL::uuid, NULL::text, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;

  INSERT INTO answers AS x (assignment_id, job_id, item_id, annotator_id, vendor_org_id, answer, time_spent_ms, is_gold, gold_score, price, vendor_neutrality, idempotency_key, request_hash)
  SELECT v_a.id, v_a.job_id, v_a.item_id, v_a.annotator_id, v_a.vendor_org_id, p_answer, p_time_spent_ms, v_a.is_gold, p_gold_score,
         CASE WHEN v_a.is_gold THEN 0 ELSE j.price_per_answer END, coalesce(n.status, 'clear'), p_idempotency_key, p_request_hash
    FROM jobs j LEFT JOIN neutrality_decisions n ON n.lab_org_id = j.lab_org_id AND n.vendor_org_id = v_a.vendor_org_id
   WHERE j.id = v_a.job_id
  RETURNING x.id INTO v_answer;
  UPDATE assignments a SET status = 'submitted', finished_at = now() WHERE a.id = p_assignment;

  IF v_a.is_gold THEN
    IF p_gold_score IS NOT NULL THEN
      INSERT INTO annotator_quality AS q (annotator_id, vendor_org_id, gold_answers, gold_score_sum) VALUES (v_a.annotator_id, v_a.vendor_org_id, 1, p_gold_score)
      ON CONFLICT (annotator_id) DO UPDATE SET gold_answers = q.gold_answers + 1, gold_score_sum = q.gold_score_sum + p_gold_score, updated_at = now();
    END IF;
  ELSE
    -- Lock the item's slots before counting: two answers finishing the same item at once must not
    -- each see the other's slot as still open (then nobody would aggregate the item).
    SELECT count(*) FILTER (WHERE s.status <> 'answered' AND s.slot_no <> v_a.slot_no) INTO v_remaining
      FROM (SELECT s.slot_no, s.status FROM slots s WHERE s.item_id = v_a.item_id FOR UPDATE) s;
    UPDATE slots s SET status = 'answered', answered_at = now() WHERE s.item_id = v_a.item_id AND s.slot_no = v_a.slot_no;
    UPDATE jobs j SET status = 'in_progress', updated_at = now() WHERE j.id = v_a.job_id AND j.status = 'published';
    IF v_remaining = 0 THEN
      INSERT INTO outbox AS o (queue, job_name, payload) VALUES (p_outbox_queue, p_outbox_job, jsonb_build_object('itemId', v_a.item_id))
      RETURNING o.id INTO v_outbox;
    END IF;
  END IF;
  RETURN QUERY SELECT 'ok'::text, v_answer, p_request_hash, v_outbox, v_a.item_id;
END
$fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION submit_answer(uuid, uuid, jsonb, int, numeric, text, text, text, text)`);
    await q.query(`DROP FUNCTION claim_next(uuid, uuid, uuid)`);
    await q.query(`DROP INDEX ix_items_gold`);
    await q.query(`DROP INDEX ix_slots_claim_job`);
  }
}
