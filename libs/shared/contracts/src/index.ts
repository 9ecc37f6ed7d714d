export * from './lib/audit';
export * from './lib/http';
export * from './lib/identity';
export * from './lib/jobs';
export * from './lib/neutrality';
export * from './lib/queues';
export * from './lib/registry';
export * from './lib/web-routes';
