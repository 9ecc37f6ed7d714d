export * from './lib/domain-error';
export * from './lib/problem.filter';
export * from './lib/validation';
export * from './lib/uuid.pipe';
export * from './lib/read-body';
