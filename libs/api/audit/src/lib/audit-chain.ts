import { createHash } from 'node:crypto';
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
