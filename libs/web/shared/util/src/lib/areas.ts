import { WEB_ROUTES, type Role } from '@quorum/contracts';

export type AreaKey = 'lab' | 'annotate' | 'vendor' | 'admin';

export interface AreaLink {
  /** Path relative to the area root. */
  path: string;
  label: string;
  icon: string;
}

export interface Area {
  key: AreaKey;
  /** Top-level route path (from WEB_ROUTES). */
  path: string;
  label: string;
  icon: string;
  roles: readonly Role[];
  /** Pages of the area besides its landing page, listed under it in the navigation. */
  subpages: readonly AreaLink[];
}

/** Pages of the lab area, relative to /lab. */
export const LAB_PAGES = {
  /** Jobs are listed on the lab landing page; one job is `jobs/:id`, the wizard `jobs/new`. */
  jobs: 'jobs',
  newJob: 'new',
  vendors: 'vendors',
  conflicts: 'conflicts',
  policy: 'policy',
  team: 'team',
} as const;

/** Pages of the vendor area, relative to /vendor (routed work is its landing page). */
export const VENDOR_PAGES = {
  profile: 'profile',
  team: 'team',
  performance: 'performance',
} as const;

/** Pages of the admin area, relative to /admin (the ownership registry is its landing page). */
export const ADMIN_PAGES = {
  entities: 'entities',
  conflicts: 'conflicts',
  matrix: 'matrix',
  audit: 'audit',
  queues: 'queues',
} as const;

/**
 * The four areas of the client, in the order the navigation lists them and in the order a user's
 * home is chosen (a lab admin who is also an auditor lands in Lab).
 */
export const AREAS: readonly Area[] = [
  {
    key: 'lab',
    path: WEB_ROUTES.lab,
    label: 'Lab',
    icon: 'science',
    roles: ['lab_admin', 'lab_member'],
    subpages: [
      { path: LAB_PAGES.vendors, label: 'Vendors', icon: 'store' },
      { path: LAB_PAGES.conflicts, label: 'Conflicts', icon: 'warning' },
      { path: LAB_PAGES.policy, label: 'Conflict policy', icon: 'tune' },
      { path: LAB_PAGES.team, label: 'Team', icon: 'group' },
    ],
  },
  {
    key: 'vendor',
    path: WEB_ROUTES.vendor,
    label: 'Vendor',
    icon: 'store',
    roles: ['vendor_admin'],
    subpages: [
      { path: VENDOR_PAGES.profile, label: 'Profile', icon: 'badge' },
      { path: VENDOR_PAGES.team, label: 'Team', icon: 'group' },
      {
        path: VENDOR_PAGES.performance,
        label: 'Performance',
        icon: 'trending_up',
      },
    ],
  },
  {
    key: 'annotate',
    path: WEB_ROUTES.annotate,
    label: 'Annotate',
    icon: 'edit',
    roles: ['annotator', 'reviewer'],
    subpages: [],
  },
  {
    key: 'admin',
    path: WEB_ROUTES.admin,
    label: 'Admin',
    icon: 'shield',
    roles: ['platform_admin', 'auditor'],
    subpages: [
      { path: ADMIN_PAGES.conflicts, label: 'Conflicts', icon: 'warning' },
      { path: ADMIN_PAGES.matrix, label: 'Neutrality matrix', icon: 'grid_on' },
      { path: ADMIN_PAGES.audit, label: 'Audit log', icon: 'history' },
      { path: ADMIN_PAGES.queues, label: 'Queue health', icon: 'speed' },
    ],
  },
];

export function areaByKey(key: AreaKey): Area {
  const area = AREAS.find((a) => a.key === key);
  if (!area) throw new Error(`Unknown area ${key}`);
  return area;
}

export function canEnterArea(roles: readonly Role[], key: AreaKey): boolean {
  const area = areaByKey(key);
  return area.roles.some((role) => roles.includes(role));
}

/** The areas a user with these roles may see, in navigation order. */
export function areasForRoles(roles: readonly Role[]): Area[] {
  return AREAS.filter((area) =>
    area.roles.some((role) => roles.includes(role)),
  );
}

/** Where a user lands after signing in or opening `/`; null when no role opens any area. */
export function homePathForRoles(roles: readonly Role[]): string | null {
  const first = areasForRoles(roles)[0];
  return first ? `/${first.path}` : null;
}

/**
 * Accepts a post-login return URL only when it stays inside this app (a path, not `//host` or a
 * scheme), so a crafted `?returnUrl=` cannot send a user elsewhere.
 */
export function safeReturnUrl(url: string | null | undefined): string | null {
  if (
    !url ||
    !url.startsWith('/') ||
    url.startsWith('//') ||
    url.startsWith('/\\')
  )
    return null;
  if (
    url === '/' ||
    url.startsWith(`/${WEB_ROUTES.login}`) ||
    url.startsWith(`/${WEB_ROUTES.register}`)
  )
    return null;
  return url;
}
