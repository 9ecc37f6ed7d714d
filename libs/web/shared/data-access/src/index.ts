export * from './lib/api-config';
export * from './lib/api.interceptor';
export * from './lib/auth.api';
export * from './lib/auth.store';
export * from './lib/guards';
export * from './lib/login-redirect';
export * from './lib/org.api';
export * from './lib/team.store';
