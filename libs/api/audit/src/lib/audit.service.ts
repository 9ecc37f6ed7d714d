import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDIT_GENESIS_HASH,
  AuditActor,
  AuditCheckpointVerifyRequest,
  AuditCheckpointVerifyResponse,
  AuditCheckpointView,
  AuditEventView,
  AuditVerifyResponse,
  Page,
} from '@quorum/contracts';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { pageLimit } from '@quorum/api/database';
import { conflict, validationFailed } from '@quorum/api/errors';
import { appendFile } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { auditHash, ChainVerifier, CheckpointBody, checkpointKeyId, checkpointSignatureValid, signCheckpoint } from './audit-chain';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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

  /** Recomputes the whole chain in seq order; names the first bad event, then checks it against the signed checkpoints. */
  async verify(): Promise<AuditVerifyResponse> {
    const walk = await this.walk({ seq: 0, hash: AUDIT_GENESIS_HASH });
    const checkedAt = new Date().toISOString();
    const length = await this.length();
    const checkpoints = await this.signedCheckpoints('ASC');
    const latest = checkpoints[checkpoints.length - 1];
    if (walk.firstInvalidSeq !== null) {
      return { valid: false, length, headHash: await this.headHash(), firstInvalidSeq: walk.firstInvalidSeq, checkedAt, checkpoint: checkpointState(latest, null) };
    }
    const disagreement = checkpointDisagreement(checkpoints, walk.headSeq);
    return {
      valid: disagreement === null,
      length,
      headHash: walk.headHash,
      firstInvalidSeq: disagreement,
      checkedAt,
      checkpoint: checkpointState(latest, disagreement),
    };
  }

  /** Verifies the whole chain and signs its head. Refuses to sign a broken chain. */
  async createCheckpoint(): Promise<AuditCheckpointView> {
    return (await this.signHead(false)) as AuditCheckpointView;
  }

  /**
   * The scheduled variant: verifies only the events after the newest checkpoint that still agrees
   * (the hourly full verify covers the rest), and signs nothing when no event was appended.
   */
  createCheckpointIfMoved(): Promise<AuditCheckpointView | null> {
    return this.signHead(true);
  }

  private async signHead(incremental: boolean): Promise<AuditCheckpointView | null> {
    const latest = (await this.signedCheckpoints('DESC', 1))[0];
    let from = { seq: 0, hash: AUDIT_GENESIS_HASH };
    if (incremental && latest && agrees(latest)) from = { seq: latest.seq, hash: latest.headHash };
    const walk = await this.walk(from);
    if (walk.firstInvalidSeq !== null) throw conflict(`The audit chain is broken at event ${walk.firstInvalidSeq}; no checkpoint was signed`);
    // A chain that recomputes but contradicts an earlier checkpoint was rewritten: signing it would launder that.
    const disagreement = from.seq === 0 ? checkpointDisagreement(await this.signedCheckpoints('ASC'), walk.headSeq) : null;
    if (disagreement !== null) throw conflict(`The audit chain disagrees with a signed checkpoint from event ${disagreement} on; no checkpoint was signed`);
    if (incremental && latest && latest.seq === walk.headSeq && latest.headHash === walk.headHash) return null;
    const body: CheckpointBody = { seq: walk.headSeq, headHash: walk.headHash, at: new Date().toISOString() };
    const checkpoint: AuditCheckpointView = { ...body, keyId: checkpointKeyId(this.config.auditCheckpointKey), signature: signCheckpoint(this.config.auditCheckpointKey, body) };
    await this.dataSource.query('INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5)', [
      checkpoint.seq,
      checkpoint.headHash,
      checkpoint.at,
      checkpoint.keyId,
      checkpoint.signature,
    ]);
    if (this.config.auditCheckpointFile) {
      // A second store the database operator does not control (point it at write-once storage).
      await appendFile(this.config.auditCheckpointFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o640 });
    }
    return checkpoint;
  }

  async listCheckpoints(query: { cursor?: string; limit?: string }): Promise<Page<AuditCheckpointView>> {
    const limit = pageLimit(query.limit);
    let before: number | null = null;
    if (query.cursor) {
      before = Number(query.cursor);
      if (!Number.isInteger(before) || before < 1) throw validationFailed([{ path: 'cursor', message: 'cursor must be a checkpoint id' }]);
    }
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT id, seq, head_hash AS "headHash", at, key_id AS "keyId", signature FROM audit_checkpoints
        WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
      [before, limit + 1],
    );
    const items = rows.slice(0, limit);
    return { items: items.map(toCheckpointView), nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  /** Checks a checkpoint someone kept against the chain as it is now. */
  async verifyCheckpoint(kept: AuditCheckpointVerifyRequest): Promise<AuditCheckpointVerifyResponse> {
    const signatureValid = checkpointSignatureValid(this.config.auditCheckpointKey, kept, kept.signature);
    const walk = await this.walk({ seq: 0, hash: AUDIT_GENESIS_HASH }, kept.seq);
    const truncated = walk.firstInvalidSeq === null && walk.headSeq < kept.seq;
    const headMatches = walk.firstInvalidSeq === null && walk.headSeq === kept.seq && walk.headHash === kept.headHash;
    let firstInvalidSeq = walk.firstInvalidSeq;
    if (firstInvalidSeq === null && truncated) firstInvalidSeq = walk.headSeq + 1;
    // The chain recomputes but ends elsewhere: it was rewritten at or before the checkpoint.
    else if (firstInvalidSeq === null && !headMatches) firstInvalidSeq = kept.seq;
    return { valid: signatureValid && headMatches && firstInvalidSeq === null, signatureValid, truncated, headMatches, length: await this.length(), firstInvalidSeq, checkedAt: new Date().toISOString() };
  }

  /** Walks events after `from` (up to `toSeq`) in batches. */
  private async walk(from: { seq: number; hash: string }, toSeq?: number): Promise<ChainVerifier> {
    const verifier = new ChainVerifier(from.hash, from.seq + 1);
    const repo = this.dataSource.getRepository(AuditEventEntity);
    let lastSeq = from.seq;
    for (;;) {
      const qb = repo.createQueryBuilder('e').where('e.seq > :after', { after: lastSeq }).orderBy('e.seq', 'ASC').limit(VERIFY_BATCH);
      if (toSeq !== undefined) qb.andWhere('e.seq <= :toSeq', { toSeq });
      const batch = await qb.getMany();
      if (verifier.feed(batch) !== null || batch.length < VERIFY_BATCH) return verifier;
      lastSeq = batch[batch.length - 1].seq;
    }
  }

  /** Stored checkpoints whose signature is genuine under the current key, with the hash their event has now. */
  private async signedCheckpoints(order: 'ASC' | 'DESC', limit?: number): Promise<StoredCheckpoint[]> {
    const keyId = checkpointKeyId(this.config.auditCheckpointKey);
    const rows: StoredCheckpoint[] = await this.dataSource.query(
      `SELECT c.id, c.seq, c.head_hash AS "headHash", c.at, c.key_id AS "keyId", c.signature, e.hash AS "eventHash"
         FROM audit_checkpoints c LEFT JOIN audit_events e ON e.seq = c.seq
        WHERE c.key_id = $1 ORDER BY c.seq ${order}, c.id ${order}${limit ? ` LIMIT ${Number(limit)}` : ''}`,
      [keyId],
    );
    return rows
      .map((row) => ({ ...row, seq: Number(row.seq), id: Number(row.id) }))
      .filter((row) => checkpointSignatureValid(this.config.auditCheckpointKey, { seq: row.seq, headHash: row.headHash, at: row.at.toISOString() }, row.signature));
  }

  private async length(): Promise<number> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::bigint AS n FROM audit_events');
    return Number(n);
  }

  private async headHash(): Promise<string> {
    const head: { hash: string }[] = await this.dataSource.query('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    return head[0]?.hash ?? AUDIT_GENESIS_HASH;
  }
}

