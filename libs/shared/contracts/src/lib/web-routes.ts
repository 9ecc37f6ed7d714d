/** Top-level paths of the web client, shared by the router, the navigation and e2e specs. */
export const WEB_ROUTES = {
  login: 'login',
  register: 'register',
  lab: 'lab',
  annotate: 'annotate',
  vendor: 'vendor',
  admin: 'admin',
} as const;
