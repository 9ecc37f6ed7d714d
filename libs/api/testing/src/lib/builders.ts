import { randomBytes } from 'node:crypto';
import type { LoginResponse, RegisterRequest, RegisterResponse, Role } from '@quorum/contracts';
import type { TestHttpClient } from './http-client';

const unique = () => randomBytes(4).toString('hex');

export const TEST_PASSWORD = 'correct-horse-battery';

export function aRegistration(over: Partial<RegisterRequest> = {}): RegisterRequest {
  const id = unique();
  return {
    email: `admin-${id}@example.test`,
    password: TEST_PASSWORD,
    displayName: `Admin ${id}`,
    orgName: `Org ${id}`,
    orgKind: 'lab',
    ...over,
  };
}

export interface TestTenant {
  orgId: string;
  entityId: string;
  adminToken: string;
  adminId: string;
  email: string;
}

/** Registers an organization through the API and returns its admin's token. */
export async function registerTenant(http: TestHttpClient, over: Partial<RegisterRequest> = {}): Promise<TestTenant> {
  const registration = aRegistration(over);
  const res = await http.post<RegisterResponse>('/api/v1/auth/register', registration);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { orgId: res.body.org.id, entityId: res.body.org.entityId, adminToken: res.body.accessToken, adminId: res.body.user.id, email: registration.email };
}

/** Adds a member through the API and logs them in. */
export async function addMember(http: TestHttpClient, tenant: TestTenant, role: Role): Promise<{ id: string; token: string; email: string }> {
  const email = `${role}-${unique()}@example.test`;
  const created = await http.post<{ id: string }>(`/api/v1/orgs/${tenant.orgId}/members`, { email, password: TEST_PASSWORD, displayName: `${role} ${unique()}`, role }, tenant.adminToken);
  if (created.status !== 201) throw new Error(`add member failed: ${created.status} ${created.text}`);
  const login = await http.post<LoginResponse>('/api/v1/auth/login', { email, password: TEST_PASSWORD });
  return { id: created.body.id, token: login.body.accessToken, email };
}
