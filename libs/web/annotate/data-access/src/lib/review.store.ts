import { Injectable, inject, signal } from '@angular/core';
import type { ReviewView } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { TasksApi } from './tasks.api';

export type ReviewPhase = 'idle' | 'loading' | 'working' | 'empty';

/** The reviewer's queue of escalated items: take one, decide its result, take the next. */
@Injectable()
export class ReviewStore {
  private readonly api = inject(TasksApi);

  private readonly phaseState = signal<ReviewPhase>('idle');
  private readonly currentState = signal<ReviewView | null>(null);
  private readonly decidingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly noticeState = signal<string | null>(null);
  private readonly decidedCountState = signal(0);

  readonly phase = this.phaseState.asReadonly();
  readonly current = this.currentState.asReadonly();
  readonly deciding = this.decidingState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  readonly notice = this.noticeState.asReadonly();
  readonly decidedCount = this.decidedCountState.asReadonly();

  next(): void {
    this.phaseState.set('loading');
    this.problemState.set(null);
    this.api.nextReview().subscribe({
      next: (review) => {
        this.currentState.set(review);
        this.phaseState.set(review ? 'working' : 'empty');
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.currentState.set(null);
        this.phaseState.set('idle');
      },
    });
  }

  decide(aggregate: unknown): void {
    const review = this.currentState();
    if (!review || this.decidingState()) return;
    this.decidingState.set(true);
    this.problemState.set(null);
    this.noticeState.set(null);
    this.api.decide(review.reviewId, aggregate).subscribe({
      next: () => {
        this.decidingState.set(false);
        this.decidedCountState.update((n) => n + 1);
        this.next();
      },
      error: (err: unknown) => {
        this.decidingState.set(false);
        const problem = ApiProblem.from(err);
        if (problem.status === 409 || problem.status === 404) {
          this.noticeState.set(
            'That review is no longer yours (its lease ran out or someone else decided it). Here is the next one.',
          );
          this.next();
        } else {
          this.problemState.set(problem);
        }
      },
    });
  }
}
