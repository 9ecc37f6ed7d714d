export * from './lib/aggregation';
export * from './lib/quality.module';
export * from './lib/quality.processor';
export * from './lib/quality.service';
export * from './lib/vendor-quality.module';
