import type { Role } from '@quorum/contracts';

export const ROLE_LABELS: Record<Role, string> = {
  lab_admin: 'Lab admin',
  lab_member: 'Lab member',
  vendor_admin: 'Vendor admin',
  annotator: 'Annotator',
  reviewer: 'Reviewer',
  platform_admin: 'Platform admin',
  auditor: 'Auditor',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role] ?? role;
}

/**
 * The API's password rule (RegisterDto/CreateMemberDto). Mirrored here for instant feedback;
 * the server's 400 stays the authority.
 */
export const PASSWORD_MIN_LENGTH = 12;
