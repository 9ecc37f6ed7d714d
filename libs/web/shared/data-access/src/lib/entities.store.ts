import { Injectable, inject } from '@angular/core';
import type { EntityView } from '@quorum/contracts';
import { type Observable, tap } from 'rxjs';
import { PagedList } from './paged-list';
import type { CreateEntityRequest } from '@quorum/web/shared/util';
import { type EntityQuery, RegistryApi } from './registry.api';

export const ENTITIES_PAGE_SIZE = 50;

/** Registry entities, searched by name. Provide it on the registry page. */
@Injectable()
export class EntitiesStore {
  private readonly api = inject(RegistryApi);
  private readonly list = new PagedList<EntityView, EntityQuery>(
    (query, cursor) =>
      this.api.listEntities({ ...query, cursor, limit: ENTITIES_PAGE_SIZE }),
    (e) => e.id,
  );

  readonly entities = this.list.items;
  readonly loading = this.list.loading;
  readonly loaded = this.list.loaded;
  readonly problem = this.list.problem;
  readonly hasMore = this.list.hasMore;
  readonly query = this.list.query;

  search(query: EntityQuery = {}): void {
    this.list.load({ q: query.q?.trim() || null, kind: query.kind ?? null });
  }

  loadMore(): void {
    this.list.loadMore();
  }

  /**
   * Creates an entity. The list is oldest first, so the new one is shown at once only when the last
   * page is already loaded; otherwise it is at the end of the list.
   */
  create(body: CreateEntityRequest): Observable<EntityView> {
    return this.api.createEntity(body).pipe(
      tap((entity) => {
        const query = this.list.query();
        const q = query?.q?.toLowerCase();
        const matches =
          (!q || entity.name.toLowerCase().includes(q)) &&
          (!query?.kind || query.kind === entity.kind);
        if (this.list.loaded() && !this.list.hasMore() && matches)
          this.list.append(entity);
      }),
    );
  }
}
