import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organizations (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 160),
      kind text NOT NULL CHECK (kind IN ('lab', 'vendor', 'platform')),
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_organizations_name ON organizations (lower(name))`);

    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email)),
      password_hash text NOT NULL,
      display_name text NOT NULL,
      org_id uuid NOT NULL REFERENCES organizations(id),
      roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['lab_admin','lab_member','vendor_admin','annotator','reviewer','platform_admin','auditor']),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      last_login_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_users_email ON users (email)`);
    await q.query(`CREATE INDEX ix_users_org ON users (org_id, created_at, id)`);

    await q.query(`CREATE TABLE entities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('company', 'fund', 'person', 'state', 'arrangement')),
      identifiers jsonb NOT NULL DEFAULT '[]'::jsonb,
      org_id uuid REFERENCES organizations(id),
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_entities_org ON entities (org_id) WHERE org_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_entities_name ON entities (name)`);

    await q.query(`CREATE TABLE audit_events (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      actor jsonb NOT NULL,
      type text NOT NULL,
      subject text NOT NULL,
      data jsonb NOT NULL,
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_audit_events_subject ON audit_events (subject, seq)`);
    await q.query(`CREATE INDEX ix_audit_events_type ON audit_events (type, seq)`);
    await q.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`CREATE TRIGGER tr_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      queue text NOT NULL,
      job_name text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      published_at timestamptz,
      processed_at timestamptz,
      attempts int NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX ix_outbox_pending ON outbox (created_at) WHERE processed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE entities`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organizations`);
  }
}
