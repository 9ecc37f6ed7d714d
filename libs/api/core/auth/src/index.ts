export * from './lib/auth.guard';
export * from './lib/auth.module';
export * from './lib/decorators';
export * from './lib/password-hasher';
export * from './lib/principal';
