import { computed, signal } from '@angular/core';
import type { Page } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import type { Observable, Subscription } from 'rxjs';

/**
 * A cursor-paged list behind a query (`{ items, nextCursor }` pages): the first page on `load`,
 * the next on `loadMore`, and answers to an older query ignored once a newer one was asked.
 */
export class PagedList<T, Q> {
  private readonly itemsState = signal<readonly T[]>([]);
  private readonly cursorState = signal<string | null>(null);
  private readonly loadingState = signal(false);
  private readonly loadedState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly queryState = signal<Q | null>(null);
  private inFlight: Subscription | null = null;

  readonly items = this.itemsState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  /** True once the first page answered, so an empty list means "none", not "not yet". */
  readonly loaded = this.loadedState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  readonly query = this.queryState.asReadonly();
  readonly hasMore = computed(() => this.cursorState() !== null);

  constructor(
    private readonly fetchPage: (
      query: Q,
      cursor: string | null,
    ) => Observable<Page<T>>,
    private readonly idOf: (item: T) => string,
  ) {}

  load(query: Q): void {
    this.queryState.set(query);
    this.itemsState.set([]);
    this.cursorState.set(null);
    this.loadedState.set(false);
    this.fetch(query, null);
  }

  /** Loads the current query again from its first page. */
  reload(): void {
    const query = this.queryState();
    if (query !== null) this.load(query);
  }

  loadMore(): void {
    const query = this.queryState();
    const cursor = this.cursorState();
    if (query !== null && cursor && !this.loadingState())
      this.fetch(query, cursor);
  }

  /** Puts a changed item in place of the listed one with the same id. */
  replace(item: T): void {
    const id = this.idOf(item);
    this.itemsState.update((items) =>
      items.map((existing) => (this.idOf(existing) === id ? item : existing)),
    );
  }

  append(item: T): void {
    this.itemsState.update((items) => [...items, item]);
  }

  private fetch(query: Q, cursor: string | null): void {
    this.inFlight?.unsubscribe();
    this.loadingState.set(true);
    this.problemState.set(null);
    this.inFlight = this.fetchPage(query, cursor).subscribe({
      next: (page) => {
        this.itemsState.update((items) =>
          cursor ? [...items, ...page.items] : page.items,
        );
        this.cursorState.set(page.nextCursor);
        this.loadedState.set(true);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }
}
