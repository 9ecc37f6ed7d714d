import { Injectable, inject, signal } from '@angular/core';
import type { VendorListItem } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { NeutralityApi } from './neutrality.api';

/** Every vendor with its neutrality for the caller's lab. Provide it on the vendors page. */
@Injectable()
export class VendorsStore {
  private readonly api = inject(NeutralityApi);
  private readonly vendorsState = signal<readonly VendorListItem[]>([]);
  private readonly loadingState = signal(false);
  private readonly loadedState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);

  readonly vendors = this.vendorsState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly loaded = this.loadedState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  load(): void {
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.vendors().subscribe({
      next: (page) => {
        this.vendorsState.set(page.items);
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
