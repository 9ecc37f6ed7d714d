export * from './lib/datasets';
export * from './lib/item-import.service';
export * from './lib/job.dto';
export * from './lib/jobs.module';
export * from './lib/jobs.service';
export * from './lib/routing.processor';
export * from './lib/task-types';
