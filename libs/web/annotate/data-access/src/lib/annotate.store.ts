import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  AnnotatorStats,
  SubmitAnswerRequest,
  TaskView,
} from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { newIdempotencyKey } from './idempotency-key';
import { TasksApi } from './tasks.api';

/** How often the page extends the lease of the task on screen while it is visible. */
export const HEARTBEAT_INTERVAL_MS = 60_000;
/** A prefetched task whose lease has less than this left is extended as it is shown. */
export const LEASE_REFRESH_MARGIN_MS = 120_000;

export type AnnotatePhase = 'idle' | 'claiming' | 'working' | 'empty';

/** What `submit` sent for an assignment: a retry of the same answer resends exactly this. */
interface PendingSubmission {
  assignmentId: string;
  key: string;
  answerJson: string;
  body: SubmitAnswerRequest;
}

/** The lease is gone (expired, swept or never ours): the answer cannot be recorded any more. */
function leaseLost(problem: ApiProblem): boolean {
  return problem.status === 409 || problem.status === 404;
}

/**
 * The annotator's task loop: claim, show, submit or skip, next. While task N is on screen the
 * store holds task N+1 already claimed (one ahead, never more), so the next task appears as soon
 * as the submit is acknowledged. Provide it on the page.
 */
@Injectable()
export class AnnotateStore {
  private readonly api = inject(TasksApi);
  /** Milliseconds since the epoch; replaced in tests. */
  now: () => number = () => Date.now();

  private readonly phaseState = signal<AnnotatePhase>('idle');
  private readonly currentState = signal<TaskView | null>(null);
  private readonly nextState = signal<TaskView | null>(null);
  private readonly submittingState = signal(false);
  private readonly skippingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly noticeState = signal<string | null>(null);
  private readonly sessionCountState = signal(0);
  private readonly statsState = signal<AnnotatorStats | null>(null);
  private readonly jobIdState = signal<string | null>(null);

  private shownAt = 0;
  private prefetchInFlight = false;
  /** Set when the annotator moved on while the prefetch was still out: show it on arrival. */
  private showPrefetchOnArrival = false;
  private readonly keys = new Map<string, string>();
  private pending: PendingSubmission | null = null;

  readonly phase = this.phaseState.asReadonly();
  readonly current = this.currentState.asReadonly();
  /** The task claimed ahead, if any (not shown). */
  readonly prefetched = this.nextState.asReadonly();
  readonly submitting = this.submittingState.asReadonly();
  readonly skipping = this.skippingState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  /** A one-line message about what just happened (an expired lease, …). */
  readonly notice = this.noticeState.asReadonly();
  /** Answers recorded since the page opened. */
  readonly sessionCount = this.sessionCountState.asReadonly();
  readonly stats = this.statsState.asReadonly();
  readonly jobId = this.jobIdState.asReadonly();
  readonly leaseExpiresAt = computed(
    () => this.currentState()?.leaseExpiresAt ?? null,
  );
  readonly busy = computed(
    () =>
      this.submittingState() ||
      this.skippingState() ||
      this.phaseState() === 'claiming',
  );

  /** Claims the first task (optionally only from one job). */
  start(jobId: string | null = null): void {
    this.jobIdState.set(jobId);
    this.problemState.set(null);
    this.noticeState.set(null);
    this.claim();
  }

  loadStats(): void {
    this.api.stats().subscribe({
      next: (stats) => this.statsState.set(stats),
      // The panel shows dashes; stats are not worth interrupting the work for.
      error: () => undefined,
    });
  }

  /**
   * Submits the answer for the task on screen. The Idempotency-Key belongs to the assignment, and a
   * retry of the same answer resends the same body (time spent included), so a retry after a lost
   * response is recorded once.
   */
  submit(answer: unknown): void {
    const task = this.currentState();
    if (!task || this.submittingState() || this.skippingState()) return;
    const answerJson = JSON.stringify(answer);
    let pending = this.pending;
    if (
      !pending ||
      pending.assignmentId !== task.assignmentId ||
      pending.answerJson !== answerJson
    ) {
      pending = {
        assignmentId: task.assignmentId,
        key: this.keyFor(task.assignmentId),
        answerJson,
        body: {
          answer,
          timeSpentMs: Math.max(0, Math.round(this.now() - this.shownAt)),
        },
      };
      this.pending = pending;
    }
    this.submittingState.set(true);
    this.problemState.set(null);
    this.noticeState.set(null);
    const sent = pending;
    this.api.submit(sent.assignmentId, sent.body, sent.key).subscribe({
      next: () => {
        this.submittingState.set(false);
        this.forget(sent.assignmentId);
        this.sessionCountState.update((n) => n + 1);
        this.loadStats();
        this.advance();
      },
      error: (err: unknown) => {
        this.submittingState.set(false);
        const problem = ApiProblem.from(err);
        if (leaseLost(problem)) {
          this.forget(sent.assignmentId);
          this.noticeState.set(
            'That task is no longer yours (its lease expired), so the answer was not recorded. Here is the next one.',
          );
          this.advance();
        } else {
          this.problemState.set(problem);
        }
      },
    });
  }

