import {
  DestroyRef,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import type { QueueHealth } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import type { Subscription } from 'rxjs';
import { QueuesApi } from './queues.api';

export const QUEUE_HEALTH_INTERVAL_MS = 5000;

/**
 * Queue and outbox health, refreshed on a timer while the page is open. A failed refresh keeps the
 * last figures and shows the problem until the next one succeeds. Provide it on the page.
 */
@Injectable()
export class QueueHealthStore {
  private readonly api = inject(QueuesApi);
  private readonly healthState = signal<QueueHealth | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private timer: ReturnType<typeof setInterval> | null = null;
  private request: Subscription | null = null;

  readonly health = this.healthState.asReadonly();
  /** True only for the first load (refreshes keep the table in place). */
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  readonly polling = signal(false);
  /** Failed jobs across every queue. */
  readonly failedTotal = computed(
    () => this.healthState()?.queues.reduce((n, q) => n + q.failed, 0) ?? 0,
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  load(): void {
    this.loadingState.set(this.healthState() === null);
    this.fetch();
  }

  /** Loads now, then every `intervalMs` until stop() or destroy; a tick is skipped while one is in flight. */
  startPolling(intervalMs = QUEUE_HEALTH_INTERVAL_MS): void {
    if (this.timer) return;
    this.load();
    this.polling.set(true);
    this.timer = setInterval(() => {
      if (this.request) return;
      if (typeof document !== 'undefined' && document.hidden) return;
      this.fetch();
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.polling.set(false);
    this.request?.unsubscribe();
    this.request = null;
  }

  private fetch(): void {
    this.request?.unsubscribe();
    this.request = this.api.health().subscribe({
      next: (health) => {
        this.request = null;
        this.healthState.set(health);
        this.problemState.set(null);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.request = null;
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }
}
