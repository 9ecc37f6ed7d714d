import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { JobStats } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import type { Subscription } from 'rxjs';
import { JobsApi } from './jobs.api';

/** Charts are heavier to compute than the job view: refetched at most this often. */
export const STATS_MIN_AGE_MS = 30_000;

/** The charts of one job (GET /jobs/:id/stats). Provide it on the job page. */
@Injectable()
export class JobStatsStore {
  private readonly api = inject(JobsApi);
  private readonly statsState = signal<JobStats | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private id: string | null = null;
  private fetchedAt = 0;
  private request: Subscription | null = null;

  readonly stats = this.statsState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  load(id: string): void {
    this.id = id;
    this.statsState.set(null);
    this.loadingState.set(true);
    this.fetch(id, true);
  }

  /** Fetches again when the last answer is older than `minAgeMs` (and none is in flight). */
  refreshIfStale(minAgeMs = STATS_MIN_AGE_MS, now = Date.now()): void {
    if (!this.id || this.request || now - this.fetchedAt < minAgeMs) return;
    this.fetch(this.id, false);
  }

  private fetch(id: string, first: boolean): void {
    this.request?.unsubscribe();
    this.fetchedAt = Date.now();
    this.request = this.api.stats(id).subscribe({
      next: (stats) => {
        this.request = null;
        if (id !== this.id) return;
        this.statsState.set(stats);
        this.problemState.set(null);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.request = null;
        // A failed refresh keeps the charts already shown.
        if (first) this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }
}
