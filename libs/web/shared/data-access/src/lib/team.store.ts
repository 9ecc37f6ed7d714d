import { Injectable, computed, inject, signal } from '@angular/core';
import type { CreateMemberRequest, MemberView } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { type Observable, tap } from 'rxjs';
import { OrgApi } from './org.api';

export const TEAM_PAGE_SIZE = 50;

/** Members of the signed-in user's organization. Provide it on the page that shows the team. */
@Injectable()
export class TeamStore {
  private readonly api = inject(OrgApi);

  private readonly orgId = signal<string | null>(null);
  private readonly membersState = signal<readonly MemberView[]>([]);
  private readonly cursorState = signal<string | null>(null);
  private readonly loadingState = signal(false);
  private readonly loadedState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);

  readonly members = this.membersState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  /** True once the first page has answered (so an empty list means "no members", not "not yet"). */
  readonly loaded = this.loadedState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  readonly hasMore = computed(() => this.cursorState() !== null);

  load(orgId: string): void {
    this.orgId.set(orgId);
    this.membersState.set([]);
    this.cursorState.set(null);
    this.loadedState.set(false);
    this.fetch(null);
  }

  loadMore(): void {
    const cursor = this.cursorState();
    if (cursor && !this.loadingState()) this.fetch(cursor);
  }

  /** Creates a member; errors come back to the caller (the dialog shows them beside its fields). */
  add(body: CreateMemberRequest): Observable<MemberView> {
    const orgId = this.requireOrgId();
    return this.api
      .createMember(orgId, body)
      .pipe(
        tap((member) =>
          this.membersState.update((members) => [
            ...members.filter((m) => m.id !== member.id),
            member,
          ]),
        ),
      );
  }

  private fetch(cursor: string | null): void {
    const orgId = this.requireOrgId();
    this.loadingState.set(true);
    this.problemState.set(null);
    this.api.listMembers(orgId, { cursor, limit: TEAM_PAGE_SIZE }).subscribe({
      next: (page) => {
        if (this.orgId() !== orgId) return;
        this.membersState.update((members) =>
          cursor ? [...members, ...page.items] : page.items,
        );
        this.cursorState.set(page.nextCursor);
        this.loadedState.set(true);
        this.loadingState.set(false);
      },
      error: (err: unknown) => {
        this.problemState.set(ApiProblem.from(err));
        this.loadingState.set(false);
      },
    });
  }

  private requireOrgId(): string {
    const orgId = this.orgId();
    if (!orgId) throw new Error('TeamStore.load(orgId) must be called first');
    return orgId;
  }
}
