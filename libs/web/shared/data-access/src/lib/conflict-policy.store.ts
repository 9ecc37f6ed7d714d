import { Injectable, inject, signal } from '@angular/core';
import type { ConflictPolicy, ConflictPolicyView } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type Observable, tap } from 'rxjs';
import { NeutralityApi } from './neutrality.api';

/** One lab's conflict policy. Provide it on the policy page. */
@Injectable()
export class ConflictPolicyStore {
  private readonly api = inject(NeutralityApi);
  private readonly labOrgId = signal<string | null>(null);
  private readonly policyState = signal<ConflictPolicyView | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);

  readonly policy = this.policyState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  load(labOrgId: string): void {
    this.labOrgId.set(labOrgId);
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.getPolicy(labOrgId).subscribe({
      next: (policy) => {
        this.policyState.set(policy);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }

  /** Saves a new version; errors come back to the caller (the form shows them per field). */
  save(policy: ConflictPolicy): Observable<ConflictPolicyView> {
    const labOrgId = this.labOrgId();
    if (!labOrgId)
      throw new Error(
        'ConflictPolicyStore.load(labOrgId) must be called first',
      );
    return this.api
      .putPolicy(labOrgId, policy)
      .pipe(tap((saved) => this.policyState.set(saved)));
  }
}
