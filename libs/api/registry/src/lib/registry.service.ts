import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditActor, EffectiveOwnerView, EntityView, InterestView, Page, ProblemFieldError } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import type { Principal, RequestMeta } from '@quorum/api/auth';
import { decodeCursor, encodeCursor, pageLimit } from '@quorum/api/database';
import { conflict, isUuid, notFound, validationFailed } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { DataSource, EntityManager } from 'typeorm';
import { resolvePartyKey } from './bods/party-key';
import { validateShare } from './bods/bods-share';
import { RegistryEntity } from './entities/registry-entity.entity';
import { toEntityView } from './entities/entities.service';
import { InterestEntity } from './interests/interest.entity';
import type { CreateEntityDto, RecordInterestDto } from './interests/registry.dto';
import { effectiveOwners, OwnershipGraph, OwnershipNode, OwnershipStatement } from './ownership';
import { canReadEntity } from './registry-access';

export const today = (): string => new Date().toISOString().slice(0, 10);

export function actorOf(principal: Principal, ctx?: RequestMeta): AuditActor {
  return { userId: principal.userId, orgId: principal.orgId, roles: principal.roles, requestId: ctx?.requestId, ip: ctx?.ip };
}

export function toInterestView(i: InterestEntity): InterestView {
  return {
    id: i.id,
    interestedPartyId: i.interestedPartyId,
    subjectId: i.subjectId,
    type: i.type,
    share: i.share,
    directOrIndirect: i.directOrIndirect,
    startDate: i.startDate,
    endDate: i.endDate,
    details: i.details,
    source: { ...i.source, recordedBy: i.recordedBy },
    createdAt: i.createdAt.toISOString(),
  };
}

function assertDate(value: string | undefined, path: string, errors: ProblemFieldError[]): void {
  if (value === undefined) return;
  // A real calendar day: Date.parse rolls 2025-02-30 over to March, Postgres refuses it (a 500 before).
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) errors.push({ path, message: `${path} must be a date (YYYY-MM-DD)` });
}

