import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthStore } from '@quorum/web/shared/data-access';
import { EmptyState } from '@quorum/web/shared/ui';

/** Vendor landing page. Routed work arrives with the routing feature; until then it says so. */
@Component({
  selector: 'q-vendor-routed-work-page',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Routed work</h1>
      <p class="q-lede">Jobs labs have routed to {{ auth.user()?.orgName }}.</p>
      <q-empty-state
        icon="inbox"
        heading="No routed work yet"
        message="Jobs that labs route to your organization will be listed here for you to accept or decline. Routing is not available in this version yet; meanwhile you can add your annotators and reviewers."
        actionLabel="Manage your team"
        (action)="openTeam()"
      />
    </section>
  `,
})
export class VendorRoutedWorkPage {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected openTeam(): void {
    void this.router.navigate(['team'], { relativeTo: this.route });
  }
}
