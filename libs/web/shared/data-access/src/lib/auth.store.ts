import { Injectable, computed, inject, signal } from '@angular/core';
import {
  ORG_ADMIN_ROLES,
  type LoginRequest,
  type MeResponse,
  type RegisterRequest,
  type Role,
} from '@quorum/contracts';
import { areasForRoles, homePathForRoles } from '@quorum/web/shared/util';
import {
  type Observable,
  catchError,
  finalize,
  map,
  of,
  shareReplay,
  switchMap,
  tap,
  throwError,
} from 'rxjs';
import { TOKEN_STORAGE } from './api-config';
import { AuthApi } from './auth.api';

export const ACCESS_TOKEN_KEY = 'quorum.accessToken';

/**
 * Who is signed in. The access token survives reloads in storage; the user is fetched again from
 * `/auth/me` (guards call `ensureUser`) so roles and org always come from the server.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly storage = inject(TOKEN_STORAGE);

  private readonly tokenState = signal<string | null>(
    this.storage.getItem(ACCESS_TOKEN_KEY),
  );
  private readonly userState = signal<MeResponse | null>(null);
  private pendingMe: Observable<MeResponse> | null = null;

  readonly token = this.tokenState.asReadonly();
  readonly user = this.userState.asReadonly();
  readonly isLoggedIn = computed(() => this.tokenState() !== null);
  readonly roles = computed<readonly Role[]>(
    () => this.userState()?.roles ?? [],
  );
  readonly orgKind = computed(() => this.userState()?.orgKind ?? null);
  readonly isOrgAdmin = computed(() =>
    this.roles().some((role) => ORG_ADMIN_ROLES.includes(role)),
  );
  /** Areas the navigation shows. */
  readonly areas = computed(() => areasForRoles(this.roles()));
  /** Where `/` leads this user; null when no role opens an area. */
  readonly homePath = computed(() => homePathForRoles(this.roles()));

  login(body: LoginRequest): Observable<MeResponse> {
    return this.api.login(body).pipe(
      tap((res) => this.setToken(res.accessToken)),
      // The login answer lacks the org name the shell shows, so the profile comes from /auth/me.
      switchMap(() => this.loadMe()),
      catchError((err: unknown) => {
        this.logout();
        return throwError(() => err);
      }),
    );
  }

  register(body: RegisterRequest): Observable<MeResponse> {
    return this.api.register(body).pipe(
      map((res) => {
        this.setToken(res.accessToken);
        const me: MeResponse = {
          id: res.user.id,
          email: res.user.email,
          displayName: res.user.displayName,
          orgId: res.org.id,
          orgKind: res.org.kind,
          orgName: res.org.name,
          roles: res.user.roles,
        };
        this.userState.set(me);
        return me;
      }),
    );
  }

  /** Fetches the profile; concurrent callers share one request. */
  loadMe(): Observable<MeResponse> {
    if (!this.pendingMe) {
      this.pendingMe = this.api.me().pipe(
        tap((me) => this.userState.set(me)),
        finalize(() => (this.pendingMe = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.pendingMe;
  }

  /**
   * The signed-in user, loading it once after a reload. Emits null when there is no token or the
   * profile cannot be loaded; the session is then dropped so the login page is a clean start.
   */
  ensureUser(): Observable<MeResponse | null> {
    if (!this.tokenState()) return of(null);
    const user = this.userState();
    if (user) return of(user);
    return this.loadMe().pipe(
      catchError(() => {
        this.logout();
        return of(null);
      }),
    );
  }

  logout(): void {
    this.tokenState.set(null);
    this.userState.set(null);
    this.storage.removeItem(ACCESS_TOKEN_KEY);
  }

  private setToken(token: string): void {
    this.tokenState.set(token);
    this.storage.setItem(ACCESS_TOKEN_KEY, token);
  }
}
