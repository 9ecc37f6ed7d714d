import { Injectable, inject, signal } from '@angular/core';
import type { VendorEarnings } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { VendorWorkApi } from './vendor-work.api';

/** The vendor's earnings per annotator and per job. Provide it on the performance page. */
@Injectable()
export class VendorEarningsStore {
  private readonly api = inject(VendorWorkApi);
  private readonly earningsState = signal<VendorEarnings | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);

  readonly earnings = this.earningsState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  load(): void {
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.earnings().subscribe({
      next: (earnings) => {
        this.earningsState.set(earnings);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }
}
