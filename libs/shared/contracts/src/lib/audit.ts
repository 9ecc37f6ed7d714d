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
  firstInvalidSeq: number | null;
  checkedAt: string;
}

/** The hash a chain starts from. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
