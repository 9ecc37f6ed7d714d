import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { JobStatus } from '@quorum/contracts';
import {
  JOB_STATUS_LABELS,
  JOB_STATUS_LOOK,
} from '@quorum/web/jobs/data-access';
import { Badge } from '@quorum/web/shared/ui';

/** Draft / Published / In progress / Paused / Completed / Cancelled. */
@Component({
  selector: 'q-job-status-badge',
  imports: [Badge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<q-badge [tone]="look().tone" [icon]="look().icon">{{
    label()
  }}</q-badge>`,
})
export class JobStatusBadge {
  readonly status = input.required<JobStatus>();
  protected readonly look = computed(() => JOB_STATUS_LOOK[this.status()]);
  protected readonly label = computed(() => JOB_STATUS_LABELS[this.status()]);
}
