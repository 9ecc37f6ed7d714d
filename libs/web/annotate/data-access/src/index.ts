export * from './lib/annotate.store';
export * from './lib/idempotency-key';
export * from './lib/review.store';
export * from './lib/tasks.api';
