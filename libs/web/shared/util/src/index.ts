export * from './lib/api-problem';
export * from './lib/areas';
export * from './lib/roles';
export * from './lib/server-errors';
