import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditEventView,
  AuditVerifyResponse,
  Page,
} from '@quorum/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from './api-config';
import type { PageQuery } from './org.api';

export interface AuditQuery extends PageQuery {
  type?: string | null;
  subject?: string | null;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  list(query: AuditQuery = {}): Observable<Page<AuditEventView>> {
    let params = new HttpParams();
    if (query.type) params = params.set('type', query.type);
    if (query.subject) params = params.set('subject', query.subject);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<AuditEventView>>(`${this.base}/audit`, {
      params,
    });
  }

  verify(): Observable<AuditVerifyResponse> {
    return this.http.get<AuditVerifyResponse>(`${this.base}/audit/verify`);
  }
}
