import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityIdentifier, EntityKind, EntityView } from '@quorum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { resolvePartyKey } from '../bods/party-key';
import { RegistryEntity } from './registry-entity.entity';

export function toEntityView(e: RegistryEntity): EntityView {
  return { id: e.id, name: e.name, kind: e.kind, identifiers: e.identifiers, orgId: e.orgId, createdAt: e.createdAt.toISOString() };
}

@Injectable()
export class EntitiesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The registry node of a new organization, written in the organization's own transaction. */
  async createForOrg(manager: EntityManager, org: { id: string; name: string }): Promise<RegistryEntity> {
    const identifiers: EntityIdentifier[] = [{ scheme: 'quorum-org', id: org.id }];
    const entity = manager.create(RegistryEntity, {
      name: org.name,
      kind: 'company' as EntityKind,
      identifiers,
      identifierKeys: resolvePartyKey({ identifiers }),
      orgId: org.id,
    });
    return manager.save(entity);
  }

  findByOrg(orgId: string, manager: EntityManager = this.dataSource.manager): Promise<RegistryEntity | null> {
    return manager.findOneBy(RegistryEntity, { orgId });
  }
}
