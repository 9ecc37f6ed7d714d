export * from './lib/tasks.module';
export * from './lib/tasks.processor';
export * from './lib/tasks.service';
export * from './lib/claim.sql';
