export * from './lib/jobs.api';
export * from './lib/job.store';
export * from './lib/jobs-list.store';
export * from './lib/vendor-work.api';
export * from './lib/vendor-work.store';
export * from './lib/vendor-profile.store';
export * from './lib/job-labels';
