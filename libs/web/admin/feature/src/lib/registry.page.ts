import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '@quorum/web/shared/ui';

/** Platform landing page. The registry browser arrives with the registry UI; until then it says so. */
@Component({
  selector: 'q-admin-registry-page',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Ownership registry</h1>
      <p class="q-lede">
        Who owns, controls and sits on the boards of the vendors labs rely on.
      </p>
      <q-empty-state
        icon="account_tree"
        heading="The registry browser is not here yet"
        message="Entities, ownership interests and each vendor's effective owners will be listed and graphed on this page. Until it arrives, the registry is kept through the API; its reference is at /api/docs."
      />
    </section>
  `,
})
export class AdminRegistryPage {}
