export interface AuditActor {
  userId: string | null;
  orgId: string | null;
  roles: string[];
  /** Set for events written by the worker or the seed rather than a user. */
  system?: string;
  requestId?: string;
  ip?: string;
}

export interface AuditEventView {
  seq: number;
  at: string;
  actor: AuditActor;
  type: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditVerifyResponse {
  valid: boolean;
  length: number;
  headHash: string;
  /**
   * The first event that cannot be vouched for: a broken link or hash, a gap, or — when the chain
   * recomputes but disagrees with a signed checkpoint — the first event after the last checkpoint
   * that still agrees.
   */
  firstInvalidSeq: number | null;
  checkedAt: string;
  /** The newest stored checkpoint and whether the chain still agrees with it. */
  checkpoint?: { seq: number; at: string; consistent: boolean } | null;
}

/**
 * A signed statement "the chain had `seq` events ending in `headHash` at `at`". Keep copies outside
 * Quorum: only a kept checkpoint can show that the newest events were removed.
 */
export interface AuditCheckpointView {
  seq: number;
  headHash: string;
  at: string;
  keyId: string;
  /** HMAC-SHA256 (hex) over `quorum-audit-checkpoint/v1\n{seq}\n{headHash}\n{at}`. */
  signature: string;
}

export interface AuditCheckpointVerifyRequest {
  seq: number;
  headHash: string;
  at: string;
  signature: string;
}

export interface AuditCheckpointVerifyResponse {
  /** Signature genuine, chain intact up to the checkpoint, and the checkpointed event unchanged. */
  valid: boolean;
  signatureValid: boolean;
  /** The chain is now shorter than the checkpoint says it was. */
  truncated: boolean;
  /** The event at `seq` still has the checkpointed hash. */
  headMatches: boolean;
  length: number;
  firstInvalidSeq: number | null;
  checkedAt: string;
}

/** The hash a chain starts from. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
