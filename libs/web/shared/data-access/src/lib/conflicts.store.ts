import { Injectable, inject, signal } from '@angular/core';
import type { ConflictView, WaiveConflictRequest } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type Observable, finalize, tap } from 'rxjs';
import { type ConflictQuery, NeutralityApi } from './neutrality.api';
import { PagedList } from './paged-list';

export const CONFLICTS_PAGE_SIZE = 25;

/**
 * Conflicts (a lab's own, or all of them for platform staff) and the decisions on them. Provide it
 * on the page that lists them.
 */
@Injectable()
export class ConflictsStore {
  private readonly api = inject(NeutralityApi);
  private readonly list = new PagedList<ConflictView, ConflictQuery>(
    (query, cursor) =>
      this.api.listConflicts({
        ...query,
        cursor,
        limit: CONFLICTS_PAGE_SIZE,
      }),
    (c) => c.id,
  );
  private readonly busyState = signal<ReadonlySet<string>>(new Set());
  private readonly actionProblemState = signal<ApiProblem | null>(null);

  readonly conflicts = this.list.items;
  readonly loading = this.list.loading;
  readonly loaded = this.list.loaded;
  readonly problem = this.list.problem;
  readonly hasMore = this.list.hasMore;
  readonly query = this.list.query;
  /** Ids of conflicts with a decision on its way to the server. */
  readonly busy = this.busyState.asReadonly();
  /** Why the last acknowledge or approve failed. */
  readonly actionProblem = this.actionProblemState.asReadonly();

  load(query: ConflictQuery = {}): void {
    this.actionProblemState.set(null);
    this.list.load(query);
  }

  loadMore(): void {
    this.list.loadMore();
  }

  acknowledge(id: string): Observable<ConflictView> {
    return this.decide(id, this.api.acknowledge(id));
  }

  approveWaiver(id: string): Observable<ConflictView> {
    return this.decide(id, this.api.approveWaiver(id));
  }

  /** For the waive dialog: its errors go back to the dialog, which shows them beside its fields. */
  waive(id: string, body: WaiveConflictRequest): Observable<ConflictView> {
    return this.api.waive(id, body).pipe(tap((c) => this.list.replace(c)));
  }

  private decide(
    id: string,
    request: Observable<ConflictView>,
  ): Observable<ConflictView> {
    this.actionProblemState.set(null);
    this.busyState.update((ids) => new Set(ids).add(id));
    return request.pipe(
      tap({
        next: (c) => this.list.replace(c),
        error: (err: unknown) =>
          this.actionProblemState.set(ApiProblem.from(err)),
      }),
      finalize(() =>
        this.busyState.update((ids) => {
          const next = new Set(ids);
          next.delete(id);
          return next;
        }),
      ),
    );
  }
}
