import {
  HttpClient,
  HttpEventType,
  HttpHeaders,
  HttpParams,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateJobRequest,
  ImportReport,
  JobStats,
  JobStatus,
  JobView,
  Page,
} from '@quorum/contracts';
import { API_BASE_URL } from '@quorum/web/shared/data-access';
import { type Observable, filter, map } from 'rxjs';

export interface JobQuery {
  status?: JobStatus | null;
  limit?: number;
}

/** What an upload goes to: the job's items, or its gold items (each line with its answer). */
export type UploadKind = 'items' | 'gold';

/** Export formats of GET /jobs/:id/results. */
export type ResultsFormat = 'jsonl' | 'csv' | 'preference-pairs';

/** An upload as it goes: bytes sent so far, then the server's import report. */
export type UploadEvent =
  | {
      kind: 'progress';
      loaded: number;
      total: number | null;
      percent: number | null;
    }
  | { kind: 'done'; report: ImportReport };

/** A results export as it arrives: bytes received so far, then the whole file. */
export type DownloadEvent =
  | { kind: 'progress'; loaded: number }
  | { kind: 'done'; blob: Blob; fileName: string };

export const UPLOAD_EXTENSIONS = ['.jsonl', '.ndjson', '.csv'] as const;

/** The Content-Type the API expects for a file, from its extension; null for anything else. */
export function uploadContentType(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson'))
    return 'application/x-ndjson';
  if (name.endsWith('.csv')) return 'text/csv';
  return null;
}

export function resultsFileName(jobId: string, format: ResultsFormat): string {
  return `job-${jobId}-${format}.${format === 'csv' ? 'csv' : 'jsonl'}`;
}

/** Jobs of the caller's lab: create, list, read, upload items and gold, lifecycle, results. */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  list(
    query: JobQuery = {},
    cursor: string | null = null,
  ): Observable<Page<JobView>> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.limit) params = params.set('limit', query.limit);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<Page<JobView>>(`${this.base}/jobs`, { params });
  }

  get(id: string): Observable<JobView> {
    return this.http.get<JobView>(this.jobUrl(id));
  }

  /** Answers per hour (last 7 days), the agreement distribution and answers per vendor. */
  stats(id: string): Observable<JobStats> {
    return this.http.get<JobStats>(`${this.jobUrl(id)}/stats`);
  }

  create(body: CreateJobRequest): Observable<JobView> {
    return this.http.post<JobView>(`${this.base}/jobs`, body);
  }

  /**
   * Sends a JSON Lines or CSV file as the request body (Content-Type from its extension), with
   * upload progress, then the import report. A file with another extension fails before sending.
   */
  upload(id: string, kind: UploadKind, file: File): Observable<UploadEvent> {
    const type = uploadContentType(file.name) ?? 'application/x-ndjson';
    return this.http
      .post<ImportReport>(`${this.jobUrl(id)}/${kind}`, file, {
        headers: new HttpHeaders({ 'Content-Type': type }),
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event): UploadEvent | null => {
          if (event.type === HttpEventType.UploadProgress) {
            const total = event.total ?? (file.size || null);
            return {
              kind: 'progress',
              loaded: event.loaded,
              total,
              percent: total
                ? Math.min(100, Math.round((event.loaded / total) * 100))
                : null,
            };
          }
          if (event.type === HttpEventType.Response && event.body)
            return { kind: 'done', report: event.body };
          return null;
        }),
        filter((event): event is UploadEvent => event !== null),
      );
  }

  publish(id: string): Observable<{ id: string; status: 'published' }> {
    return this.http.post<{ id: string; status: 'published' }>(
      `${this.jobUrl(id)}/publish`,
      {},
    );
  }

  pause(id: string): Observable<JobView> {
    return this.http.post<JobView>(`${this.jobUrl(id)}/pause`, {});
  }

  resume(id: string): Observable<JobView> {
    return this.http.post<JobView>(`${this.jobUrl(id)}/resume`, {});
  }

  cancel(id: string): Observable<JobView> {
    return this.http.post<JobView>(`${this.jobUrl(id)}/cancel`, {});
  }

  /**
   * The results export through HttpClient (the API needs the bearer token, so a plain link cannot
   * fetch it). Read as text so an error answer still carries its problem document.
   */
  downloadResults(
    id: string,
    format: ResultsFormat,
  ): Observable<DownloadEvent> {
    return this.http
      .get(`${this.jobUrl(id)}/results`, {
        params: new HttpParams().set('format', format),
        responseType: 'text',
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event): DownloadEvent | null => {
          if (event.type === HttpEventType.DownloadProgress)
            return { kind: 'progress', loaded: event.loaded };
          if (event.type === HttpEventType.Response) {
            const type =
              event.headers.get('Content-Type') ??
              (format === 'csv' ? 'text/csv' : 'application/x-ndjson');
            return {
              kind: 'done',
              blob: new Blob([event.body ?? ''], { type }),
              fileName: resultsFileName(id, format),
            };
          }
          return null;
        }),
        filter((event): event is DownloadEvent => event !== null),
      );
  }

  private jobUrl(id: string): string {
    return `${this.base}/jobs/${encodeURIComponent(id)}`;
  }
}
