import {
  DestroyRef,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import type { ImportReport, JobStatus, JobView } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import type { Observable, Subscription } from 'rxjs';
import {
  type DownloadEvent,
  JobsApi,
  type ResultsFormat,
  type UploadKind,
  uploadContentType,
} from './jobs.api';

export type JobAction = 'publish' | 'pause' | 'resume' | 'cancel';

/** The lifecycle actions a job in this status allows (the server's transitions). */
export const JOB_ACTIONS_BY_STATUS: Record<JobStatus, readonly JobAction[]> = {
  draft: ['publish', 'cancel'],
  published: ['pause', 'cancel'],
  in_progress: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  completed: [],
  cancelled: [],
};

/** Statuses in which answers arrive, so the page keeps the progress fresh. */
export const LIVE_JOB_STATUSES: readonly JobStatus[] = [
  'published',
  'in_progress',
];

/** Items and gold can be added until the job is over. */
export const UPLOAD_STATUSES: readonly JobStatus[] = [
  'draft',
  'published',
  'in_progress',
  'paused',
];

export interface UploadState {
  kind: UploadKind;
  fileName: string;
  uploading: boolean;
  /** 0–100 while sending; null when the browser cannot tell the size. */
  percent: number | null;
  report: ImportReport | null;
  problem: ApiProblem | null;
}

export const POLL_INTERVAL_MS = 5000;

/** One job: its view, lifecycle actions, uploads and progress polling. Provide it on the job page. */
@Injectable()
export class JobStore {
  private readonly api = inject(JobsApi);
  private readonly jobState = signal<JobView | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly pendingState = signal<JobAction | null>(null);
  private readonly actionProblemState = signal<ApiProblem | null>(null);
  private readonly uploadsState = signal<
    Partial<Record<UploadKind, UploadState>>
  >({});
  private id: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private refreshing: Subscription | null = null;
  private readonly uploadSubs = new Map<UploadKind, Subscription>();

  readonly job = this.jobState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  /** The action being sent, if any. */
  readonly pending = this.pendingState.asReadonly();
  readonly actionProblem = this.actionProblemState.asReadonly();
  readonly uploads = this.uploadsState.asReadonly();
  readonly actions = computed(() => {
    const job = this.jobState();
    return job ? JOB_ACTIONS_BY_STATUS[job.status] : [];
  });
  readonly live = computed(() => {
    const job = this.jobState();
    return !!job && LIVE_JOB_STATUSES.includes(job.status);
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  load(id: string): void {
    this.id = id;
    this.jobState.set(null);
    this.loadingState.set(true);
    this.problemState.set(null);
    this.refreshing?.unsubscribe();
    this.refreshing = this.api.get(id).subscribe({
      next: (job) => {
        this.jobState.set(job);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }

  /** Fetches the job again without clearing what is shown; a failed refresh keeps the last view. */
  refresh(): void {
    const id = this.id;
    if (!id) return;
    this.refreshing?.unsubscribe();
    this.refreshing = this.api.get(id).subscribe({
      next: (job) => {
        if (job.id === this.id) this.jobState.set(job);
      },
      error: () => undefined,
    });
  }

  /** Refreshes every `intervalMs` while the job is published or in progress; stops on destroy. */
  startPolling(intervalMs = POLL_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.live() && !this.pendingState()) this.refresh();
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.refreshing?.unsubscribe();
    for (const sub of this.uploadSubs.values()) sub.unsubscribe();
    this.uploadSubs.clear();
  }

  /** Runs a lifecycle action; the job is fetched again afterwards so progress and routing are current. */
  act(action: JobAction): void {
    const job = this.jobState();
    if (!job || this.pendingState()) return;
    this.pendingState.set(action);
    this.actionProblemState.set(null);
    const request: Observable<unknown> =
      action === 'publish'
        ? this.api.publish(job.id)
        : action === 'pause'
          ? this.api.pause(job.id)
          : action === 'resume'
            ? this.api.resume(job.id)
            : this.api.cancel(job.id);
    request.subscribe({
      next: (answer) => {
        if (isJobView(answer)) this.jobState.set(answer);
        else this.jobState.set({ ...job, status: 'published' });
        this.pendingState.set(null);
        this.refresh();
      },
      error: (err: unknown) => {
        this.actionProblemState.set(ApiProblem.from(err));
        this.pendingState.set(null);
      },
    });
  }

  clearActionProblem(): void {
    this.actionProblemState.set(null);
  }

  /** Uploads a .jsonl/.ndjson/.csv file as items or gold; the report replaces the previous one. */
  upload(kind: UploadKind, file: File): void {
    const job = this.jobState();
    if (!job) return;
    this.uploadSubs.get(kind)?.unsubscribe();
    const base: UploadState = {
      kind,
      fileName: file.name,
      uploading: true,
      percent: 0,
      report: null,
      problem: null,
    };
    if (!uploadContentType(file.name)) {
      this.setUpload({
        ...base,
        uploading: false,
        percent: null,
        problem: new ApiProblem({
          type: 'about:blank',
          title: 'Unsupported file',
          status: 0,
          detail: 'Choose a JSON Lines (.jsonl, .ndjson) or CSV (.csv) file.',
        }),
      });
      return;
    }
    this.setUpload(base);
    const sub = this.api.upload(job.id, kind, file).subscribe({
      next: (event) => {
        if (event.kind === 'progress')
          this.setUpload({ ...base, percent: event.percent });
        else {
          this.setUpload({
            ...base,
            uploading: false,
            percent: 100,
            report: event.report,
          });
          this.refresh();
        }
      },
      error: (err: unknown) =>
        this.setUpload({
          ...base,
          uploading: false,
          percent: null,
          problem: ApiProblem.from(err),
        }),
    });
    this.uploadSubs.set(kind, sub);
  }

  download(format: ResultsFormat): Observable<DownloadEvent> {
    const job = this.jobState();
    if (!job) throw new Error('No job loaded');
    return this.api.downloadResults(job.id, format);
  }

  private setUpload(state: UploadState): void {
    this.uploadsState.update((all) => ({ ...all, [state.kind]: state }));
  }
}

function isJobView(value: unknown): value is JobView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'progress' in value &&
    'routing' in value
  );
}
