import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { QueueHealth } from '@quorum/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from './api-config';

/** Background work at a glance (platform admins and auditors). */
@Injectable({ providedIn: 'root' })
export class QueuesApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  /** Jobs per queue and the outbox backlog. */
  health(): Observable<QueueHealth> {
    return this.http.get<QueueHealth>(`${this.base}/admin/queues`);
  }
}
