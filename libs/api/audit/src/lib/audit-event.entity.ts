import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditActor } from '@quorum/contracts';

/** Append-only and hash-chained; a trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_subject', ['subject', 'seq'])
@Index('ix_audit_events_type', ['type', 'seq'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  actor!: AuditActor;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
