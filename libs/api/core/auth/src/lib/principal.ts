import type { OrgKind, Role } from '@quorum/contracts';

/** Who is calling, as proven by the access token. Tenancy comes from here and nowhere else. */
export interface Principal {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  roles: Role[];
}

export const isPlatformStaff = (p: Principal): boolean => p.roles.includes('platform_admin') || p.roles.includes('auditor');
export const hasAnyRole = (p: Principal, roles: readonly Role[]): boolean => roles.some((r) => p.roles.includes(r));
