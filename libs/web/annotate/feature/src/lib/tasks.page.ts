import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '@quorum/web/shared/ui';

/** Annotator landing page. Task work arrives with the tasks feature; until then it says so. */
@Component({
  selector: 'q-annotate-tasks-page',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Annotate</h1>
      <p class="q-lede">
        Claim the next task and answer it, one item at a time.
      </p>
      <q-empty-state
        icon="edit"
        heading="No tasks for you yet"
        message="When your vendor accepts work that a lab routed to it, you will claim tasks here and complete them from the keyboard. Task work is not available in this version yet."
      />
    </section>
  `,
})
export class AnnotateTasksPage {}
