export * from './lib/vendor.routes';