@Injectable()
export class RegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async createEntity(principal: Principal, dto: CreateEntityDto, ctx: RequestMeta): Promise<EntityView> {
    const identifiers = dto.identifiers ?? [];
    const entity = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(RegistryEntity, { name: dto.name, kind: dto.kind, identifiers, identifierKeys: resolvePartyKey({ identifiers }), orgId: null }),
      );
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'entity.created', subject: `entity:${created.id}`, data: { name: created.name, kind: created.kind, identifiers } });
      return created;
    });
    return toEntityView(entity);
  }

  async listEntities(query: { q?: string; kind?: string; cursor?: string; limit?: string }): Promise<Page<EntityView>> {
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    const qb = this.dataSource.getRepository(RegistryEntity).createQueryBuilder('e').orderBy('e.created_at', 'ASC').addOrderBy('e.id', 'ASC').limit(limit + 1);
    if (query.q) qb.andWhere('e.name ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (cursor) qb.andWhere('(e.created_at, e.id) > (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toEntityView), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null };
  }

  /** The entity if the caller may see it; otherwise the same 404 as a missing one. */
  async getEntityFor(principal: Principal, id: string): Promise<EntityView> {
    const [row] = await this.dataSource.query(
      `SELECT e.id, o.kind AS "orgKind" FROM entities e LEFT JOIN organizations o ON o.id = e.org_id WHERE e.id = $1`,
      [id],
    );
    const entity = row ? await this.dataSource.getRepository(RegistryEntity).findOneBy({ id }) : null;
    if (!entity || !canReadEntity(principal, { orgId: entity.orgId, orgKind: row.orgKind })) throw notFound('Entity');
    return toEntityView(entity);
  }

  async recordInterest(principal: Principal, dto: RecordInterestDto, ctx: RequestMeta): Promise<InterestView> {
    const errors: ProblemFieldError[] = [];
    if (dto.share !== undefined) errors.push(...validateShare(dto.share, 'share'));
    assertDate(dto.startDate, 'startDate', errors);
    assertDate(dto.endDate, 'endDate', errors);
    if (dto.startDate && dto.endDate && dto.endDate < dto.startDate) errors.push({ path: 'endDate', message: 'endDate must not be before startDate' });
    if (dto.interestedPartyId === dto.subjectId) errors.push({ path: 'subjectId', message: 'an entity cannot hold an interest in itself' });
    const found: { id: string }[] = await this.dataSource.query('SELECT id FROM entities WHERE id = ANY($1::uuid[])', [[dto.interestedPartyId, dto.subjectId]]);
    const known = new Set(found.map((r) => r.id));
    if (!known.has(dto.interestedPartyId)) errors.push({ path: 'interestedPartyId', message: 'no entity with this id' });
    if (!known.has(dto.subjectId)) errors.push({ path: 'subjectId', message: 'no entity with this id' });
    if (errors.length) throw validationFailed(errors);

    const { interest, outboxId } = await this.dataSource.transaction(async (manager) => {
      const interest = await manager.save(
        manager.create(InterestEntity, {
          interestedPartyId: dto.interestedPartyId,
          subjectId: dto.subjectId,
          type: dto.type,
          share: dto.share ?? null,
          directOrIndirect: dto.directOrIndirect ?? 'direct',
          startDate: dto.startDate ?? null,
          endDate: dto.endDate ?? null,
          details: dto.details ?? null,
          source: { description: dto.source.description, ...(dto.source.url ? { url: dto.source.url } : {}) },
          recordedBy: principal.userId,
        }),
      );
      const event = await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'interest.recorded', subject: `interest:${interest.id}`, data: { ...toInterestView(interest), createdAt: undefined } });
      const outboxId = await this.outbox.add(manager, 'registry.changed', { reason: 'interest.recorded', entityIds: [interest.interestedPartyId, interest.subjectId], auditSeq: event.seq });
      return { interest, outboxId };
    });
    await this.outbox.publish([outboxId]);
    return toInterestView(interest);
  }

  async endInterest(principal: Principal, id: string, endDate: string, ctx: RequestMeta): Promise<InterestView> {
    const { interest, outboxId } = await this.dataSource.transaction(async (manager) => {
      const interest = await manager.getRepository(InterestEntity).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id }).getOne();
      if (!interest) throw notFound('Interest');
      if (interest.endDate) throw conflict(`This interest already ended on ${interest.endDate}`);
      if (interest.startDate && endDate < interest.startDate) throw validationFailed([{ path: 'endDate', message: `endDate must not be before the interest's startDate (${interest.startDate})` }]);
      interest.endDate = endDate;
      interest.endedAt = new Date();
      await manager.save(interest);
      const event = await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'interest.ended', subject: `interest:${interest.id}`, data: { endDate } });
      const outboxId = await this.outbox.add(manager, 'registry.changed', { reason: 'interest.ended', entityIds: [interest.interestedPartyId, interest.subjectId], auditSeq: event.seq });
      return { interest, outboxId };
    });
    await this.outbox.publish([outboxId]);
    return toInterestView(interest);
  }

  async listInterests(principal: Principal, query: { entityId?: string; asOf?: string; includeEnded?: boolean }): Promise<InterestView[]> {
    const errors: ProblemFieldError[] = [];
    if (query.entityId !== undefined && !isUuid(query.entityId)) errors.push({ path: 'entityId', message: 'entityId must be a UUID' });
    assertDate(query.asOf, 'asOf', errors);
    if (errors.length) throw validationFailed(errors);
    if (query.entityId) await this.getEntityFor(principal, query.entityId);
    const qb = this.dataSource.getRepository(InterestEntity).createQueryBuilder('i').where('i.superseded_at IS NULL').orderBy('i.created_at', 'ASC').limit(5000);
    if (query.entityId) qb.andWhere('(i.subject_id = :e OR i.interested_party_id = :e)', { e: query.entityId });
    if (query.asOf) {
      qb.andWhere('(i.start_date IS NULL OR i.start_date <= :asOf) AND (i.end_date IS NULL OR i.end_date > :asOf)', { asOf: query.asOf });
    } else if (!query.includeEnded) {
      qb.andWhere('(i.end_date IS NULL OR i.end_date > CURRENT_DATE)');
    }
    return (await qb.getMany()).map(toInterestView);
  }

  /** The whole registry as it stood on `asOf` (valid time), ready for the ownership computation. */
  async loadGraph(asOf: string, manager: EntityManager = this.dataSource.manager): Promise<OwnershipGraph> {
    const nodes: OwnershipNode[] = await manager.query('SELECT id, name, kind FROM entities');
    const statements: OwnershipStatement[] = await manager.query(
      `SELECT id, interested_party_id AS "interestedPartyId", subject_id AS "subjectId", type, share,
              to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate",
              details, direct_or_indirect AS "directOrIndirect"
         FROM interests
        WHERE (start_date IS NULL OR start_date <= $1) AND (end_date IS NULL OR end_date > $1)`,
      [asOf],
    );
    return OwnershipGraph.build(nodes, statements, asOf);
  }

  async effectiveOwnersFor(principal: Principal, entityId: string, asOf?: string): Promise<{ items: EffectiveOwnerView[]; asOf: string }> {
    if (asOf !== undefined) {
      const errors: ProblemFieldError[] = [];
      assertDate(asOf, 'asOf', errors);
      if (errors.length) throw validationFailed(errors);
    }
    await this.getEntityFor(principal, entityId);
    const date = asOf ?? today();
    const graph = await this.loadGraph(date);
    return { items: effectiveOwners(graph, entityId), asOf: date };
  }
}
