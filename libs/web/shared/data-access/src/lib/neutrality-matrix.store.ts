import { Injectable, inject, signal } from '@angular/core';
import type { NeutralityMatrix } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { NeutralityApi } from './neutrality.api';

/** The lab × vendor decisions. Provide it on the matrix page. */
@Injectable()
export class NeutralityMatrixStore {
  private readonly api = inject(NeutralityApi);
  private readonly matrixState = signal<NeutralityMatrix | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);

  readonly matrix = this.matrixState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  load(): void {
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.matrix().subscribe({
      next: (matrix) => {
        this.matrixState.set(matrix);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }
}
