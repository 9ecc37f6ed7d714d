import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EntityIdentifier, EntityKind } from '@quorum/contracts';

/**
 * A node of the ownership registry: a company, fund, state body, arrangement or person. Every lab
 * and vendor organization has exactly one (org_id set).
 */
@Entity({ name: 'entities' })
@Index('ux_entities_org', ['orgId'], { unique: true, where: 'org_id IS NOT NULL' })
@Index('ix_entities_name', ['name'])
export class RegistryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: EntityKind;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  identifiers!: EntityIdentifier[];

  /** Normalised identifier keys ("SCHEME:ID") for entity resolution; see resolvePartyKey. */
  @Column({ name: 'identifier_keys', type: 'text', array: true, default: () => "'{}'" })
  identifierKeys!: string[];

  @Column({ name: 'org_id', type: 'uuid', nullable: true })
  orgId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
