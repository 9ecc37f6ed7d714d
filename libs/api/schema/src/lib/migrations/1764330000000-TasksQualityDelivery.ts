import { MigrationInterface, QueryRunner } from 'typeorm';

export class TasksQualityDelivery1764330000000 implements MigrationInterface {
  name = 'TasksQualityDelivery1764330000000';

  async up(q: QueryRunner): Promise<void> {
    // A slot is open, leased to an annotator, or answered.
    await q.query(`ALTER TABLE slots DROP CONSTRAINT slots_status_check`);
    await q.query(`ALTER TABLE slots ADD CONSTRAINT slots_status_check CHECK (status IN ('open', 'leased', 'answered'))`);
    // The claim walks a vendor's open slots item by item (finishing items before starting new ones).
    await q.query(`CREATE INDEX ix_slots_claim ON slots (vendor_org_id, item_seq, slot_no) WHERE status = 'open'`);

    await q.query(`CREATE TABLE assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      job_id uuid NOT NULL,
      item_id uuid NOT NULL,
      slot_no smallint,
      annotator_id uuid NOT NULL,
      vendor_org_id uuid NOT NULL,
      is_gold boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'submitted', 'skipped', 'expired')),
      leased_at timestamptz(3) NOT NULL DEFAULT now(),
      expires_at timestamptz(3) NOT NULL,
      finished_at timestamptz(3),
      CONSTRAINT ck_assignments_slot CHECK (is_gold OR slot_no IS NOT NULL)
    )`);
    // An annotator never sees the same item twice, whatever became of the first assignment.
    await q.query(`CREATE UNIQUE INDEX ux_assignments_annotator_item ON assignments (annotator_id, item_id)`);
    await q.query(`CREATE INDEX ix_assignments_expiry ON assignments (expires_at) WHERE status = 'active'`);
    await q.query(`CREATE INDEX ix_assignments_job ON assignments (job_id, status)`);

    await q.query(`CREATE TABLE answers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assignment_id uuid NOT NULL,
      job_id uuid NOT NULL,
      item_id uuid NOT NULL,
      annotator_id uuid NOT NULL,
      vendor_org_id uuid NOT NULL,
      answer jsonb NOT NULL,
      time_spent_ms int NOT NULL CHECK (time_spent_ms >= 0),
      is_gold boolean NOT NULL DEFAULT false,
      gold_score numeric(6,5),
      price numeric(12,4) NOT NULL DEFAULT 0,
      vendor_neutrality text NOT NULL DEFAULT 'clear',
      idempotency_key text,
      request_hash char(64) NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    // One answer per assignment, even under racing submits; a retried key is recognised.
    await q.query(`CREATE UNIQUE INDEX ux_answers_assignment ON answers (assignment_id)`);
    await q.query(`CREATE UNIQUE INDEX ux_answers_idempotency ON answers (annotator_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX ix_answers_item ON answers (item_id) WHERE NOT is_gold`);
    await q.query(`CREATE INDEX ix_answers_job ON answers (job_id, created_at)`);
    await q.query(`CREATE INDEX ix_answers_annotator ON answers (annotator_id, created_at)`);
    await q.query(`CREATE INDEX ix_answers_vendor ON answers (vendor_org_id, created_at)`);

    await q.query(`CREATE TABLE item_results (
      item_id uuid PRIMARY KEY,
      job_id uuid NOT NULL,
      aggregate jsonb,
      confidence numeric(6,5) NOT NULL DEFAULT 0,
      agreement numeric(6,5) NOT NULL DEFAULT 0,
      answer_count int NOT NULL,
      status text NOT NULL CHECK (status IN ('aggregated', 'review', 'reviewed')),
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_item_results_job ON item_results (job_id, status)`);

    await q.query(`CREATE TABLE reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL UNIQUE,
      job_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'leased', 'done')),
      reviewer_id uuid,
      leased_until timestamptz(3),
      decision jsonb,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      decided_at timestamptz(3)
    )`);
    await q.query(`CREATE INDEX ix_reviews_open ON reviews (job_id, created_at) WHERE status <> 'done'`);

    await q.query(`CREATE TABLE annotator_quality (
      annotator_id uuid PRIMARY KEY,
      vendor_org_id uuid NOT NULL,
      gold_answers int NOT NULL DEFAULT 0,
      gold_score_sum numeric(12,5) NOT NULL DEFAULT 0,
      consensus_answers int NOT NULL DEFAULT 0,
      consensus_score_sum numeric(12,5) NOT NULL DEFAULT 0,
      abandoned int NOT NULL DEFAULT 0,
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_annotator_quality_vendor ON annotator_quality (vendor_org_id)`);

    await q.query(`CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      lab_org_id uuid NOT NULL REFERENCES organizations(id),
      url text NOT NULL,
      secret text NOT NULL,
      events text[] NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_webhooks_lab ON webhooks (lab_org_id) WHERE active`);
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks(id),
      event text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      last_status int,
      last_error text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      delivered_at timestamptz(3)
    )`);
    await q.query(`CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhooks`);
    await q.query(`DROP TABLE annotator_quality`);
    await q.query(`DROP TABLE reviews`);
    await q.query(`DROP TABLE item_results`);
    await q.query(`DROP TABLE answers`);
    await q.query(`DROP TABLE assignments`);
    await q.query(`DROP INDEX ix_slots_claim`);
    await q.query(`UPDATE slots SET status = 'open' WHERE status = 'leased'`);
    await q.query(`ALTER TABLE slots DROP CONSTRAINT slots_status_check`);
    await q.query(`ALTER TABLE slots ADD CONSTRAINT slots_status_check CHECK (status IN ('open', 'answered'))`);
  }
}
