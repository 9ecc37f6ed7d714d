import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ConflictPolicy,
  ConflictPolicyView,
  ConflictStatus,
  ConflictView,
  NeutralityMatrix,
  Page,
  VendorListItem,
  WaiveConflictRequest,
} from '@quorum/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from './api-config';
import type { PageQuery } from './org.api';

export interface ConflictQuery extends PageQuery {
  labOrgId?: string | null;
  vendorOrgId?: string | null;
  status?: ConflictStatus | null;
}

/** Conflict policies, conflicts and waivers, the vendor list with neutrality, the lab × vendor matrix. */
@Injectable({ providedIn: 'root' })
export class NeutralityApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  getPolicy(labOrgId: string): Observable<ConflictPolicyView> {
    return this.http.get<ConflictPolicyView>(this.policyUrl(labOrgId));
  }

  putPolicy(
    labOrgId: string,
    policy: ConflictPolicy,
  ): Observable<ConflictPolicyView> {
    return this.http.put<ConflictPolicyView>(this.policyUrl(labOrgId), policy);
  }

  listConflicts(query: ConflictQuery = {}): Observable<Page<ConflictView>> {
    let params = new HttpParams();
    if (query.labOrgId) params = params.set('labOrgId', query.labOrgId);
    if (query.vendorOrgId)
      params = params.set('vendorOrgId', query.vendorOrgId);
    if (query.status) params = params.set('status', query.status);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<ConflictView>>(`${this.base}/conflicts`, {
      params,
    });
  }

  acknowledge(id: string): Observable<ConflictView> {
    return this.http.post<ConflictView>(
      `${this.conflictUrl(id)}/acknowledge`,
      {},
    );
  }

  waive(id: string, body: WaiveConflictRequest): Observable<ConflictView> {
    return this.http.post<ConflictView>(`${this.conflictUrl(id)}/waive`, body);
  }

  approveWaiver(id: string): Observable<ConflictView> {
    return this.http.post<ConflictView>(
      `${this.conflictUrl(id)}/waiver/approve`,
      {},
    );
  }

  /** The caller's lab view of every vendor; platform staff name the lab. */
  vendors(labOrgId?: string): Observable<Page<VendorListItem>> {
    const params = labOrgId
      ? new HttpParams().set('labOrgId', labOrgId)
      : new HttpParams();
    return this.http.get<Page<VendorListItem>>(`${this.base}/vendors`, {
      params,
    });
  }

  matrix(): Observable<NeutralityMatrix> {
    return this.http.get<NeutralityMatrix>(`${this.base}/neutrality/matrix`);
  }

  private policyUrl(labOrgId: string): string {
    return `${this.base}/labs/${encodeURIComponent(labOrgId)}/conflict-policy`;
  }

  private conflictUrl(id: string): string {
    return `${this.base}/conflicts/${encodeURIComponent(id)}`;
  }
}
