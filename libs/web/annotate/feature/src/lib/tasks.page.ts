import { DecimalPipe, PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  AnnotateStore,
  HEARTBEAT_INTERVAL_MS,
} from '@quorum/web/annotate/data-access';
import { AuthStore } from '@quorum/web/shared/data-access';
import { EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import { InstructionsPanel } from './instructions-panel';
import { formatCountdown } from './lease';
import { isTextEntry, shortcutKey } from './renderers/keyboard';
import { TASK_TYPE_LABELS, answerReady, initialAnswer } from './task-answers';
import { TaskRenderer } from './task-renderer';
import { map } from 'rxjs';

export const ANNOTATE_PAGES = { review: 'review' } as const;

/** The annotator's work loop: claim, answer from the keyboard, submit, next. */
@Component({
  selector: 'q-annotate-tasks-page',
  imports: [
    DecimalPipe,
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
  providers: [AnnotateStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:keydown)': 'onKey($event)',
    '(document:visibilitychange)': 'onVisibility()',
  },
  template: `
    <section class="q-page">
      <h1>Annotate</h1>
      <p class="q-lede">
        Claim the next task and answer it, one item at a time, from the keyboard.
        @if (isReviewer()) {
          <a [routerLink]="reviewLink">Open the review queue</a>.
        }
      </p>
      @if (jobFilter(); as jobId) {
        <p class="filter">
          Only tasks from one job ({{ jobId }}).
          <a routerLink="." [queryParams]="{}">Show every job</a>
        </p>
      }
      <div class="layout">
        <div class="work">
          <q-problem-alert [problem]="store.problem()" />
          @if (store.notice(); as notice) {
            <p class="notice" role="status">{{ notice }}</p>
          }
          @if (store.busy()) {
            <mat-progress-bar mode="indeterminate" aria-label="Working" />
          }
          @switch (store.phase()) {
            @case ('idle') {
              <q-empty-state
                icon="play_arrow"
                heading="Ready when you are"
                message="Start claims a task routed to your vendor. Answer it, press Enter to submit, and the next one is already waiting."
                actionLabel="Start"
                (action)="start()"
              />
            }
            @case ('claiming') {
              <p class="claiming">Claiming a task…</p>
            }
            @case ('empty') {
              <q-empty-state
                icon="inbox"
                heading="No tasks for you right now"
                message="Every task routed to your vendor is taken, answered, or one you have already seen. New work appears when a lab publishes more and your vendor accepts it."
                actionLabel="Check again"
                (action)="start()"
              />
            }
            @case ('working') {
              @if (store.current(); as task) {
                <header class="task-head">
                  <div>
                    <p class="job">{{ task.jobTitle }}</p>
                    <p class="type">{{ typeLabel(task.taskType) }}</p>
                  </div>
                  <p class="lease" [class.low]="leaseLow()" aria-live="off">
                    <mat-icon svgIcon="timer" aria-hidden="true" />
                    Lease {{ leaseLeft() }}
                  </p>
                </header>
                <q-instructions-panel [text]="task.instructions" [(open)]="instructionsOpen" />
                <q-task-renderer
                  [taskType]="task.taskType"
                  [schema]="task.schema"
                  [data]="task.item.data"
                  [value]="draft()"
                  [disabled]="store.submitting()"
                  (valueChange)="draft.set($event)"
                />
                <div class="actions">
                  <button
                    mat-flat-button
                    type="button"
                    [disabled]="store.busy()"
                    (click)="submit()"
                  >
                    <mat-icon svgIcon="send" aria-hidden="true" />
                    Submit
                    <kbd>Enter</kbd>
                  </button>
                  <button
                    mat-stroked-button
                    type="button"
                    [disabled]="store.busy()"
                    (click)="store.skip()"
                  >
                    <mat-icon svgIcon="skip_next" aria-hidden="true" />
                    Skip <kbd>S</kbd>
                  </button>
                  @if (unfinished()) {
                    <span class="unfinished" role="status">Finish the answer first.</span>
                  }
                </div>
              }
            }
          }
        </div>
        <aside class="panel" aria-label="Your session">
          <h2>Session</h2>
          <dl>
            <dt>Answered this session</dt>
            <dd data-testid="session-count">{{ store.sessionCount() }}</dd>
            <dt>Answered today</dt>
            <dd>{{ store.stats()?.answersToday ?? '—' }}</dd>
            <dt>Gold accuracy</dt>
            <dd>
              @if (store.stats()?.goldAccuracy; as accuracy) {
                {{ accuracy | percent: '1.0-0' }}
              } @else {
                {{ store.stats() ? 'No gold answers yet' : '—' }}
              }
            </dd>
            <dt>Earnings</dt>
            <dd>{{ store.stats() ? (store.stats()?.earnings | number: '1.2-2') : '—' }}</dd>
            <dt>Job</dt>
            <dd>{{ store.current()?.jobTitle ?? '—' }}</dd>
            <dt>Next task</dt>
            <dd>{{ store.prefetched() ? 'Ready' : store.current() ? 'None waiting' : '—' }}</dd>
          </dl>
          <h2>Keys</h2>
          <ul class="keys">
            <li><kbd>Enter</kbd> submit (<kbd>Ctrl</kbd>+<kbd>Enter</kbd> in a text area)</li>
            <li><kbd>S</kbd> skip</li>
            <li><kbd>I</kbd> show or hide instructions</li>
            <li>Task keys are listed under each task</li>
          </ul>
        </aside>
      </div>
    </section>
  `,
  styles: `
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 260px;
      gap: 24px;
      align-items: start;
    }
    @media (max-width: 960px) {
      .layout { grid-template-columns: 1fr; }
    }
    .filter, .notice, .claiming { font: var(--mat-sys-body-medium); }
    .notice {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .task-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 16px;
      margin-bottom: 12px;
    }
    .task-head p { margin: 0; }
    .job { font: var(--mat-sys-title-large); }
    .type, .lease { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .lease { display: flex; align-items: center; gap: 4px; font-variant-numeric: tabular-nums; }
    .lease.low { color: var(--mat-sys-error); font-weight: 600; }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-top: 20px;
    }
    .unfinished { color: var(--mat-sys-error); font: var(--mat-sys-body-medium); }
    kbd {
      margin-left: 6px;
      padding: 0 4px;
      border: 1px solid currentColor;
      border-radius: 4px;
      font: 500 11px/16px ui-monospace, monospace;
      opacity: 0.8;
    }
    .panel {
      position: sticky;
      top: 16px;
      padding: 16px;
      border-radius: 16px;
      background: var(--mat-sys-surface-container-low);
    }
    .panel h2 { margin: 0 0 8px; font: var(--mat-sys-title-medium); }
    .panel h2:not(:first-child) { margin-top: 16px; }
    dl { display: grid; grid-template-columns: auto auto; gap: 4px 12px; margin: 0; }
    dt { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    dd { margin: 0; text-align: right; font: var(--mat-sys-label-large); overflow-wrap: anywhere; }
    .keys { margin: 0; padding-left: 18px; font: var(--mat-sys-body-small); }
  `,
})
export class AnnotateTasksPage implements OnInit {
  protected readonly store = inject(AnnotateStore);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);

  protected readonly reviewLink = ANNOTATE_PAGES.review;
  protected readonly isReviewer = computed(() =>
    this.auth.roles().includes('reviewer'),
  );
  /** ?jobId= narrows the claims to one job (used from the next claim on). */
  protected readonly jobFilter = toSignal(
    this.route.queryParamMap.pipe(map((params) => params.get('jobId'))),
    { initialValue: this.route.snapshot.queryParamMap.get('jobId') },
  );
  protected readonly instructionsOpen = signal(true);
  /** The answer being built; every new task starts from its empty answer. */
  protected readonly draft = linkedSignal<unknown>(() => {
    const task = this.store.current();
    return task ? initialAnswer(task.taskType, task.item.data) : null;
  });
  protected readonly ready = computed(() => {
    const task = this.store.current();
    return !!task && answerReady(task.taskType, task.schema, this.draft());
  });
  /** Set when Enter was pressed on an unfinished answer; cleared by the next edit or task. */
  protected readonly unfinished = linkedSignal<unknown, boolean>({
    source: () => [this.draft(), this.store.current()],
    computation: () => false,
  });

  private readonly now = signal(Date.now());
  protected readonly leaseLeftMs = computed(() => {
    const expires = this.store.leaseExpiresAt();
    return expires ? Date.parse(expires) - this.now() : 0;
  });
  protected readonly leaseLeft = computed(() => formatCountdown(this.leaseLeftMs()));
  protected readonly leaseLow = computed(() => this.leaseLeftMs() < 60_000);

  constructor() {
    const tick = setInterval(() => this.now.set(Date.now()), 1000);
    const beat = setInterval(() => {
      if (this.pageVisible()) this.store.heartbeat();
    }, HEARTBEAT_INTERVAL_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      clearInterval(beat);
    });
  }

  ngOnInit(): void {
    this.store.loadStats();
  }

  protected typeLabel(type: keyof typeof TASK_TYPE_LABELS): string {
    return TASK_TYPE_LABELS[type];
  }

  protected start(): void {
    this.store.start(this.jobFilter());
  }

  protected submit(): void {
    if (!this.ready()) {
      this.unfinished.set(true);
      return;
    }
    this.store.submit(this.draft());
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    if (event.key === 'Enter') {
      const typing = isTextEntry(event.target);
      if (typing && !(event.ctrlKey || event.metaKey)) return;
      if (event.target instanceof HTMLAnchorElement) return;
      event.preventDefault();
      const phase = this.store.phase();
      if (phase === 'working') this.submit();
      else if (phase === 'idle' || phase === 'empty') this.start();
      return;
    }
    const key = shortcutKey(event);
    if (this.store.phase() !== 'working') return;
    if (key === 's') {
      event.preventDefault();
      this.store.skip();
    } else if (key === 'i') {
      event.preventDefault();
      this.instructionsOpen.update((open) => !open);
    }
  }

  protected onVisibility(): void {
    // Back from another tab: the lease may have run low while the beat was paused.
    if (this.pageVisible()) this.store.heartbeat();
  }

  private pageVisible(): boolean {
    return typeof document === 'undefined' || document.visibilityState === 'visible';
  }
}
