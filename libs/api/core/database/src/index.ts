export * from './lib/cursor';
export * from './lib/data-source-options';
export * from './lib/pg-errors';
