export * from './lib/add-member-dialog';
export * from './lib/area-nav';
export * from './lib/empty-state';
export * from './lib/icons';
export * from './lib/member-list';
export * from './lib/problem-alert';
export * from './lib/role-label.pipe';
export * from './lib/user-menu';
