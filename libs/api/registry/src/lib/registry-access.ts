import type { Principal } from '@quorum/api/auth';
import { isPlatformStaff } from '@quorum/api/auth';

/**
 * Who may read which part of the ownership registry: platform staff everything; an organization
 * its own node; a lab also the vendors it might route work to (to see why one is blocked).
 */
export function canReadEntity(principal: Principal, entity: { orgId: string | null; orgKind: string | null }): boolean {
  if (isPlatformStaff(principal)) return true;
  if (entity.orgId && entity.orgId === principal.orgId) return true;
  return principal.orgKind === 'lab' && entity.orgKind === 'vendor';
}
