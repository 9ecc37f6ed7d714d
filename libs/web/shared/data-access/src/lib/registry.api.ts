import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EffectiveOwnerView,
  EntityKind,
  EntityView,
  InterestView,
  Page,
} from '@quorum/contracts';
import type {
  BodsImportResult,
  CreateEntityRequest,
  RecordInterestRequest,
} from '@quorum/web/shared/util';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from './api-config';
import type { PageQuery } from './org.api';

export interface EffectiveOwnersAnswer {
  items: EffectiveOwnerView[];
  asOf: string;
}

export interface EntityQuery extends PageQuery {
  q?: string | null;
  kind?: EntityKind | null;
}

/** BODS documents are JSON arrays or JSON Lines; the server reads either by its content type. */
export function bodsContentType(fileName: string): string {
  return /\.(jsonl|ndjson)$/i.test(fileName)
    ? 'application/x-ndjson'
    : 'application/json';
}

/** The ownership registry: entities, interest statements, effective owners, BODS import. */
@Injectable({ providedIn: 'root' })
export class RegistryApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  listEntities(query: EntityQuery = {}): Observable<Page<EntityView>> {
    let params = new HttpParams();
    if (query.q) params = params.set('q', query.q);
    if (query.kind) params = params.set('kind', query.kind);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<EntityView>>(`${this.base}/entities`, {
      params,
    });
  }

  getEntity(id: string): Observable<EntityView> {
    return this.http.get<EntityView>(this.entityUrl(id));
  }

  createEntity(body: CreateEntityRequest): Observable<EntityView> {
    return this.http.post<EntityView>(`${this.base}/entities`, body);
  }

  effectiveOwners(
    id: string,
    asOf?: string | null,
  ): Observable<EffectiveOwnersAnswer> {
    const params = asOf ? new HttpParams().set('asOf', asOf) : new HttpParams();
    return this.http.get<EffectiveOwnersAnswer>(
      `${this.entityUrl(id)}/effective-owners`,
      { params },
    );
  }

  /** Statements around an entity, ended ones included (they stay on record). */
  listInterests(entityId: string): Observable<Page<InterestView>> {
    const params = new HttpParams()
      .set('entityId', entityId)
      .set('includeEnded', 'true');
    return this.http.get<Page<InterestView>>(`${this.base}/interests`, {
      params,
    });
  }

  recordInterest(body: RecordInterestRequest): Observable<InterestView> {
    return this.http.post<InterestView>(`${this.base}/interests`, body);
  }

  endInterest(id: string, endDate: string): Observable<InterestView> {
    return this.http.post<InterestView>(
      `${this.base}/interests/${encodeURIComponent(id)}/end`,
      { endDate },
    );
  }

  /** Sends the file's text as is, typed by its extension (see bodsContentType). */
  importBods(text: string, contentType: string): Observable<BodsImportResult> {
    return this.http.post<BodsImportResult>(
      `${this.base}/interests/import`,
      text,
      { headers: new HttpHeaders({ 'Content-Type': contentType }) },
    );
  }

  private entityUrl(id: string): string {
    return `${this.base}/entities/${encodeURIComponent(id)}`;
  }
}
