import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  EffectiveOwnerView,
  EntityView,
  InterestView,
} from '@quorum/contracts';
import {
  ApiProblem,
  type EntityRef,
  buildOwnershipGraph,
  type RecordInterestRequest,
  interestInForce,
} from '@quorum/web/shared/util';
import {
  type Observable,
  type Subscription,
  catchError,
  forkJoin,
  map,
  of,
  switchMap,
  tap,
} from 'rxjs';
import { RegistryApi } from './registry.api';

interface Snapshot {
  entity: EntityView;
  owners: EffectiveOwnerView[];
  asOf: string;
  interests: InterestView[];
  names: ReadonlyMap<string, EntityRef>;
}

/**
 * One entity's ownership as of a date: its effective owners, the statements around it, and the
 * graph drawn from both. Provide it on the entity page.
 */
@Injectable()
export class EntityOwnershipStore {
  private readonly api = inject(RegistryApi);
  private readonly snapshotState = signal<Snapshot | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly request = signal<{ id: string; asOf: string | null } | null>(
    null,
  );
  private inFlight: Subscription | null = null;

  readonly entity = computed(() => this.snapshotState()?.entity ?? null);
  readonly owners = computed(() => this.snapshotState()?.owners ?? []);
  /** The date the figures hold for (the server's today when none was asked). */
  readonly asOf = computed(() => this.snapshotState()?.asOf ?? null);
  readonly interests = computed(() => this.snapshotState()?.interests ?? []);
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  /** Name of any entity on this page (the entity, its owners, the other side of its statements). */
  readonly nameOf = computed(() => {
    const snap = this.snapshotState();
    const names = new Map<string, string>();
    if (snap) {
      for (const [id, ref] of snap.names) names.set(id, ref.name);
      for (const owner of snap.owners) names.set(owner.entityId, owner.name);
      names.set(snap.entity.id, snap.entity.name);
    }
    return (id: string) => names.get(id) ?? `Entity ${id.slice(0, 8)}`;
  });

  readonly graph = computed(() => {
    const snap = this.snapshotState();
    if (!snap) return null;
    return buildOwnershipGraph(
      { id: snap.entity.id, name: snap.entity.name, kind: snap.entity.kind },
      snap.owners,
      {
        interests: snap.interests.filter((i) => interestInForce(i, snap.asOf)),
        names: snap.names,
      },
    );
  });

  load(entityId: string, asOf: string | null = null): void {
    this.request.set({ id: entityId, asOf });
    this.inFlight?.unsubscribe();
    if (this.snapshotState()?.entity.id !== entityId)
      this.snapshotState.set(null);
    this.loadingState.set(true);
    this.problemState.set(null);
    this.inFlight = forkJoin({
      entity: this.api.getEntity(entityId),
      answer: this.api.effectiveOwners(entityId, asOf),
      interests: this.api.listInterests(entityId),
    })
      .pipe(
        switchMap(({ entity, answer, interests }) =>
          this.namesFor(entity, answer.items, interests.items).pipe(
            map(
              (names): Snapshot => ({
                entity,
                owners: answer.items,
                asOf: answer.asOf,
                interests: interests.items,
                names,
              }),
            ),
          ),
        ),
      )
      .subscribe({
        next: (snapshot) => {
          this.snapshotState.set(snapshot);
          this.loadingState.set(false);
        },
        error: (err: unknown) => {
          this.problemState.set(ApiProblem.from(err));
          this.loadingState.set(false);
        },
      });
  }

  reload(): void {
    const request = this.request();
    if (request) this.load(request.id, request.asOf);
  }

  /** Ends a statement and reloads the figures, which may change with it. */
  endInterest(id: string, endDate: string): Observable<InterestView> {
    return this.api.endInterest(id, endDate).pipe(tap(() => this.reload()));
  }

  recordInterest(body: RecordInterestRequest): Observable<InterestView> {
    return this.api.recordInterest(body).pipe(tap(() => this.reload()));
  }

  /**
   * Names of the other entities on paths and statements that are neither this entity nor one of
   * its owners (what it owns, mostly): one lookup each, usually none or a few.
   */
  private namesFor(
    entity: EntityView,
    owners: readonly EffectiveOwnerView[],
    interests: readonly InterestView[],
  ): Observable<ReadonlyMap<string, EntityRef>> {
    const known = new Set([entity.id, ...owners.map((o) => o.entityId)]);
    const missing = new Set<string>();
    const note = (id: string) => {
      if (!known.has(id)) missing.add(id);
    };
    for (const owner of owners)
      for (const path of owner.paths)
        for (const step of path) {
          note(step.from);
          note(step.to);
        }
    for (const interest of interests) {
      note(interest.interestedPartyId);
      note(interest.subjectId);
    }
    if (!missing.size) return of(new Map());
    return forkJoin(
      [...missing].map((id) =>
        this.api.getEntity(id).pipe(catchError(() => of(null))),
      ),
    ).pipe(
      map(
        (found) =>
          new Map(
            found
              .filter((e): e is EntityView => e !== null)
              .map((e) => [e.id, { id: e.id, name: e.name, kind: e.kind }]),
          ),
      ),
    );
  }
}
