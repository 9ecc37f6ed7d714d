/** Organization kinds. `platform` is the operator's own org; only labs and vendors self-register. */
export const ORG_KINDS = ['lab', 'vendor', 'platform'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const SELF_REGISTERED_ORG_KINDS = ['lab', 'vendor'] as const;

export const ROLES = [
  'lab_admin',
  'lab_member',
  'vendor_admin',
  'annotator',
  'reviewer',
  'platform_admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles an org admin may hand out, per org kind. A lab cannot mint annotators, a vendor cannot mint lab admins. */
export const MEMBER_ROLES_BY_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  lab: ['lab_admin', 'lab_member'],
  vendor: ['vendor_admin', 'annotator', 'reviewer'],
  platform: ['platform_admin', 'auditor'],
};

/** Roles that make a user the admin of their organization. */
export const ORG_ADMIN_ROLES: readonly Role[] = ['lab_admin', 'vendor_admin', 'platform_admin'];

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
  orgName: string;
  orgKind: 'lab' | 'vendor';
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
  roles: Role[];
}

export interface OrgView {
  id: string;
  name: string;
  kind: OrgKind;
  entityId: string;
  createdAt: string;
}

export interface RegisterResponse {
  user: UserSummary;
  org: OrgView;
  accessToken: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: { id: string; email: string; roles: Role[]; orgId: string; displayName: string; orgKind: OrgKind };
}

export interface MeResponse {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
  orgKind: OrgKind;
  orgName: string;
  roles: Role[];
}

export interface CreateMemberRequest {
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

export interface MemberView {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  createdAt: string;
}

/** Claims carried by an access token. Tenancy is read from here only. */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  kind: OrgKind;
  roles: Role[];
}
