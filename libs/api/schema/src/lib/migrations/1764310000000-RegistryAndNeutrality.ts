import { MigrationInterface, QueryRunner } from 'typeorm';
import { INTEREST_TYPES } from '@quorum/contracts';

export class RegistryAndNeutrality1764310000000 implements MigrationInterface {
  name = 'RegistryAndNeutrality1764310000000';

  async up(q: QueryRunner): Promise<void> {
    const types = INTEREST_TYPES.map((t) => `'${t}'`).join(',');
    // Normalised "SCHEME:ID" keys: entity resolution across BODS record ids (same company, two records).
    await q.query(`ALTER TABLE entities ADD COLUMN identifier_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE entities SET identifier_keys = ARRAY(SELECT upper(btrim(i->>'scheme')) || ':' || upper(regexp_replace(i->>'id', '\\s+', '', 'g')) FROM jsonb_array_elements(identifiers) i)`);
    await q.query(`CREATE INDEX ix_entities_identifier_keys ON entities USING gin (identifier_keys)`);

    // Interest statements are never deleted: they are ended (end_date) or superseded by a later
    // statement of the same BODS record (superseded_at), so any date can be asked about.
    await q.query(`CREATE TABLE interests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      interested_party_id uuid NOT NULL REFERENCES entities(id),
      subject_id uuid NOT NULL REFERENCES entities(id),
      type text NOT NULL CHECK (type IN (${types})),
      share jsonb,
      direct_or_indirect text NOT NULL DEFAULT 'direct' CHECK (direct_or_indirect IN ('direct', 'indirect', 'unknown')),
      start_date date,
      end_date date,
      details text,
      source jsonb NOT NULL,
      recorded_by uuid,
      bods_record_id text,
      bods_statement_id text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      ended_at timestamptz(3),
      superseded_at timestamptz(3),
      CONSTRAINT ck_interests_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
      CONSTRAINT ck_interests_not_self CHECK (interested_party_id <> subject_id)
    )`);
    await q.query(`CREATE INDEX ix_interests_subject ON interests (subject_id)`);
    await q.query(`CREATE INDEX ix_interests_party ON interests (interested_party_id)`);
    await q.query(`CREATE INDEX ix_interests_bods_record ON interests (bods_record_id) WHERE bods_record_id IS NOT NULL`);
    await q.query(`CREATE FUNCTION interests_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'interest statements are ended or superseded, never deleted'; END $$`);
    await q.query(`CREATE TRIGGER tr_interests_never_deleted BEFORE DELETE ON interests FOR EACH ROW EXECUTE FUNCTION interests_never_deleted()`);

    await q.query(`CREATE TABLE bods_records (
      record_id text PRIMARY KEY,
      record_type text NOT NULL CHECK (record_type IN ('entity', 'person', 'relationship')),
      entity_id uuid REFERENCES entities(id),
      closed boolean NOT NULL DEFAULT false,
      last_statement_id text NOT NULL,
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE bods_statements (
      statement_id text PRIMARY KEY,
      record_id text NOT NULL,
      record_type text NOT NULL,
      record_status text,
      statement_date date,
      raw jsonb NOT NULL,
      imported_at timestamptz(3) NOT NULL DEFAULT now(),
      imported_by uuid
    )`);
    await q.query(`CREATE INDEX ix_bods_statements_record ON bods_statements (record_id, statement_date)`);

    await q.query(`CREATE TABLE conflict_policies (
      lab_org_id uuid NOT NULL REFERENCES organizations(id),
      version int NOT NULL,
      policy jsonb NOT NULL,
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_by uuid,
      PRIMARY KEY (lab_org_id, version)
    )`);

    await q.query(`CREATE TABLE conflicts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      lab_org_id uuid NOT NULL REFERENCES organizations(id),
      vendor_org_id uuid NOT NULL REFERENCES organizations(id),
      competitor_entity_id uuid NOT NULL REFERENCES entities(id),
      rule text NOT NULL CHECK (rule IN ('economic', 'voting', 'control', 'board', 'agreement')),
      severity text NOT NULL CHECK (severity IN ('block', 'flag')),
      status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'waived', 'resolved')),
      evidence jsonb NOT NULL,
      detected_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      resolved_at timestamptz(3),
      acknowledged_by uuid,
      acknowledged_at timestamptz(3)
    )`);
    // At most one live conflict per finding: what makes re-evaluation idempotent.
    await q.query(`CREATE UNIQUE INDEX ux_conflicts_live ON conflicts (lab_org_id, vendor_org_id, rule, competitor_entity_id) WHERE status <> 'resolved'`);
    await q.query(`CREATE INDEX ix_conflicts_lab ON conflicts (lab_org_id, status, detected_at)`);
    await q.query(`CREATE INDEX ix_conflicts_vendor ON conflicts (vendor_org_id, status)`);

    await q.query(`CREATE TABLE waivers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      conflict_id uuid NOT NULL REFERENCES conflicts(id),
      justification text NOT NULL CHECK (length(btrim(justification)) > 0),
      expires_at timestamptz(3) NOT NULL,
      requested_by uuid NOT NULL,
      requested_at timestamptz(3) NOT NULL DEFAULT now(),
      approved_by uuid,
      approved_at timestamptz(3),
      revoked_at timestamptz(3),
      expired_at timestamptz(3),
      CONSTRAINT ck_waivers_four_eyes CHECK (approved_by IS NULL OR approved_by <> requested_by)
    )`);
    await q.query(`CREATE INDEX ix_waivers_conflict ON waivers (conflict_id, requested_at)`);
    await q.query(`CREATE INDEX ix_waivers_expiry ON waivers (expires_at) WHERE revoked_at IS NULL AND expired_at IS NULL`);

    // The current decision per (lab, vendor); a change is what routing acts on.
    await q.query(`CREATE TABLE neutrality_decisions (
      lab_org_id uuid NOT NULL REFERENCES organizations(id),
      vendor_org_id uuid NOT NULL REFERENCES organizations(id),
      status text NOT NULL CHECK (status IN ('clear', 'flagged', 'blocked')),
      evaluated_at timestamptz(3) NOT NULL,
      changed_at timestamptz(3) NOT NULL,
      PRIMARY KEY (lab_org_id, vendor_org_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE neutrality_decisions`);
    await q.query(`DROP TABLE waivers`);
    await q.query(`DROP TABLE conflicts`);
    await q.query(`DROP TABLE conflict_policies`);
    await q.query(`DROP TABLE bods_statements`);
    await q.query(`DROP TABLE bods_records`);
    await q.query(`DROP TABLE interests`);
    await q.query(`DROP FUNCTION interests_never_deleted()`);
    await q.query(`DROP INDEX ix_entities_identifier_keys`);
    await q.query(`ALTER TABLE entities DROP COLUMN identifier_keys`);
  }
}
