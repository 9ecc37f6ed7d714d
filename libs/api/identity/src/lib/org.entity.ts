import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OrgKind } from '@quorum/contracts';

@Entity({ name: 'organizations' })
export class OrgEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrgKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
