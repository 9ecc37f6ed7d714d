import { PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ReviewView } from '@quorum/contracts';
import { ReviewStore } from '@quorum/web/annotate/data-access';
import { EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import { InstructionsPanel } from './instructions-panel';
import { isTextEntry } from './renderers/keyboard';
import {
  TASK_TYPE_LABELS,
  answerReady,
  describeAnswer,
  fitsShape,
  initialAnswer,
} from './task-answers';
import { TaskRenderer } from './task-renderer';

/** Answers are plain JSON from the API; the copy keeps edits off the shown originals. */
function copyOf(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function startingPoint(review: ReviewView): unknown {
  return fitsShape(review.taskType, review.aggregate)
    ? copyOf(review.aggregate)
    : initialAnswer(review.taskType, review.item.data);
}

/** Escalated items: what the annotators said, the aggregate, and the reviewer's final result. */
@Component({
  selector: 'q-annotate-review-page',
  imports: [
    EmptyState,
    InstructionsPanel,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PercentPipe,
    ProblemAlert,
    RouterLink,
    TaskRenderer,
  ],
  providers: [ReviewStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <section class="q-page">
      <h1>Review</h1>
      <p class="q-lede">
        Items the annotators disagreed on. Decide the final result; it replaces the aggregate.
        <a routerLink="..">Back to annotating</a>.
      </p>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.notice(); as notice) {
        <p class="notice" role="status">{{ notice }}</p>
      }
      @if (store.phase() === 'loading' || store.deciding()) {
        <mat-progress-bar mode="indeterminate" aria-label="Working" />
      }
      @switch (store.phase()) {
        @case ('empty') {
          <q-empty-state
            icon="rate_review"
            heading="Nothing to review right now"
            message="Items come here when annotators disagree beyond the job's threshold, or when written responses need a reviewer."
            actionLabel="Check again"
            (action)="store.next()"
          />
        }
        @case ('idle') {
          <q-empty-state
            icon="rate_review"
            heading="Review queue"
            actionLabel="Take the next item"
            (action)="store.next()"
          />
        }
        @case ('working') {
          @if (store.current(); as review) {
            <header class="head">
              <p class="job">{{ review.jobTitle }}</p>
              <p class="meta">
                {{ typeLabel(review) }} · agreement {{ review.agreement | percent: '1.0-0' }} ·
                {{ review.answers.length }} answers · reviewed this session: {{ store.decidedCount() }}
              </p>
            </header>
            <q-instructions-panel [text]="review.instructions" [(open)]="instructionsOpen" />
            <h2>What the annotators said</h2>
            <ul class="answers">
              @for (a of review.answers; track $index) {
                <li>
                  <span class="who">{{ a.annotator }}</span>
                  <span class="what">{{ describe(review, a.answer) }}</span>
                  <button mat-button type="button" (click)="use(review, a.answer)">Start from this</button>
                </li>
              }
              <li class="aggregate">
                <span class="who">Aggregate</span>
                <span class="what">{{ review.aggregate === null ? 'None yet' : describe(review, review.aggregate) }}</span>
                <button mat-button type="button" (click)="draft.set(start(review))">Start from this</button>
              </li>
            </ul>
            <h2>Final result</h2>
            <q-task-renderer
              [taskType]="review.taskType"
              [schema]="review.schema"
              [data]="review.item.data"
              [value]="draft()"
              [disabled]="store.deciding()"
              (valueChange)="draft.set($event)"
            />
            <div class="actions">
              <button mat-flat-button type="button" [disabled]="store.deciding()" (click)="decide()">
                <mat-icon svgIcon="done" aria-hidden="true" />
                Decide <kbd>Enter</kbd>
              </button>
              @if (unfinished()) {
                <span class="unfinished" role="status">Finish the result first.</span>
              }
            </div>
          }
        }
      }
    </section>
  `,
  styles: `
    .notice { padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-secondary-container); }
    .head p { margin: 0; }
    .job { font: var(--mat-sys-title-large); }
    .meta { color: var(--mat-sys-on-surface-variant); margin-bottom: 12px !important; }
    h2 { font: var(--mat-sys-title-medium); margin: 16px 0 8px; }
    .answers { margin: 0; padding: 0; list-style: none; }
    .answers li {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .who { min-width: 110px; font: var(--mat-sys-label-large); }
    .what { flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; }
    .aggregate .who { color: var(--mat-sys-primary); }
    .actions { display: flex; align-items: center; gap: 12px; margin-top: 20px; }
    .unfinished { color: var(--mat-sys-error); }
    kbd { margin-left: 6px; padding: 0 4px; border: 1px solid currentColor; border-radius: 4px; font: 500 11px/16px monospace; }
  `,
})
export class AnnotateReviewPage implements OnInit {
  protected readonly store = inject(ReviewStore);
  protected readonly instructionsOpen = signal(false);
  protected readonly draft = linkedSignal<unknown>(() => {
    const review = this.store.current();
    return review ? startingPoint(review) : null;
  });
  protected readonly unfinished = linkedSignal<unknown, boolean>({
    source: () => [this.draft(), this.store.current()],
    computation: () => false,
  });
  private readonly ready = computed(() => {
    const review = this.store.current();
    return !!review && answerReady(review.taskType, review.schema, this.draft());
  });

  ngOnInit(): void {
    this.store.next();
  }

  protected start(review: ReviewView): unknown {
    return startingPoint(review);
  }

  protected typeLabel(review: ReviewView): string {
    return TASK_TYPE_LABELS[review.taskType];
  }

  protected describe(review: ReviewView, answer: unknown): string {
    return describeAnswer(review.taskType, review.item.data, answer);
  }

  protected use(review: ReviewView, answer: unknown): void {
    if (fitsShape(review.taskType, answer)) this.draft.set(copyOf(answer));
  }

  protected decide(): void {
    if (!this.ready()) {
      this.unfinished.set(true);
      return;
    }
    this.store.decide(this.draft());
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.key !== 'Enter') return;
    if (isTextEntry(event.target) && !(event.ctrlKey || event.metaKey)) return;
    if (event.target instanceof HTMLAnchorElement) return;
    if (this.store.phase() !== 'working') return;
    event.preventDefault();
    this.decide();
  }
}
