export * from './lib/lab.routes';
