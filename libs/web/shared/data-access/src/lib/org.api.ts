import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateMemberRequest,
  MemberView,
  OrgView,
  Page,
} from '@quorum/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from './api-config';

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
}

@Injectable({ providedIn: 'root' })
export class OrgApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  get(orgId: string): Observable<OrgView> {
    return this.http.get<OrgView>(
      `${this.base}/orgs/${encodeURIComponent(orgId)}`,
    );
  }

  listMembers(
    orgId: string,
    query: PageQuery = {},
  ): Observable<Page<MemberView>> {
    let params = new HttpParams();
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<MemberView>>(
      `${this.base}/orgs/${encodeURIComponent(orgId)}/members`,
      { params },
    );
  }

  createMember(
    orgId: string,
    body: CreateMemberRequest,
  ): Observable<MemberView> {
    return this.http.post<MemberView>(
      `${this.base}/orgs/${encodeURIComponent(orgId)}/members`,
      body,
    );
  }
}
