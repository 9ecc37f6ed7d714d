import { Injectable, inject, signal } from '@angular/core';
import type { VendorWorkItem } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type Observable, tap } from 'rxjs';
import { VendorWorkApi } from './vendor-work.api';

/** Work routed to the caller's vendor, with accept and decline. Provide it on the routed work page. */
@Injectable()
export class VendorWorkStore {
  private readonly api = inject(VendorWorkApi);
  private readonly itemsState = signal<readonly VendorWorkItem[]>([]);
  private readonly loadingState = signal(false);
  private readonly loadedState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly pendingState = signal<string | null>(null);

  readonly items = this.itemsState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly loaded = this.loadedState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  /** The job whose offer is being answered, if any. */
  readonly pending = this.pendingState.asReadonly();

  load(): void {
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.work().subscribe({
      next: (page) => {
        this.itemsState.set(page.items);
        this.loadedState.set(true);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }

  accept(jobId: string): Observable<VendorWorkItem> {
    return this.respond(jobId, this.api.accept(jobId));
  }

  decline(jobId: string): Observable<VendorWorkItem> {
    return this.respond(jobId, this.api.decline(jobId));
  }

  private respond(
    jobId: string,
    request: Observable<VendorWorkItem>,
  ): Observable<VendorWorkItem> {
    this.pendingState.set(jobId);
    return request.pipe(
      tap({
        next: (item) => {
          this.itemsState.update((items) =>
            items.map((i) => (i.jobId === item.jobId ? item : i)),
          );
          this.pendingState.set(null);
        },
        error: () => this.pendingState.set(null),
      }),
    );
  }
}
