export * from './lib/auth.routes';
export * from './lib/login.page';
export * from './lib/register.page';
