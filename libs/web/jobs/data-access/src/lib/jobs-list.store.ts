import { Injectable, inject } from '@angular/core';
import type { JobView } from '@quorum/contracts';
import { PagedList } from '@quorum/web/shared/data-access';
import { type JobQuery, JobsApi } from './jobs.api';

/** The lab's jobs, newest first, a page at a time. Provide it on the jobs page. */
@Injectable()
export class JobsListStore {
  private readonly api = inject(JobsApi);
  private readonly list = new PagedList<JobView, JobQuery>(
    (query, cursor) => this.api.list(query, cursor),
    (job) => job.id,
  );

  readonly jobs = this.list.items;
  readonly loading = this.list.loading;
  readonly loaded = this.list.loaded;
  readonly problem = this.list.problem;
  readonly hasMore = this.list.hasMore;

  load(query: JobQuery = {}): void {
    this.list.load(query);
  }

  loadMore(): void {
    this.list.loadMore();
  }
}
