import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnnotatorStats,
  NextTaskRequest,
  ReviewView,
  SubmitAnswerRequest,
  SubmitAnswerResponse,
  TaskView,
} from '@quorum/contracts';
import { API_BASE_URL } from '@quorum/web/shared/data-access';
import { type Observable, map } from 'rxjs';

/** The annotator and reviewer endpoints. A 204 ("nothing for you now") comes back as null. */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  next(jobId?: string | null): Observable<TaskView | null> {
    const body: NextTaskRequest = jobId ? { jobId } : {};
    return this.http
      .post<TaskView | null>(`${this.base}/tasks/next`, body, {
        observe: 'response',
      })
      .pipe(map((res) => (res.status === 204 ? null : res.body)));
  }

  submit(
    assignmentId: string,
    body: SubmitAnswerRequest,
    idempotencyKey: string,
  ): Observable<SubmitAnswerResponse> {
    return this.http.post<SubmitAnswerResponse>(
      `${this.base}/tasks/${encodeURIComponent(assignmentId)}/submit`,
      body,
      { headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) },
    );
  }

  skip(assignmentId: string): Observable<{ skipped: true }> {
    return this.http.post<{ skipped: true }>(
      `${this.base}/tasks/${encodeURIComponent(assignmentId)}/skip`,
      {},
    );
  }

  heartbeat(assignmentId: string): Observable<{ leaseExpiresAt: string }> {
    return this.http.post<{ leaseExpiresAt: string }>(
      `${this.base}/tasks/${encodeURIComponent(assignmentId)}/heartbeat`,
      {},
    );
  }

  stats(): Observable<AnnotatorStats> {
    return this.http.get<AnnotatorStats>(`${this.base}/tasks/stats`);
  }

  nextReview(): Observable<ReviewView | null> {
    return this.http
      .post<ReviewView | null>(
        `${this.base}/reviews/next`,
        {},
        { observe: 'response' },
      )
      .pipe(map((res) => (res.status === 204 ? null : res.body)));
  }

  decide(reviewId: string, aggregate: unknown): Observable<{ status: 'reviewed' }> {
    return this.http.post<{ status: 'reviewed' }>(
      `${this.base}/reviews/${encodeURIComponent(reviewId)}/decision`,
      { aggregate },
    );
  }
}
