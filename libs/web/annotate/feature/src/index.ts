export * from './lib/annotate.routes';
