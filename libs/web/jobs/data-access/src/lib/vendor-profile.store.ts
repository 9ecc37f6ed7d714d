import { Injectable, inject, signal } from '@angular/core';
import type { VendorProfile } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type Observable, tap } from 'rxjs';
import { type StoredVendorProfile, VendorWorkApi } from './vendor-work.api';

/** The caller's vendor profile. Provide it on the profile page. */
@Injectable()
export class VendorProfileStore {
  private readonly api = inject(VendorWorkApi);
  private readonly profileState = signal<StoredVendorProfile | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);

  readonly profile = this.profileState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  load(): void {
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.getProfile().subscribe({
      next: (profile) => {
        this.profileState.set(profile);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }

  save(profile: VendorProfile): Observable<StoredVendorProfile> {
    return this.api
      .putProfile(profile)
      .pipe(tap((saved) => this.profileState.set(saved)));
  }
}
