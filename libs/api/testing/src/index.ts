export * from './lib/builders';
export * from './lib/http-client';
