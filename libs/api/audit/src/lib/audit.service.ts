import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUDIT_GENESIS_HASH, AuditActor, AuditEventView, AuditVerifyResponse, Page } from '@quorum/contracts';
import { pageLimit } from '@quorum/api/database';
import { validationFailed } from '@quorum/api/errors';
import { DataSource, EntityManager } from 'typeorm';
import { auditHash } from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';

/** Serialises appends so each event links to the one committed before it. */
const AUDIT_CHAIN_LOCK = 0x5155_4f52; // "QUOR"
const VERIFY_BATCH = 2000;

export interface AuditRecord {
  actor: AuditActor;
  type: string;
  subject: string;
  data?: Record<string, unknown>;
}

export const SYSTEM_ACTOR = (system: string): AuditActor => ({ userId: null, orgId: null, roles: [], system });

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends in the caller's transaction (the event commits or rolls back with the change it
   * records). The transaction-scoped advisory lock is held until that commit.
   */
  async append(manager: EntityManager, record: AuditRecord): Promise<AuditEventView> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AuditService.append needs a transaction');
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const head: { seq: string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    const seq = head.length ? Number(head[0].seq) + 1 : 1;
    const prevHash = head.length ? head[0].hash : AUDIT_GENESIS_HASH;
    // Millisecond precision: what JavaScript and JSON can carry, so the hash recomputes exactly.
    const at = new Date(Math.floor(Date.now()));
    const event = { seq, at, actor: record.actor, type: record.type, subject: record.subject, data: record.data ?? {} };
    const hash = auditHash(prevHash, event);
    // Raw insert: TypeORM's deep-partial typing cannot express a free-form jsonb record.
    await manager.query(
      'INSERT INTO audit_events (seq, at, actor, type, subject, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [seq, at, JSON.stringify(event.actor), event.type, event.subject, JSON.stringify(event.data), prevHash, hash],
    );
    return toView({ ...event, prevHash, hash });
  }

  /** Convenience for events that have no other write to ride on (e.g. a failed login). */
  appendStandalone(record: AuditRecord): Promise<AuditEventView> {
    return this.dataSource.transaction((manager) => this.append(manager, record));
  }

  async list(query: { subject?: string; type?: string; cursor?: string; limit?: string }): Promise<Page<AuditEventView>> {
    const limit = pageLimit(query.limit);
    let before: number | null = null;
    if (query.cursor) {
      before = Number(query.cursor);
      if (!Number.isInteger(before) || before < 1) throw validationFailed([{ path: 'cursor', message: 'cursor must be a sequence number' }]);
    }
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').orderBy('e.seq', 'DESC').limit(limit + 1);
    if (query.subject) qb.andWhere('e.subject = :subject', { subject: query.subject });
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (before !== null) qb.andWhere('e.seq < :before', { before });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].seq) : null };
  }

  /** Recomputes the whole chain in seq order; names the first event whose link or hash is wrong. */
  async verify(): Promise<AuditVerifyResponse> {
    const repo = this.dataSource.getRepository(AuditEventEntity);
    let prevHash = AUDIT_GENESIS_HASH;
    let expectedSeq = 1;
    let length = 0;
    let lastSeq = 0;
    for (;;) {
      const batch = await repo.createQueryBuilder('e').where('e.seq > :after', { after: lastSeq }).orderBy('e.seq', 'ASC').limit(VERIFY_BATCH).getMany();
      for (const event of batch) {
        length += 1;
        const broken = event.seq !== expectedSeq || event.prevHash !== prevHash || auditHash(prevHash, event) !== event.hash;
        if (broken) {
          return { valid: false, length: await repo.count(), headHash: await this.headHash(), firstInvalidSeq: event.seq, checkedAt: new Date().toISOString() };
        }
        prevHash = event.hash;
        expectedSeq += 1;
        lastSeq = event.seq;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    return { valid: true, length, headHash: prevHash, firstInvalidSeq: null, checkedAt: new Date().toISOString() };
  }

  private async headHash(): Promise<string> {
    const head: { hash: string }[] = await this.dataSource.query('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    return head[0]?.hash ?? AUDIT_GENESIS_HASH;
  }
}

function toView(e: Pick<AuditEventEntity, 'seq' | 'at' | 'actor' | 'type' | 'subject' | 'data' | 'prevHash' | 'hash'>): AuditEventView {
  return { seq: e.seq, at: e.at.toISOString(), actor: e.actor, type: e.type, subject: e.subject, data: e.data, prevHash: e.prevHash, hash: e.hash };
}
