export * from './lib/builders';
export * from './lib/http-client';
export * from './lib/test-worker';
