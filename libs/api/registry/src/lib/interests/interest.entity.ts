import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BodsShare, DirectOrIndirect, InterestSource, InterestType } from '@quorum/contracts';

/** An interest statement `interestedParty → subject`, BODS-typed. Ended or superseded, never deleted. */
@Entity({ name: 'interests' })
export class InterestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'interested_party_id', type: 'uuid' })
  interestedPartyId!: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'text' })
  type!: InterestType;

  @Column({ type: 'jsonb', nullable: true })
  share!: BodsShare | null;

  @Column({ name: 'direct_or_indirect', type: 'text', default: 'direct' })
  directOrIndirect!: DirectOrIndirect;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ type: 'jsonb' })
  source!: InterestSource;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'bods_record_id', type: 'text', nullable: true })
  bodsRecordId!: string | null;

  @Column({ name: 'bods_statement_id', type: 'text', nullable: true })
  bodsStatementId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', precision: 3, nullable: true })
  supersededAt!: Date | null;
}
