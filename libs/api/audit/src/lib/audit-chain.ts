import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditActor } from '@quorum/contracts';
import { canonicalJson } from '@quorum/util';

export interface ChainedFields {
  seq: number;
  at: Date;
  actor: AuditActor;
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

/** SHA-256 over the previous hash and the canonical encoding of the event's own fields. */
export function auditHash(prevHash: string, event: ChainedFields): string {
  const body = canonicalJson({
    seq: event.seq,
    at: event.at.toISOString(),
    actor: event.actor,
    type: event.type,
    subject: event.subject,
    data: event.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface ChainedEvent extends ChainedFields {
  prevHash: string;
  hash: string;
}

/**
 * Walks a chain in seq order, fed in batches. The first event whose seq is not the next one (a
 * deletion or reordering), whose link is not the previous hash, or whose own hash does not
 * recompute is the first bad event; nothing after it is trusted.
 */
export class ChainVerifier {
  private firstBad: number | null = null;
  private count = 0;

  constructor(
    private prevHash: string,
    private expectedSeq: number,
  ) {}

  /** Returns the first bad seq so far, or null while the chain holds. */
  feed(events: Iterable<ChainedEvent>): number | null {
    if (this.firstBad !== null) return this.firstBad;
    for (const event of events) {
      if (event.seq !== this.expectedSeq || event.prevHash !== this.prevHash || auditHash(this.prevHash, event) !== event.hash) {
        // Named by position: a missing or out-of-place event is reported at the seq that should be there.
        this.firstBad = this.expectedSeq;
        return this.firstBad;
      }
      this.prevHash = event.hash;
      this.expectedSeq += 1;
      this.count += 1;
    }
    return null;
  }

  get firstInvalidSeq(): number | null {
    return this.firstBad;
  }

  /** Hash of the last good event. */
  get headHash(): string {
    return this.prevHash;
  }

  /** Seq of the last good event (0 before the first). */
  get headSeq(): number {
    return this.expectedSeq - 1;
  }

  get verified(): number {
    return this.count;
  }
}

export interface CheckpointBody {
  seq: number;
  headHash: string;
  at: string;
}

/** Domain-separated so a checkpoint signature can never be replayed as any other HMAC of ours. */
function checkpointMessage(body: CheckpointBody): string {
  return `quorum-audit-checkpoint/v1\n${body.seq}\n${body.headHash}\n${body.at}`;
}

export function signCheckpoint(key: string, body: CheckpointBody): string {
  return createHmac('sha256', key).update(checkpointMessage(body)).digest('hex');
}

export function checkpointSignatureValid(key: string, body: CheckpointBody, signature: string): boolean {
  const expected = Buffer.from(signCheckpoint(key, body), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Names the key that signed a checkpoint (so keys can rotate) without revealing it. */
export function checkpointKeyId(key: string): string {
  return createHash('sha256').update('quorum-audit-checkpoint-key-id\n').update(key).digest('hex').slice(0, 16);
}
