import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditCheckpointVerifyRequest,
  AuditCheckpointVerifyResponse,
  AuditCheckpointView,
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

  /** Signed checkpoints of the chain head, newest first. */
  checkpoints(query: PageQuery = {}): Observable<Page<AuditCheckpointView>> {
    let params = new HttpParams();
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<AuditCheckpointView>>(
      `${this.base}/audit/checkpoints`,
      { params },
    );
  }

  /** Signs the current head now (409 when the chain is broken or contradicts a checkpoint). */
  createCheckpoint(): Observable<AuditCheckpointView> {
    return this.http.post<AuditCheckpointView>(
      `${this.base}/audit/checkpoints`,
      null,
    );
  }

  /** Checks a checkpoint kept outside Quorum against the chain as it is now. */
  verifyCheckpoint(
    kept: AuditCheckpointVerifyRequest,
  ): Observable<AuditCheckpointVerifyResponse> {
    // Only the signed fields: the server rejects anything else (keyId included).
    const body: AuditCheckpointVerifyRequest = {
      seq: kept.seq,
      headHash: kept.headHash,
      at: kept.at,
      signature: kept.signature,
    };
    return this.http.post<AuditCheckpointVerifyResponse>(
      `${this.base}/audit/checkpoints/verify`,
      body,
    );
  }
}