interface CheckpointRow {
  id: number;
  seq: number;
  headHash: string;
  at: Date;
  keyId: string;
  signature: string;
}

type StoredCheckpoint = CheckpointRow & { eventHash: string | null };

/** The chain still has the checkpointed hash at its seq (seq 0 is the empty chain). */
function agrees(checkpoint: StoredCheckpoint): boolean {
  return checkpoint.eventHash === checkpoint.headHash || (checkpoint.seq === 0 && checkpoint.headHash === AUDIT_GENESIS_HASH);
}

/**
 * With a chain that recomputes up to `headSeq`: the first event no longer vouched for by the
 * genuine checkpoints (in seq order), or null when every one of them agrees. A checkpoint beyond the
 * head means the newest events were removed; a different hash at its seq means the chain was
 * rewritten after the last checkpoint that still agrees.
 */
function checkpointDisagreement(checkpoints: StoredCheckpoint[], headSeq: number): number | null {
  let lastAgreeing = 0;
  for (const checkpoint of checkpoints) {
    if (checkpoint.seq > headSeq) return headSeq + 1;
    if (!agrees(checkpoint)) return lastAgreeing + 1;
    lastAgreeing = checkpoint.seq;
  }
  return null;
}

function checkpointState(latest: StoredCheckpoint | undefined, disagreement: number | null): AuditVerifyResponse['checkpoint'] {
  if (!latest) return null;
  return { seq: latest.seq, at: latest.at.toISOString(), consistent: agrees(latest) && (disagreement === null || disagreement > latest.seq) };
}

function toCheckpointView(row: CheckpointRow): AuditCheckpointView {
  return { seq: Number(row.seq), headHash: row.headHash, at: row.at.toISOString(), keyId: row.keyId, signature: row.signature };
}

function toView(e: Pick<AuditEventEntity, 'seq' | 'at' | 'actor' | 'type' | 'subject' | 'data' | 'prevHash' | 'hash'>): AuditEventView {
  return { seq: e.seq, at: e.at.toISOString(), actor: e.actor, type: e.type, subject: e.subject, data: e.data, prevHash: e.prevHash, hash: e.hash };
}
