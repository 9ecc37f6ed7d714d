import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthStore } from '@quorum/web/shared/data-access';
import { EmptyState } from '@quorum/web/shared/ui';

/** Lab landing page. Jobs arrive with the jobs feature; until then it says so instead of showing samples. */
@Component({
  selector: 'q-lab-jobs-page',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Jobs</h1>
      <p class="q-lede">
        Labeling and RLHF jobs of {{ auth.user()?.orgName }}.
      </p>
      <q-empty-state
        icon="work"
        heading="No jobs yet"
        message="Jobs your lab posts will be listed here with their progress, routing and quality. Posting jobs is not available in this version yet."
        [actionLabel]="auth.isOrgAdmin() ? 'Set up your team' : undefined"
        (action)="openTeam()"
      />
    </section>
  `,
})
export class LabJobsPage {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected openTeam(): void {
    void this.router.navigate(['team'], { relativeTo: this.route });
  }
}
