export * from './lib/allocation';
export * from './lib/routing.module';
export * from './lib/routing.service';
export * from './lib/vendor-profile.dto';
export * from './lib/vendor-profile.service';
export * from './lib/vendor-quality';
