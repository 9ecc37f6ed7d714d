export * from './lib/assert-unreachable';
export * from './lib/canonical-json';
