import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { type MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { AuthStore } from '@quorum/web/shared/data-access';
import { AreaNav, UserMenu } from '@quorum/web/shared/ui';
import { map } from 'rxjs';

/** Below this width the navigation becomes an overlay opened from the toolbar. */
const NARROW = '(max-width: 839.98px)';

/** Layout of every signed-in page: toolbar, the areas the user's roles open, and the routed page. */
@Component({
  selector: 'q-shell',
  imports: [
    MatToolbarModule,
    MatSidenavModule,
    MatButtonModule,
    MatIconModule,
    RouterOutlet,
    RouterLink,
    AreaNav,
    UserMenu,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar class="toolbar">
      @if (narrow()) {
        <button
          mat-icon-button
          type="button"
          aria-label="Toggle navigation"
          (click)="drawer.toggle()"
        >
          <mat-icon svgIcon="menu" aria-hidden="true" />
        </button>
      }
      <a class="brand" routerLink="/">Quorum</a>
      <span class="spacer"></span>
      @if (auth.user(); as user) {
        <q-user-menu
          [displayName]="user.displayName"
          [orgName]="user.orgName"
          [email]="user.email"
          (signOut)="signOut()"
        />
      }
    </mat-toolbar>
    <mat-sidenav-container class="container">
      <mat-sidenav
        #drawer
        class="sidenav"
        [mode]="narrow() ? 'over' : 'side'"
        [opened]="!narrow()"
      >
        <q-area-nav
          [areas]="auth.areas()"
          (navigated)="closeIfOverlay(drawer)"
        />
      </mat-sidenav>
      <mat-sidenav-content>
        <main class="content">
          <router-outlet />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100dvh;
    }
    .toolbar {
      position: relative;
      z-index: 2;
      gap: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .brand {
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
      letter-spacing: 0.02em;
    }
    .spacer {
      flex: 1;
    }
    .container {
      flex: 1;
    }
    .sidenav {
      width: 240px;
      border-right: 1px solid var(--mat-sys-outline-variant);
    }
    .content {
      display: block;
      padding: 24px;
    }
  `,
})
export class Shell {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  private readonly breakpoints = inject(BreakpointObserver);
  protected readonly narrow = toSignal(
    this.breakpoints.observe(NARROW).pipe(map((state) => state.matches)),
    // Start in the right mode so a phone does not flash an open drawer.
    { initialValue: this.breakpoints.isMatched(NARROW) },
  );

  protected closeIfOverlay(drawer: MatSidenav): void {
    if (this.narrow()) void drawer.close();
  }

  protected signOut(): void {
    this.auth.logout();
    void this.router.navigate(['/', WEB_ROUTES.login]);
  }
}
