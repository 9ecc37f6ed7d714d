import { Injectable, inject, signal } from '@angular/core';
import type { AuditEventView, AuditVerifyResponse } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type AuditQuery, AuditApi } from './audit.api';
import { PagedList } from './paged-list';

export const AUDIT_PAGE_SIZE = 50;

/** The audit trail, newest first, and the verification of its hash chain. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);
  private readonly list = new PagedList<AuditEventView, AuditQuery>(
    (query, cursor) =>
      this.api.list({ ...query, cursor, limit: AUDIT_PAGE_SIZE }),
    (e) => String(e.seq),
  );
  private readonly verificationState = signal<AuditVerifyResponse | null>(null);
  private readonly verifyingState = signal(false);
  private readonly verifyProblemState = signal<ApiProblem | null>(null);

  readonly events = this.list.items;
  readonly loading = this.list.loading;
  readonly loaded = this.list.loaded;
  readonly problem = this.list.problem;
  readonly hasMore = this.list.hasMore;
  readonly query = this.list.query;
  readonly verification = this.verificationState.asReadonly();
  readonly verifying = this.verifyingState.asReadonly();
  readonly verifyProblem = this.verifyProblemState.asReadonly();

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
}
