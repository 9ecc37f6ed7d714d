import { Injectable, inject, signal } from '@angular/core';
import type {
  AuditCheckpointVerifyRequest,
  AuditCheckpointVerifyResponse,
  AuditCheckpointView,
  AuditEventView,
  AuditVerifyResponse,
} from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type AuditQuery, AuditApi } from './audit.api';
import { PagedList } from './paged-list';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_CHECKPOINT_PAGE_SIZE = 20;

/**
 * The audit trail, newest first, the verification of its hash chain, its signed checkpoints, and
 * the check of a checkpoint the auditor kept outside Quorum.
 */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);
  private readonly list = new PagedList<AuditEventView, AuditQuery>(
    (query, cursor) =>
      this.api.list({ ...query, cursor, limit: AUDIT_PAGE_SIZE }),
    (e) => String(e.seq),
  );
  private readonly checkpointList = new PagedList<
    AuditCheckpointView,
    Record<string, never>
  >(
    (_, cursor) =>
      this.api.checkpoints({ cursor, limit: AUDIT_CHECKPOINT_PAGE_SIZE }),
    (c) => c.signature,
  );
  private readonly verificationState = signal<AuditVerifyResponse | null>(null);
  private readonly verifyingState = signal(false);
  private readonly verifyProblemState = signal<ApiProblem | null>(null);
  private readonly signedState = signal<AuditCheckpointView | null>(null);
  private readonly signingState = signal(false);
  private readonly signProblemState = signal<ApiProblem | null>(null);
  private readonly keptState = signal<{
    checkpoint: AuditCheckpointVerifyRequest;
    result: AuditCheckpointVerifyResponse;
  } | null>(null);
  private readonly keptCheckingState = signal(false);
  private readonly keptProblemState = signal<ApiProblem | null>(null);

  readonly events = this.list.items;
  readonly loading = this.list.loading;
  readonly loaded = this.list.loaded;
  readonly problem = this.list.problem;
  readonly hasMore = this.list.hasMore;
  readonly query = this.list.query;
  readonly verification = this.verificationState.asReadonly();
  readonly verifying = this.verifyingState.asReadonly();
  readonly verifyProblem = this.verifyProblemState.asReadonly();

  readonly checkpoints = this.checkpointList.items;
  readonly checkpointsLoading = this.checkpointList.loading;
  readonly checkpointsLoaded = this.checkpointList.loaded;
  readonly checkpointsProblem = this.checkpointList.problem;
  readonly checkpointsHaveMore = this.checkpointList.hasMore;
  /** The checkpoint signed from this page, until the next attempt. */
  readonly signed = this.signedState.asReadonly();
  readonly signing = this.signingState.asReadonly();
  readonly signProblem = this.signProblemState.asReadonly();
  /** The kept checkpoint last checked and the server's answer. */
  readonly kept = this.keptState.asReadonly();
  readonly keptChecking = this.keptCheckingState.asReadonly();
  readonly keptProblem = this.keptProblemState.asReadonly();

  load(query: AuditQuery = {}): void {
    this.list.load(query);
  }

  loadMore(): void {
    this.list.loadMore();
  }

  verify(): void {
    if (this.verifyingState()) return;
    this.verifyingState.set(true);
    this.verifyProblemState.set(null);
    this.api.verify().subscribe({
      next: (result) => {
        this.verificationState.set(result);
        this.verifyingState.set(false);
      },
      error: (err: unknown) => {
        this.verifyProblemState.set(ApiProblem.from(err));
        this.verifyingState.set(false);
      },
    });
  }

  loadCheckpoints(): void {
    this.checkpointList.load({});
  }

  loadMoreCheckpoints(): void {
    this.checkpointList.loadMore();
  }

  /** Signs the current head now; the list is reloaded so the new one shows first. */
  signCheckpoint(): void {
    if (this.signingState()) return;
    this.signingState.set(true);
    this.signedState.set(null);
    this.signProblemState.set(null);
    this.api.createCheckpoint().subscribe({
      next: (checkpoint) => {
        this.signedState.set(checkpoint);
        this.signingState.set(false);
        this.checkpointList.load({});
      },
      error: (err: unknown) => {
        this.signProblemState.set(ApiProblem.from(err));
        this.signingState.set(false);
      },
    });
  }

  checkKept(checkpoint: AuditCheckpointVerifyRequest): void {
    if (this.keptCheckingState()) return;
    this.keptCheckingState.set(true);
    this.keptState.set(null);
    this.keptProblemState.set(null);
    this.api.verifyCheckpoint(checkpoint).subscribe({
      next: (result) => {
        this.keptState.set({ checkpoint, result });
        this.keptCheckingState.set(false);
      },
      error: (err: unknown) => {
        this.keptProblemState.set(ApiProblem.from(err));
        this.keptCheckingState.set(false);
      },
    });
  }

  /** Forgets the last kept-checkpoint answer (a new file or text is being looked at). */
  clearKept(): void {
    this.keptState.set(null);
    this.keptProblemState.set(null);
  }
}