  /** Skips the task on screen; it is never served to this annotator again. */
  skip(): void {
    const task = this.currentState();
    if (!task || this.submittingState() || this.skippingState()) return;
    this.skippingState.set(true);
    this.problemState.set(null);
    this.noticeState.set(null);
    this.api.skip(task.assignmentId).subscribe({
      next: () => {
        this.skippingState.set(false);
        this.forget(task.assignmentId);
        this.advance();
      },
      error: (err: unknown) => {
        this.skippingState.set(false);
        const problem = ApiProblem.from(err);
        if (leaseLost(problem)) {
          this.forget(task.assignmentId);
          this.advance();
        } else {
          this.problemState.set(problem);
        }
      },
    });
  }

  /** Extends the lease of the task on screen; a lost lease moves on to the next task. */
  heartbeat(): void {
    const task = this.currentState();
    if (!task) return;
    const id = task.assignmentId;
    this.api.heartbeat(id).subscribe({
      next: ({ leaseExpiresAt }) => {
        const current = this.currentState();
        if (current?.assignmentId === id)
          this.currentState.set({ ...current, leaseExpiresAt });
      },
      error: (err: unknown) => {
        if (this.currentState()?.assignmentId !== id) return;
        if (leaseLost(ApiProblem.from(err))) {
          this.forget(id);
          this.noticeState.set(
            'The lease on that task expired and it went back to the pool. Here is the next one.',
          );
          this.advance();
        }
        // Other failures (offline for a moment) are retried by the next beat.
      },
    });
  }

  private claim(): void {
    this.phaseState.set('claiming');
    this.api.next(this.jobIdState()).subscribe({
      next: (task) => this.showOrEmpty(task),
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.currentState.set(null);
        this.phaseState.set('idle');
      },
    });
  }

  private showOrEmpty(task: TaskView | null): void {
    if (task) {
      this.show(task);
    } else {
      this.currentState.set(null);
      this.phaseState.set('empty');
    }
  }

  private show(task: TaskView): void {
    this.currentState.set(task);
    this.shownAt = this.now();
    this.phaseState.set('working');
    this.prefetch();
  }

  /** Claims task N+1 in the background; failures are silent (moving on claims directly). */
  private prefetch(): void {
    if (this.nextState() || this.prefetchInFlight || !this.currentState())
      return;
    this.prefetchInFlight = true;
    this.api.next(this.jobIdState()).subscribe({
      next: (task) => {
        this.prefetchInFlight = false;
        if (this.showPrefetchOnArrival) {
          this.showPrefetchOnArrival = false;
          this.showOrEmpty(task);
        } else if (task) {
          this.nextState.set(task);
        }
      },
      error: () => {
        this.prefetchInFlight = false;
        if (this.showPrefetchOnArrival) {
          this.showPrefetchOnArrival = false;
          this.claim();
        }
      },
    });
  }

  /** Shows the prefetched task (extending its lease if it is about to run out), or claims one. */
  private advance(): void {
    const next = this.nextState();
    this.nextState.set(null);
    if (next) {
      this.show(next);
      const left = Date.parse(next.leaseExpiresAt) - this.now();
      if (!(left > LEASE_REFRESH_MARGIN_MS)) this.heartbeat();
      return;
    }
    this.currentState.set(null);
    if (this.prefetchInFlight) {
      this.phaseState.set('claiming');
      this.showPrefetchOnArrival = true;
      return;
    }
    this.claim();
  }

  private keyFor(assignmentId: string): string {
    let key = this.keys.get(assignmentId);
    if (!key) {
      key = newIdempotencyKey();
      this.keys.set(assignmentId, key);
    }
    return key;
  }

  private forget(assignmentId: string): void {
    this.keys.delete(assignmentId);
    if (this.pending?.assignmentId === assignmentId) this.pending = null;
  }
}
