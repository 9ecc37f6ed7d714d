import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditCheckpoints1764350000000 implements MigrationInterface {
  name = 'AuditCheckpoints1764350000000';

  async up(q: QueryRunner): Promise<void> {
    // Signed heads of the audit chain; append-only like the chain itself.
    await q.query(`CREATE TABLE audit_checkpoints (
      id bigserial PRIMARY KEY,
      seq bigint NOT NULL CHECK (seq >= 0),
      head_hash char(64) NOT NULL,
      at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature char(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_audit_checkpoints_seq ON audit_checkpoints (seq DESC, id DESC)`);
    await q.query(`CREATE TRIGGER tr_audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`CREATE TRIGGER tr_audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    // One writer order: two events can never link to the same predecessor (no fork).
    await q.query(`CREATE UNIQUE INDEX ux_audit_events_prev_hash ON audit_events (prev_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_audit_events_prev_hash`);
    await q.query(`DROP TABLE audit_checkpoints`);
  }
}
