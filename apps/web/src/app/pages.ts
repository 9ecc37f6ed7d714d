import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { AuthStore } from '@quorum/web/shared/data-access';
import { EmptyState } from '@quorum/web/shared/ui';

/** For a signed-in user none of whose roles opens an area (an org without roles assigned yet). */
@Component({
  selector: 'q-no-access-page',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>No area to show</h1>
      <q-empty-state
        icon="shield"
        heading="Your account has no role yet"
        message="Ask an administrator of your organization to give you a role, then sign in again."
        actionLabel="Sign out"
        (action)="signOut()"
      />
    </section>
  `,
})
export class NoAccessPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected signOut(): void {
    this.auth.logout();
    void this.router.navigate(['/', WEB_ROUTES.login]);
  }
}

@Component({
  selector: 'q-not-found-page',
  imports: [EmptyState, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Page not found</h1>
      <q-empty-state
        icon="error"
        heading="There is nothing at this address"
        message="The link may be out of date."
      >
        <a mat-stroked-button routerLink="/">Go to your home page</a>
      </q-empty-state>
    </section>
  `,
})
export class NotFoundPage {}
